/**
 * Runs lesson jobs in a module Web Worker (`lesson.worker.ts`), one worker per job: cancelling
 * terminates it, so a long comparison really stops when the user leaves the lesson. The lessons
 * index starts one ahead of need (`prewarmLessonWorker`), so a lesson opened from it does not wait
 * for the worker to load.
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

/** How long a worker started ahead of need waits for a lesson before it is let go. */
const SPARE_IDLE_MS = 15_000;

/** A worker started ahead of need, with the failure it reported while waiting, if any. */
let spare: { readonly worker: Worker; failed: boolean } | null = null;
let spareRelease: ReturnType<typeof setTimeout> | null = null;

/**
 * Start a lesson worker ahead of need, so the next lesson opens on a worker that has already
 * loaded the engine (the lessons index calls this). Returns a release function: the spare is
 * terminated if no lesson takes it within SPARE_IDLE_MS.
 */
export function prewarmLessonWorker(): () => void {
  if (spareRelease !== null) clearTimeout(spareRelease);
  spareRelease = null;
  if (spare === null) {
    const worker = startWorker();
    if (typeof worker !== 'string') {
      const entry = { worker, failed: false };
      worker.addEventListener('error', (e) => {
        e.preventDefault();
        entry.failed = true;
      });
      spare = entry;
    }
  }
  return () => {
    if (spareRelease !== null) clearTimeout(spareRelease);
    spareRelease = setTimeout(() => {
      spareRelease = null;
      spare?.worker.terminate();
      spare = null;
    }, SPARE_IDLE_MS);
  };
}

/** The spare worker when there is a healthy one, else a new one. */
function takeWorker(): Worker | string {
  const taken = spare;
  spare = null;
  if (spareRelease !== null) clearTimeout(spareRelease);
  spareRelease = null;
  if (taken !== null && !taken.failed) return taken.worker;
  taken?.worker.terminate();
  return startWorker();
}

export const workerLessonRunner: LessonRunner = (job, onEvent) => {
  const worker = takeWorker();
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
