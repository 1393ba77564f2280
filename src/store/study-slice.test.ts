import { beforeEach, describe, expect, it } from 'vitest';
import { create } from 'zustand';
import type { AppState } from './app-store';
import { DRILL_PROGRESS_STORAGE } from './drill-progress';
import { createStudySlice, type StudySlice } from './study-slice';

function makeStore() {
  // The slice only touches its own fields; the cast lets it run without the other slices.
  return create<StudySlice>()((...a) =>
    createStudySlice(...(a as unknown as Parameters<typeof createStudySlice>)),
  ) as unknown as { getState: () => Pick<AppState, keyof StudySlice> };
}

describe('study slice', () => {
  beforeEach(() => {
    localStorage.clear();
  });

  it('remembers drill scores across store instances, versioned', () => {
    makeStore().getState().recordDrill('ttl-jitter', 1);
    const raw = JSON.parse(localStorage.getItem(DRILL_PROGRESS_STORAGE.key) ?? 'null') as {
      v: number;
    };
    expect(raw.v).toBe(1);
    const again = makeStore().getState();
    expect(again.drillProgress.records['ttl-jitter']).toEqual({ attempts: 1, best: 1, last: 1 });
    expect(again.drillNotice).toBeNull();
  });

  it('resets corrupt progress with a notice', () => {
    localStorage.setItem(DRILL_PROGRESS_STORAGE.key, '{"v":1,"data":{"records":7}}');
    const state = makeStore().getState();
    expect(state.drillProgress.records).toEqual({});
    expect(state.drillNotice).toContain('drill progress');
    expect(localStorage.getItem(DRILL_PROGRESS_STORAGE.key)).toBeNull();
  });
});
