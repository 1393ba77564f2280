import { beforeEach, describe, expect, it } from 'vitest';
import { loadVersioned, saveVersioned, type StorageSpec } from './versioned-storage';

const spec: StorageSpec<{ done: string[] }> = {
  key: 'test.progress',
  version: 2,
  label: 'test progress',
  fallback: { done: [] },
  validate: (d) =>
    typeof d === 'object' && d !== null && Array.isArray((d as { done?: unknown }).done)
      ? { done: (d as { done: unknown[] }).done.filter((x): x is string => typeof x === 'string') }
      : null,
  migrate: (d, from) =>
    from === 1 && Array.isArray(d)
      ? { done: d.filter((x): x is string => typeof x === 'string') }
      : null,
};

describe('versioned storage', () => {
  beforeEach(() => {
    localStorage.clear();
  });

  it('round-trips data', () => {
    saveVersioned(spec, { done: ['a'] });
    expect(loadVersioned(spec)).toEqual({ value: { done: ['a'] }, notice: null });
  });

  it('returns the fallback silently when nothing is stored', () => {
    expect(loadVersioned(spec)).toEqual({ value: { done: [] }, notice: null });
  });

  it.each([
    ['{not json', 'not valid JSON'],
    ['[1,2]', 'unknown format'],
    ['{"v":"x","data":{}}', 'missing version'],
    ['{"v":9,"data":{"done":[]}}', 'newer'],
    ['{"v":2,"data":{"done":5}}', 'unexpected contents'],
    ['{"v":1,"data":{"weird":true}}', 'cannot be upgraded'],
  ])('resets corrupt data %s with a notice and clears it', (raw, why) => {
    localStorage.setItem(spec.key, raw);
    const loaded = loadVersioned(spec);
    expect(loaded.value).toEqual({ done: [] });
    expect(loaded.notice).toContain('test progress');
    expect(loaded.notice).toContain(why);
    expect(localStorage.getItem(spec.key)).toBeNull();
  });

  it('migrates an older version', () => {
    localStorage.setItem(spec.key, JSON.stringify({ v: 1, data: ['x', 3] }));
    expect(loadVersioned(spec)).toEqual({ value: { done: ['x'] }, notice: null });
  });
});
