/**
 * A lesson's runs, off the main thread: asks the lesson runner (the lesson worker in the app) for
 * the lesson once per visit and follows its two stages. Leaving the lesson (unmounting) cancels
 * the job, which terminates the worker mid-run. Stepping through the lesson does not touch it:
 * the steps and the comparison are the lesson's, the same at every step.
 */
import {
  createContext,
  startTransition,
  useContext,
  useEffect,
  useState,
  useSyncExternalStore,
} from 'react';
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

/**
 * The comparison's state, outside React state: its progress messages re-render only the part of
 * the page that shows them, not the whole player (a long sequence diagram) on every run done.
 */
export interface ComparisonStore {
  readonly subscribe: (onChange: () => void) => () => void;
  readonly get: () => ComparisonState;
}

function createComparisonStore(initial: ComparisonState) {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    subscribe: (onChange: () => void) => {
      listeners.add(onChange);
      return () => {
        listeners.delete(onChange);
      };
    },
    get: () => state,
    set: (next: ComparisonState) => {
      state = next;
      for (const l of listeners) l();
    },
  };
}

/** The comparison's current state, re-rendering the caller when it changes. */
export function useComparison(store: ComparisonStore): ComparisonState {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

export interface LessonRunState {
  readonly steps: StepsState;
  readonly comparison: ComparisonStore;
}

/** Which runner lesson pages use; tests provide an in-process one. */
export const LessonRunnerContext = createContext<LessonRunner>(workerLessonRunner);

let lastJobId = 0;

function initialComparison(lesson: LessonDefinition): ComparisonState {
  const total = comparisonRunCount(lesson);
  return total === 0 ? { status: 'none' } : { status: 'running', done: 0, total };
}

export function useLessonRun(lesson: LessonDefinition): LessonRunState {
  const runner = useContext(LessonRunnerContext);
  const [steps, setSteps] = useState<StepsState>({ status: 'running' });
  const [comparison] = useState(() => createComparisonStore(initialComparison(lesson)));
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
            setSteps({ status: 'done', view: event.view });
          });
          break;
        case 'comparison.progress':
          comparison.set({ status: 'running', done: event.done, total: event.total });
          break;
        case 'comparison':
          comparison.set({ status: 'done', result: event.result });
          break;
        case 'error':
          if (stepsArrived) {
            comparison.set({ status: 'failed', message: event.message });
          } else {
            comparison.set({ status: 'none' });
            setSteps({ status: 'failed', message: event.message });
          }
          break;
      }
    });
  }, [lesson, runner, comparison]);
  return { steps, comparison };
}
