import type { StateCreator } from 'zustand';
import type { AppState } from './app-store';
import { loadVersioned, saveVersioned, type StorageSpec } from './versioned-storage';

/** How far the user got in one lesson. */
export interface LessonProgress {
  /** Furthest step reached (1-based). */
  readonly furthestStep: number;
  /** Steps in the lesson when last seen (the trace can change with the engine). */
  readonly steps: number;
  /** Reached the last step at least once. */
  readonly done: boolean;
}

export type LessonProgressMap = Readonly<Record<string, LessonProgress>>;

/** Most steps a lesson may have: stored counts above this are corrupt, not a long lesson. */
export const MAX_LESSON_STEPS = 1000;
/** Lesson ids are short kebab-case names. */
const LESSON_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

function isCount(x: unknown, min: number, max: number): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max;
}

/**
 * Progress that makes sense: a lesson of 1 to {@link MAX_LESSON_STEPS} steps, a furthest step
 * within it (0 = opened, no step reached). `done` may stand with an earlier furthest step: a
 * lesson can gain steps after it was finished.
 */
function isProgress(x: unknown): x is LessonProgress {
  if (typeof x !== 'object' || x === null) return false;
  const p = x as Record<string, unknown>;
  return (
    isCount(p['steps'], 1, MAX_LESSON_STEPS) &&
    isCount(p['furthestStep'], 0, p['steps']) &&
    typeof p['done'] === 'boolean'
  );
}

/** Lesson progress in local storage, version 1: `{ [lessonId]: LessonProgress }`. */
export const LESSON_PROGRESS_STORAGE: StorageSpec<LessonProgressMap> = {
  key: 'cachescope.lessons',
  version: 1,
  label: 'lesson progress',
  fallback: {},
  validate: (data) => {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
    const out: Record<string, LessonProgress> = {};
    for (const [id, value] of Object.entries(data)) {
      if (!LESSON_ID.test(id) || !isProgress(value)) return null;
      out[id] = { furthestStep: value.furthestStep, steps: value.steps, done: value.done };
    }
    return out;
  },
};

/** Lesson progress, remembered across visits. */
export interface LessonsSlice {
  readonly lessonProgress: LessonProgressMap;
  /** Set when saved progress was unreadable and had to be reset. */
  readonly lessonProgressNotice: string | null;
  /** Record that `step` (1-based) of `steps` was reached; reaching the last marks the lesson done. */
  recordLessonStep: (lessonId: string, step: number, steps: number) => void;
  resetLessonProgress: () => void;
  dismissLessonProgressNotice: () => void;
}

export const createLessonsSlice: StateCreator<AppState, [], [], LessonsSlice> = (set, get) => {
  const loaded = loadVersioned(LESSON_PROGRESS_STORAGE);
  return {
    lessonProgress: loaded.value,
    lessonProgressNotice: loaded.notice,
    recordLessonStep: (lessonId, step, steps) => {
      // Only progress that would pass the load-time check is stored (a lesson that shrank since
      // keeps its furthest step within its new length).
      if (!isCount(steps, 1, MAX_LESSON_STEPS) || !Number.isInteger(step) || step < 0) return;
      const before = get().lessonProgress[lessonId];
      const furthestStep = Math.min(steps, Math.max(before?.furthestStep ?? 0, step));
      const done = (before?.done ?? false) || (steps > 0 && step >= steps);
      if (before?.furthestStep === furthestStep && before.steps === steps && before.done === done) {
        return; // nothing new: skip the storage write
      }
      const lessonProgress = {
        ...get().lessonProgress,
        [lessonId]: { furthestStep, steps, done },
      };
      saveVersioned(LESSON_PROGRESS_STORAGE, lessonProgress);
      set({ lessonProgress });
    },
    resetLessonProgress: () => {
      saveVersioned(LESSON_PROGRESS_STORAGE, {});
      set({ lessonProgress: {} });
    },
    dismissLessonProgressNotice: () => {
      set({ lessonProgressNotice: null });
    },
  };
};
