/**
 * The lesson worker: replays one lesson (its steps, then its comparison runs) off the main thread,
 * so opening a lesson never blocks the page. One worker per open lesson; leaving the lesson
 * terminates it, which stops a run in the middle.
 */
import { runLessonJob } from './lesson-job';
import type { LessonJob, LessonWorkerEvent } from './lesson-protocol';

const scope = self as unknown as {
  postMessage(message: LessonWorkerEvent): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<LessonJob>) => void): void;
};

scope.addEventListener('message', (e) => {
  runLessonJob(e.data, (event) => {
    scope.postMessage(event);
  });
});
