/**
 * A lesson's runs, off the main thread: asks the lesson runner (the lesson worker in the app) for
 * the lesson once per visit and follows its two stages. Leaving the lesson (unmounting) cancels
 * the job, which terminates the worker mid-run. Stepping through the lesson does not touch it:
 * the steps and the comparison are the lesson's, the same at every step.
 */
import { createContext, startTransition, useContext, useEffect, useState } from 'react';
import type { LessonRunner } from './lesson-protocol';
import { comparisonRunCount } from './lesson-scenario';
import type {
  LessonComparisons,
  LessonDefinition,
  LessonStepsView,
} from '../../content/lessons/lesson-types';
import { workerLessonRunner } from './lesson-worker-runner';

export type StepsState =
  | { readonly status: 'running' }
  | { readonly status: 'done'; readonly view: LessonStepsView }
  | { readonly status: 'failed'; readonly message: string };

export type ComparisonState =
  /** The lesson has no comparison (or its steps failed, so it never ran). */
  | { readonly status: 'none' }
  | { readonly status: 'running'; readonly done: number; readonly total: number }
  | { readonly status: 'done'; readonly result: LessonComparisons }
  | { readonly status: 'failed'; readonly message: string };

export interface LessonRunState {
  readonly steps: StepsState;
  readonly comparison: ComparisonState;
}

/** Which runner lesson pages use; tests provide an in-process one. */
export const LessonRunnerContext = createContext<LessonRunner>(workerLessonRunner);

let lastJobId = 0;

function initialState(lesson: LessonDefinition): LessonRunState {
  const total = comparisonRunCount(lesson);
  return {
    steps: { status: 'running' },
    comparison: total === 0 ? { status: 'none' } : { status: 'running', done: 0, total },
  };
}

export function useLessonRun(lesson: LessonDefinition): LessonRunState {
  const runner = useContext(LessonRunnerContext);
  const [state, setState] = useState(() => initialState(lesson));
  useEffect(() => {
    const jobId = ++lastJobId;
    let stepsArrived = false;
    return runner({ type: 'run', jobId, lessonId: lesson.id }, (event) => {
      if (event.jobId !== jobId) return;
      switch (event.type) {
        case 'steps':
          stepsArrived = true;
          // A transition: React renders the player in slices between frames, not one long task.
          startTransition(() => {
            setState((s) => ({ ...s, steps: { status: 'done', view: event.view } }));
          });
          break;
        case 'comparison.progress':
          setState((s) => ({
            ...s,
            comparison: { status: 'running', done: event.done, total: event.total },
          }));
          break;
        case 'comparison':
          startTransition(() => {
            setState((s) => ({ ...s, comparison: { status: 'done', result: event.result } }));
          });
          break;
        case 'error':
          setState((s) =>
            stepsArrived
              ? { ...s, comparison: { status: 'failed', message: event.message } }
              : {
                  steps: { status: 'failed', message: event.message },
                  comparison: { status: 'none' },
                },
          );
          break;
      }
    });
  }, [lesson, runner]);
  return state;
}
