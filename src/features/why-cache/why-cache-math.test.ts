import { describe, expect, it } from 'vitest';
import {
  WHY_CACHE_DEFAULTS,
  WHY_CACHE_FIELDS,
  checkField,
  computeWhyCache,
  hitRatioFromReadsPerChange,
  inputsFromParams,
  latencyCurve,
  paramsFromInputs,
} from './why-cache-math';

describe('why-cache maths', () => {
  it('reproduces the syllabus example: 10,000 reads per change, 50 ms DB, 0.5 ms cache', () => {
    const r = computeWhyCache(WHY_CACHE_DEFAULTS);
    expect(r.hitRatio).toBeCloseTo(0.9999, 10);
    expect(r.cycleTimeNoCacheMs).toBe(500_000);
    // one query (50 ms) + 10,000 lookups (the miss's lookup included) of 0.5 ms
    expect(r.cycleTimeCacheMs).toBeCloseTo(50 + 10_000 * 0.5, 9);
    expect(r.cycleDbQueriesCache).toBe(1);
    expect(r.speedUp).toBeCloseTo(50 / (0.5 + 0.0001 * 50), 9);
  });

  it('a measured hit ratio drives latency and DB load linearly in the miss ratio', () => {
    const r = computeWhyCache({
      ...WHY_CACHE_DEFAULTS,
      hitFrom: 'measured',
      hitPct: 90,
      readsPerSec: 2000,
    });
    expect(r.avgLatencyCacheMs).toBeCloseTo(0.5 + 0.1 * 50, 9);
    expect(r.dbQueriesPerSecCache).toBeCloseTo(200, 9);
    expect(r.dbBusyNoCache).toBeCloseTo(100, 9); // 2000/s x 50 ms = 100 queries in flight
    expect(r.dbBusyCache).toBeCloseTo(10, 9);
  });

  it('0% hits is slower than no cache by exactly the lookup cost', () => {
    const r = computeWhyCache({ ...WHY_CACHE_DEFAULTS, hitFrom: 'measured', hitPct: 0 });
    expect(r.avgLatencyCacheMs - r.avgLatencyNoCacheMs).toBeCloseTo(0.5, 9);
    expect(r.speedUp).toBeLessThan(1);
  });

  it('a free cache at 100% hits gives an infinite speed-up, not NaN', () => {
    const r = computeWhyCache({
      ...WHY_CACHE_DEFAULTS,
      cacheMs: 0,
      hitFrom: 'measured',
      hitPct: 100,
    });
    expect(r.speedUp).toBe(Number.POSITIVE_INFINITY);
  });

  it('one read per change never hits', () => {
    expect(hitRatioFromReadsPerChange(1)).toBe(0);
    expect(hitRatioFromReadsPerChange(4)).toBe(0.75);
  });

  it('latency curve runs from db+cache at 0% to cache at 100%', () => {
    const curve = latencyCurve({ dbMs: 50, cacheMs: 0.5 }, 10);
    expect(curve).toHaveLength(11);
    expect(curve[0]?.withCache).toBeCloseTo(50.5, 9);
    expect(curve[10]?.withCache).toBeCloseTo(0.5, 9);
  });
});

describe('why-cache validation and URL state', () => {
  const db = WHY_CACHE_FIELDS.find((f) => f.key === 'dbMs');
  if (!db) throw new Error('dbMs field missing');

  it('names the field and the allowed range', () => {
    expect(checkField(db, '-5')).toEqual({ error: 'DB latency must be from 0.01 to 60,000 ms.' });
    expect(checkField(db, 'abc')).toEqual({
      error: 'DB latency must be a number from 0.01 to 60,000 ms.',
    });
    expect(checkField(db, '')).toHaveProperty('error');
    expect(checkField(db, '1e999')).toHaveProperty('error');
    expect(checkField(db, '12.5')).toEqual({ value: 12.5 });
  });

  it('round-trips inputs through URL params, writing only changed values', () => {
    const inputs = { ...WHY_CACHE_DEFAULTS, dbMs: 120, hitFrom: 'measured' as const, hitPct: 95 };
    const params = paramsFromInputs(inputs);
    expect(params.toString()).toBe('db=120&hit=95&from=measured');
    expect(inputsFromParams(params)).toEqual({ inputs, notices: [] });
    expect(paramsFromInputs(WHY_CACHE_DEFAULTS).toString()).toBe('');
  });

  it('bad URL parameters fall back to defaults with a notice naming each', () => {
    const { inputs, notices } = inputsFromParams(
      new URLSearchParams('db=-1&hit=500&from=<script>&rps=12'),
    );
    expect(inputs).toEqual({ ...WHY_CACHE_DEFAULTS, readsPerSec: 12 });
    expect(notices).toHaveLength(3);
    expect(notices[0]).toContain('"db"');
    expect(notices[1]).toContain('"hit"');
    expect(notices[2]).toContain('"from"');
  });
});
