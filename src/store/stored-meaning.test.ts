import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DRILL_PROGRESS_STORAGE,
  recordMock,
  recordScore,
  validateProgress,
} from './drill-progress';
import { LESSON_PROGRESS_STORAGE } from './lessons-slice';

const lesson = (furthestStep: number, steps: number, done = false) => ({
  'cache-aside': { furthestStep, steps, done },
});
const drills = (records: unknown, mocks: unknown = []) => ({ records, mocks });

describe('stored data is checked by meaning, not only by shape', () => {
  it('lesson progress: a furthest step within the lesson, a lesson of 1 to 1000 steps, a sane id', () => {
    const ok = LESSON_PROGRESS_STORAGE.validate;
    expect(ok(lesson(3, 10))).toEqual(lesson(3, 10));
    expect(ok(lesson(0, 1))).toEqual(lesson(0, 1));
    // Finished, then the lesson gained steps: still sensible.
    expect(ok(lesson(8, 10, true))).toEqual(lesson(8, 10, true));
    expect(ok(lesson(999_999, 3))).toBeNull();
    expect(ok(lesson(1, 0))).toBeNull();
    expect(ok(lesson(1, 1e9))).toBeNull();
    expect(ok(lesson(-1, 3))).toBeNull();
    expect(ok(lesson(1.5, 3))).toBeNull();
    expect(ok({ '<img src=x>': { furthestStep: 1, steps: 2, done: false } })).toBeNull();
  });

  it('drill progress: scores within 0..1 with the latest no better than the best, mocks within their totals', () => {
    const rec = (attempts: number, best: number, last: number) => ({
      'ttl-jitter': { attempts, best, last },
    });
    expect(validateProgress(drills(rec(2, 1, 0.5)))).toEqual(drills(rec(2, 1, 0.5)));
    expect(validateProgress(drills(rec(0, 0, 0)))).toBeNull();
    expect(validateProgress(drills(rec(1, 0.5, 1)))).toBeNull();
    expect(validateProgress(drills(rec(1, 2, 1)))).toBeNull();
    expect(validateProgress(drills(rec(1e12, 1, 1)))).toBeNull();
    expect(validateProgress(drills({}, [{ score: 2.5, total: 3 }]))).toEqual(
      drills({}, [{ score: 2.5, total: 3 }]),
    );
    expect(validateProgress(drills({}, [{ score: 0, total: 1e308 }]))).toBeNull();
    expect(validateProgress(drills({}, [{ score: 4, total: 3 }]))).toBeNull();
    expect(validateProgress(drills({}, [{ score: 0, total: 0 }]))).toBeNull();
    expect(validateProgress(drills({}, [{ score: Number.NaN, total: 3 }]))).toBeNull();
  });

  it('what the app records always passes the check it will meet when loaded again', () => {
    let p = recordScore({ records: {}, mocks: [] }, 'ttl-jitter', 1.7);
    p = recordScore(p, 'ttl-jitter', Number.NaN);
    p = recordMock(p, 3, 0);
    p = recordMock(p, 2, 3);
    expect(p).toEqual({
      records: { 'ttl-jitter': { attempts: 2, best: 1, last: 0 } },
      mocks: [{ score: 2, total: 3 }],
    });
    expect(DRILL_PROGRESS_STORAGE.validate(JSON.parse(JSON.stringify(p)))).toEqual(p);
  });
});

describe('a storage reset notice', () => {
  beforeEach(() => {
    localStorage.clear();
    vi.resetModules();
  });

  it('comes from the store at start-up, whatever page is open, for nonsense that has the right shape', async () => {
    localStorage.setItem(
      LESSON_PROGRESS_STORAGE.key,
      JSON.stringify({ v: 1, data: lesson(999_999, 3) }),
    );
    localStorage.setItem(
      DRILL_PROGRESS_STORAGE.key,
      JSON.stringify({ v: 1, data: drills({}, [{ score: 0, total: 1e308 }]) }),
    );
    const { useAppStore } = await import('./app-store');
    const s = useAppStore.getState();
    expect(s.lessonProgress).toEqual({});
    expect(s.lessonProgressNotice).toMatch(/saved lesson progress could not be read/);
    expect(s.drillNotice).toMatch(/saved drill progress could not be read/);
    // Removed, so the next start (on any page) has nothing to report again.
    expect(localStorage.getItem(LESSON_PROGRESS_STORAGE.key)).toBeNull();
    vi.resetModules();
    const again = (await import('./app-store')).useAppStore.getState();
    expect(again.lessonProgressNotice).toBeNull();
  });

  it('a lesson that shrank keeps its stored step within its new length', async () => {
    const { useAppStore } = await import('./app-store');
    useAppStore.getState().recordLessonStep('cache-aside', 9, 10);
    useAppStore.getState().recordLessonStep('cache-aside', 2, 4);
    expect(useAppStore.getState().lessonProgress['cache-aside']).toEqual({
      furthestStep: 4,
      steps: 4,
      done: false,
    });
  });
});
