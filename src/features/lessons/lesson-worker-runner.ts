/**
 * Runs lesson jobs in a module Web Worker (`lesson.worker.ts`), one worker per job: cancelling
 * terminates it, so a long comparison really stops when the user leaves the lesson.
 */
import type { LessonRunner, LessonWorkerEvent } from './lesson-protocol';

/** A new lesson worker, or why one could not be started (e.g. no Worker in this environment). */
function startWorker(): Worker | string {
  try {
    return new Worker(new URL('./lesson.worker.ts', import.meta.url), {
      type: 'module',
      name: 'cachescope-lesson',
    });
  } catch (err) {
    return `the lesson worker could not start: ${err instanceof Error ? err.message : String(err)}`;
  }
}

export const workerLessonRunner: LessonRunner = (job, onEvent) => {
  const worker = startWorker();
  if (typeof worker === 'string') {
    onEvent({ type: 'error', jobId: job.jobId, message: worker });
    return () => undefined;
  }
  let live = true;
  const stop = () => {
    live = false;
    worker.terminate();
  };
  const fail = (message: string) => {
    if (!live) return;
    stop();
    onEvent({ type: 'error', jobId: job.jobId, message });
  };
  worker.addEventListener('message', (e: MessageEvent<LessonWorkerEvent>) => {
    if (live) onEvent(e.data);
  });
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    fail(`the lesson worker failed: ${e.message || 'unknown error'}`);
  });
  worker.addEventListener('messageerror', () => {
    fail('the lesson worker sent a message the page could not read');
  });
  worker.postMessage(job);
  return stop;
};
