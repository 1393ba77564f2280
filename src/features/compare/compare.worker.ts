/**
 * A Compare lane worker: runs each job's scenario to the end (no animation, no real-time pacing),
 * reporting progress per slice, then posts the totals and the full series.
 */
import type { CompareJob, CompareWorkerEvent } from './compare-protocol';
import { runToEnd } from './run-lane';

const scope = self as unknown as {
  postMessage(message: CompareWorkerEvent): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<CompareJob>) => void): void;
};

scope.addEventListener('message', (e) => {
  const job = e.data;
  const started = performance.now();
  try {
    const run = runToEnd(job.scenario, (tMs) => {
      scope.postMessage({ type: 'progress', jobId: job.jobId, tMs });
    });
    if (run.stoppedMessage !== null) {
      scope.postMessage({ type: 'error', jobId: job.jobId, message: run.stoppedMessage });
      return;
    }
    scope.postMessage({
      type: 'done',
      jobId: job.jobId,
      totals: run.totals,
      windows: run.windows,
      wallMs: performance.now() - started,
    });
  } catch (err) {
    scope.postMessage({
      type: 'error',
      jobId: job.jobId,
      message: err instanceof Error ? err.message : String(err),
    });
  }
});
