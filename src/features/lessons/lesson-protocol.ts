/**
 * Messages between a lesson page and its lesson worker. The page asks for a lesson by id (its
 * definition holds functions, so it cannot be posted; the worker has the same registry). The
 * worker answers in two stages: the steps first, so the player can be used at once, then the
 * end-of-lesson comparison, with a progress message after each of its runs.
 */
import type { LessonComparisons, LessonStepsView } from '../../content/lessons/lesson-types';

export interface LessonJob {
  readonly type: 'run';
  readonly jobId: number;
  readonly lessonId: string;
}

export type LessonWorkerEvent =
  | { readonly type: 'steps'; readonly jobId: number; readonly view: LessonStepsView }
  | {
      readonly type: 'comparison.progress';
      readonly jobId: number;
      /** Runs finished so far, of `total` (the variants, then OPT when the lesson has it). */
      readonly done: number;
      readonly total: number;
    }
  | { readonly type: 'comparison'; readonly jobId: number; readonly result: LessonComparisons }
  /** A stage threw; the page shows the message where that stage's output would be. */
  | { readonly type: 'error'; readonly jobId: number; readonly message: string };

/**
 * Starts a job and reports its events; returns a function that cancels it (no event is reported
 * after that). The page uses the worker (`lesson-worker-runner.ts`); tests may run jobs in-process.
 */
export type LessonRunner = (
  job: LessonJob,
  onEvent: (event: LessonWorkerEvent) => void,
) => () => void;
