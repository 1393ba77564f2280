import type { StateCreator } from 'zustand';
import type { AppState } from './app-store';

/** UI preferences that are not part of any scenario. */
export interface PrefsSlice {
  /** Large type and high contrast for projectors (workshop presenter mode). */
  readonly presenter: boolean;
  setPresenter: (on: boolean) => void;
}

export const createPrefsSlice: StateCreator<AppState, [], [], PrefsSlice> = (set) => ({
  presenter: false,
  setPresenter: (on) => {
    set({ presenter: on });
  },
});
