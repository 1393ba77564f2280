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
    expect(raw.v).toBe(2);
    const again = makeStore().getState();
    expect(again.drillProgress.records['ttl-jitter']).toEqual({ attempts: 1, best: 1, last: 1 });
    expect(again.drillNotice).toBeNull();
  });

  it('stores a multiple-choice answer as the option, not its shown position', () => {
    makeStore().getState().recordDrill('ttl-jitter', 0, 3);
    expect(makeStore().getState().drillProgress.records['ttl-jitter']).toEqual({
      attempts: 1,
      best: 0,
      last: 0,
      lastChoice: 3,
    });
  });

  it('carries version 1 progress (scores, no answers) over without a notice', () => {
    const v1 = {
      v: 1,
      data: { records: { 'ttl-jitter': { attempts: 2, best: 1, last: 0.5 } }, mocks: [] },
    };
    localStorage.setItem(DRILL_PROGRESS_STORAGE.key, JSON.stringify(v1));
    const state = makeStore().getState();
    expect(state.drillNotice).toBeNull();
    expect(state.drillProgress.records['ttl-jitter']).toEqual({ attempts: 2, best: 1, last: 0.5 });
  });

  it('rejects a stored answer that is not an option index', () => {
    const bad = {
      v: 2,
      data: { records: { x: { attempts: 1, best: 1, last: 1, lastChoice: -1 } }, mocks: [] },
    };
    localStorage.setItem(DRILL_PROGRESS_STORAGE.key, JSON.stringify(bad));
    expect(makeStore().getState().drillNotice).toContain('drill progress');
  });

  it('resets corrupt progress with a notice', () => {
    localStorage.setItem(DRILL_PROGRESS_STORAGE.key, '{"v":2,"data":{"records":7}}');
    const state = makeStore().getState();
    expect(state.drillProgress.records).toEqual({});
    expect(state.drillNotice).toContain('drill progress');
    expect(localStorage.getItem(DRILL_PROGRESS_STORAGE.key)).toBeNull();
  });
});
