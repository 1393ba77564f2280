import type { StateCreator } from 'zustand';
import type { AppState } from './app-store';
import {
  DRILL_PROGRESS_STORAGE,
  EMPTY_PROGRESS,
  recordMock,
  recordScore,
  type DrillProgress,
} from './drill-progress';
import { loadVersioned, saveVersioned } from './versioned-storage';

/** Interview-drill progress, remembered in this browser only (no account, no server). */
export interface StudySlice {
  readonly drillProgress: DrillProgress;
  /** Set when stored progress could not be read and was reset. */
  readonly drillNotice: string | null;
  /** `choice`: for multiple choice, the chosen option's index in the drill's own list. */
  recordDrill: (drillId: string, score: number, choice?: number) => void;
  recordMockInterview: (score: number, total: number) => void;
  resetDrillProgress: () => void;
  dismissDrillNotice: () => void;
}

export const createStudySlice: StateCreator<AppState, [], [], StudySlice> = (set, get) => {
  const loaded = loadVersioned(DRILL_PROGRESS_STORAGE);
  const save = (progress: DrillProgress) => {
    saveVersioned(DRILL_PROGRESS_STORAGE, progress);
    set({ drillProgress: progress });
  };
  return {
    drillProgress: loaded.value,
    drillNotice: loaded.notice,
    recordDrill: (drillId, score, choice) => {
      save(recordScore(get().drillProgress, drillId, score, choice));
    },
    recordMockInterview: (score, total) => {
      save(recordMock(get().drillProgress, score, total));
    },
    resetDrillProgress: () => {
      save(EMPTY_PROGRESS);
    },
    dismissDrillNotice: () => {
      set({ drillNotice: null });
    },
  };
};
