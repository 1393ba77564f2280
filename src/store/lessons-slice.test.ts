import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LESSON_PROGRESS_STORAGE } from './lessons-slice';

/** A fresh store per test, so the slice's load-on-create runs against this test's storage. */
async function freshStore() {
  vi.resetModules();
  const { useAppStore } = await import('./app-store');
  return useAppStore;
}

describe('lessons slice', () => {
  beforeEach(() => {
    localStorage.clear();
  });

  it('records the furthest step, marks a lesson done at its last step and persists it', async () => {
    const store = await freshStore();
    store.getState().recordLessonStep('cache-aside', 3, 10);
    store.getState().recordLessonStep('cache-aside', 2, 10);
    expect(store.getState().lessonProgress['cache-aside']).toEqual({
      furthestStep: 3,
      steps: 10,
      done: false,
    });
    store.getState().recordLessonStep('cache-aside', 10, 10);
    expect(store.getState().lessonProgress['cache-aside']?.done).toBe(true);

    const reloaded = await freshStore();
    expect(reloaded.getState().lessonProgress['cache-aside']).toEqual({
      furthestStep: 10,
      steps: 10,
      done: true,
    });
    expect(reloaded.getState().lessonProgressNotice).toBeNull();
  });

  it('resets corrupt progress with a notice', async () => {
    localStorage.setItem(
      LESSON_PROGRESS_STORAGE.key,
      JSON.stringify({ v: 1, data: { 'cache-aside': { furthestStep: 'x' } } }),
    );
    const store = await freshStore();
    expect(store.getState().lessonProgress).toEqual({});
    expect(store.getState().lessonProgressNotice).toContain('lesson progress');
    store.getState().dismissLessonProgressNotice();
    expect(store.getState().lessonProgressNotice).toBeNull();
  });

  it('resets all progress on request', async () => {
    const store = await freshStore();
    store.getState().recordLessonStep('ttl', 1, 5);
    store.getState().resetLessonProgress();
    expect(store.getState().lessonProgress).toEqual({});
    expect((await freshStore()).getState().lessonProgress).toEqual({});
  });
});
