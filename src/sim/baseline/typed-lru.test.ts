import { describe, expect, it } from 'vitest';
import { keyStore, makeTrace, replayHits } from '../cache/cache-test-helpers';
import { runTypedLru } from './typed-lru';

describe('runTypedLru', () => {
  it('counts the same hits as the store in exact LRU mode', () => {
    const trace = makeTrace({ kind: 'zipf', alpha: 0.9 }, 20_000, 200_000, 4);
    const r = runTypedLru(trace, 20_000, 2_000);
    expect(r.hits + r.misses).toBe(200_000);
    expect(r.hits).toBe(replayHits(keyStore('allkeys-lru', 2_000), trace));
  });

  it('capacity 0 never hits; capacity >= keys only misses compulsorily', () => {
    const trace = Int32Array.from([0, 1, 0, 1, 2, 0]);
    expect(runTypedLru(trace, 3, 0)).toEqual({ hits: 0, misses: 6 });
    expect(runTypedLru(trace, 3, 3)).toEqual({ hits: 3, misses: 3 });
    expect(runTypedLru(trace, 3, 1)).toEqual({ hits: 0, misses: 6 });
  });
});
