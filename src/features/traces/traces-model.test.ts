import { describe, expect, it } from 'vitest';
import type { AnyPolicyId } from '../../sim/cache/cache-types';
import type { PolicyRunResult } from '../../sim/trace/trace-runner';
import {
  bestPolicy,
  parseAnalyseRequest,
  parseKeyColumn,
  parseSampling,
  parseSizes,
  readingSentence,
  resultsCsv,
} from './traces-model';

function row(policy: AnyPolicyId, size: number, hits: number, requests = 100): PolicyRunResult {
  return { policy, size, hits, requests, hitRatio: hits / requests };
}

describe('parseAnalyseRequest', () => {
  const ok = {
    type: 'analyse',
    source: { kind: 'sample', sample: 'zipf' },
    policies: ['allkeys-lru', 'opt'],
    sizes: 'auto',
  };
  it('accepts a well-formed request', () => {
    expect(parseAnalyseRequest(ok)).toEqual(ok);
    expect(parseAnalyseRequest({ ...ok, sizes: [1, 10], sampleRate: 0.1 })).toMatchObject({
      sizes: [1, 10],
      sampleRate: 0.1,
    });
  });
  it('accepts a file source with a key column', () => {
    const file = new File(['a\n'], 't.csv');
    const r = parseAnalyseRequest({
      ...ok,
      source: { kind: 'file', file, format: 'csv', keyColumn: 'key' },
    });
    expect(r).toMatchObject({ source: { kind: 'file', format: 'csv', keyColumn: 'key' } });
  });
  it.each([
    [null, 'not an analyse request'],
    [{ ...ok, policies: [] }, 'policies'],
    [{ ...ok, policies: ['noeviction'] }, 'policies'],
    [{ ...ok, policies: ['nope'] }, 'policies'],
    [{ ...ok, sizes: [0] }, 'sizes'],
    [{ ...ok, sizes: [1.5] }, 'sizes'],
    [{ ...ok, sampleRate: 0 }, 'sample rate'],
    [{ ...ok, sampleRate: 2 }, 'sample rate'],
    [{ ...ok, source: { kind: 'sample', sample: 'x' } }, 'unknown sample'],
    [{ ...ok, source: { kind: 'file', file: 'x', format: 'text' } }, 'missing file'],
    [{ ...ok, source: { kind: 'url' } }, 'missing trace source'],
  ])('refuses %j', (data, reason) => {
    const r = parseAnalyseRequest(data);
    expect(typeof r).toBe('string');
    expect(r).toContain(reason);
  });
});

describe('parseSizes and parseKeyColumn', () => {
  it('reads auto, lists, and refuses junk', () => {
    expect(parseSizes('')).toBe('auto');
    expect(parseSizes(' Auto ')).toBe('auto');
    expect(parseSizes('100, 10 1000,10')).toEqual([10, 100, 1000]);
    expect(parseSizes('10, x')).toEqual({ error: expect.stringContaining('"x"') as unknown });
    expect(parseSizes('0')).toEqual({ error: expect.stringContaining('"0"') as unknown });
    expect(parseSizes(Array.from({ length: 41 }, (_, i) => i + 1).join(','))).toEqual({
      error: expect.stringContaining('40') as unknown,
    });
  });
  it('reads a column as a number or a name', () => {
    expect(parseKeyColumn(' ')).toBeUndefined();
    expect(parseKeyColumn('2')).toBe(2);
    expect(parseKeyColumn('key')).toBe('key');
  });
});

describe('bestPolicy', () => {
  it('marks the single best online policy', () => {
    expect(
      bestPolicy([row('allkeys-lru', 10, 50), row('s3fifo', 10, 60), row('opt', 10, 90)]),
    ).toBe('s3fifo');
  });
  it('marks nothing on a tie for first, or with one online policy', () => {
    expect(
      bestPolicy([row('allkeys-lru', 10, 60), row('s3fifo', 10, 60), row('sieve', 10, 1)]),
    ).toBeNull();
    expect(bestPolicy([row('allkeys-lru', 10, 60), row('opt', 10, 90)])).toBeNull();
  });
});

describe('readingSentence', () => {
  it('gives the smallest size reaching 80% per policy, or not reached', () => {
    const results = [
      row('allkeys-lru', 10, 50),
      row('allkeys-lru', 100, 85),
      row('s3fifo', 10, 80),
      row('s3fifo', 100, 90),
      row('sieve', 10, 40),
      row('sieve', 100, 70),
    ];
    expect(readingSentence(results, ['allkeys-lru', 's3fifo', 'sieve'])).toBe(
      'For 80% hits (smallest size tried that reaches it): LRU 100 keys, S3-FIFO 10 keys, SIEVE not reached.',
    );
  });
  it('lowers the target when nothing reaches 80%', () => {
    const results = [row('allkeys-lru', 10, 20), row('allkeys-lru', 100, 45), row('opt', 100, 95)];
    expect(readingSentence(results, ['allkeys-lru', 'opt'])).toBe(
      'For 40% hits (smallest size tried that reaches it): LRU 100 keys, OPT 100 keys.',
    );
  });
  it('says so when nothing reaches 10%', () => {
    expect(readingSentence([row('allkeys-lru', 10, 1)], ['allkeys-lru'])).toContain('No policy');
  });
});

describe('resultsCsv', () => {
  it('writes one row per result', () => {
    expect(resultsCsv([row('allkeys-lru', 10, 50)])).toBe(
      'policy,cache_size_keys,requests,hits,hit_ratio\nallkeys-lru,10,100,50,0.5\n',
    );
  });
});

describe('parseSampling', () => {
  it('reads a rate or a key budget, not both', () => {
    expect(parseSampling('', ' ')).toEqual({});
    expect(parseSampling('0.01', '')).toEqual({ sampleRate: 0.01 });
    expect(parseSampling('', '10,000')).toEqual({ sampleKeys: 10_000 });
    expect(parseSampling('0.1', '100')).toEqual({
      error: 'Give a SHARDS sample rate or a key budget, not both.',
    });
    expect(parseSampling('2', '')).toHaveProperty('error');
    expect(parseSampling('', '1.5')).toEqual({
      error: 'The SHARDS key budget must be a whole number of keys, at least 1.',
    });
    expect(parseSampling('', '0')).toHaveProperty('error');
  });
});
