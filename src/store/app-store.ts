/**
 * The one application store, built from slices (zustand's slices pattern). Each feature owns a
 * slice file here (`NAME-slice.ts`) and adds it to `AppState` and the creator below. Components
 * select single values (`useAppStore((s) => s.presenter)`) or use `useShallow` for objects.
 */
import { create } from 'zustand';
import { createPrefsSlice, type PrefsSlice } from './prefs-slice';
import { createLessonsSlice, type LessonsSlice } from './lessons-slice';
import { createStudySlice, type StudySlice } from './study-slice';
import { createPlaygroundSlice, type PlaygroundSlice } from './playground-slice';

export type AppState = PrefsSlice & LessonsSlice & StudySlice & PlaygroundSlice;

export const useAppStore = create<AppState>()((...a) => ({
  ...createPrefsSlice(...a),
  ...createLessonsSlice(...a),
  ...createStudySlice(...a),
  ...createPlaygroundSlice(...a),
}));
