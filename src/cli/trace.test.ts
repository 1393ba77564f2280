import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ORACLE_GENERAL_RECORD_BYTES } from '../sim/trace/oracle-general-reader';
import { parseTraceArgs } from './trace-args';

const TSX = ['--import', 'tsx', 'src/cli/trace.ts'];
const dir = mkdtempSync(join(tmpdir(), 'cachescope-trace-'));

function run(args: readonly string[], input?: string | Uint8Array) {
  return spawnSync(process.execPath, [...TSX, ...args], {
    encoding: 'utf8',
    ...(input === undefined ? {} : { input }),
  });
}

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

interface Output {
  trace: Record<string, unknown>;
  results: { policy: string; size: number; hits: number; requests: number; hitRatio: number }[];
}

// a b a c b a: LRU of 2 keys hits only the second a; of 3 keys, a, b, a.
const TEXT = 'a\r\nb\n\na\nc\nb\na\n';

// Each test starts the CLI as child processes (a TypeScript loader each): slow on a busy machine.
describe('trace CLI', { timeout: 30_000 }, () => {
  it('prints { trace, results } for a text trace on stdin', () => {
    const r = run(['-', '--policies', 'lru,fifo', '--sizes', '2,3'], TEXT);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as Output;
    expect(out.trace).toEqual({
      format: 'text',
      requests: 6,
      uniqueKeys: 3,
      oneHitWonders: 1,
      zipfAlpha: expect.any(Number) as number,
    });
    expect(out.results.map((x) => [x.policy, x.size, x.hits, x.requests])).toEqual([
      ['lru', 2, 1, 6],
      ['lru', 3, 3, 6],
      ['fifo', 2, 2, 6],
      ['fifo', 3, 3, 6],
    ]);
  });

  it('reads gzip (detected by its magic bytes, whatever the name) and prints CSV', () => {
    const path = file('trace.txt', gzipSync(Buffer.from(TEXT)));
    const r = run([path, '--csv', '--sizes', '2']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('policy,size,hits,requests,hitRatio\nlru,2,1,6,0.16666666666666666\n');
  });

  it('reads CSV by column name and oracleGeneral by file name, with auto sizes and sampling', () => {
    const csv = file('t.csv.gz', gzipSync(Buffer.from('time,"obj id"\n1,a\n2,b\n3,a\n')));
    const out = JSON.parse(run([csv, '--column', 'obj id', '--policies', 'opt']).stdout) as Output;
    expect(out.trace).toMatchObject({ format: 'csv', requests: 3, uniqueKeys: 2 });
    // Read-through: every miss is inserted, so even opt of 1 key must let b evict a.
    expect(out.results.map((x) => [x.size, x.hits])).toEqual([
      [1, 0],
      [2, 1],
    ]);

    const records = new Uint8Array(ORACLE_GENERAL_RECORD_BYTES * 4);
    const view = new DataView(records.buffer);
    [5n, 6n, 5n, 5n].forEach((id, i) => {
      view.setBigUint64(i * ORACLE_GENERAL_RECORD_BYTES + 4, id, true);
    });
    const bin = file('t.oracleGeneral', records);
    const sampled = JSON.parse(run([bin, '--sample', '1', '--sizes', '1']).stdout) as Output;
    expect(sampled.trace).toMatchObject({ format: 'oracle-general', requests: 4, uniqueKeys: 2 });
    expect(sampled.results[0]).toMatchObject({ hits: 1, requests: 4 });
    const half = JSON.parse(run([bin, '--sample', '0.5', '--sizes', '1']).stdout) as Output;
    expect(half.trace).toHaveProperty('sample.rate');
  });

  it('samples to a key budget with --sample-keys, printing the effective rate and error', () => {
    // Fixed-size: 40 keys in a loop, a budget of 10 keys; the effective rate and the LRU error
    // against the exact curve come with it.
    const loop = file('loop.txt', Array.from({ length: 400 }, (_, i) => `k${i % 40}\n`).join(''));
    const fixed = JSON.parse(run([loop, '--sample-keys', '10', '--sizes', '20,40']).stdout) as {
      trace: { sample: { method: string; rate: number; uniqueKeys: number; lruError: unknown } };
    };
    expect(fixed.trace.sample).toMatchObject({ method: 'fixed-size', uniqueKeys: 10 });
    expect(fixed.trace.sample.rate).toBeGreaterThan(0);
    expect(fixed.trace.sample.rate).toBeLessThan(1);
    expect(fixed.trace.sample).toHaveProperty('lruError');
  });

  it('exits 2 with one line per problem for bad arguments', () => {
    const r = run([
      '--policies',
      'lru,mru',
      '--sizes',
      '0',
      '--sample',
      '2',
      '--sample-keys',
      '1.5',
      'x.txt',
      '--nope',
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      'unknown option --nope',
      '--policies: unknown policy "mru" (allowed: lru, lfu, random, fifo, clock, sieve, s3fifo, arc, 2q, wtinylfu, opt)',
      '--sizes: "0" is not a whole number of keys >= 1 (or use auto)',
      '--sample: "2" is not a rate in (0, 1]',
      '--sample-keys: "1.5" is not a whole number of keys >= 1',
      '--sample and --sample-keys: choose one (a fixed rate or a fixed key budget)',
    ]);
    expect(run([]).stderr).toBe('missing trace file (a path, or - for stdin)\n');
  });

  it('exits 2 naming the place for a malformed or unreadable trace', () => {
    const bad = file('bad.csv', 'key,size\na,1\nb\n');
    expect(run([bad]).status).toBe(0);
    const r = run([bad, '--column', 'size']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`${bad}: line 3: expected at least 2 fields, got 1\n`);
    const partial = run(['-', '--format', 'oracle-general'], new Uint8Array(30));
    expect(partial.status).toBe(2);
    expect(partial.stderr).toMatch(/^stdin: record 1 at byte offset 24: trailing partial record/);
    const missing = run([join(dir, 'nope.txt')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nope\.txt: cannot read: ENOENT/);
    const corrupt = run([file('corrupt.gz', new Uint8Array([0x1f, 0x8b, 1, 2, 3]))]);
    expect(corrupt.status).toBe(2);
    expect(corrupt.stderr).toMatch(/corrupt\.gz: cannot read:/);
  });

  it('reads an empty trace as zero requests', () => {
    const out = JSON.parse(run(['-'], '').stdout) as Output;
    expect(out.trace).toMatchObject({ requests: 0, uniqueKeys: 0, zipfAlpha: null });
    expect(out.results).toEqual([]);
  });
});

describe('trace CLI arguments', () => {
  it('accepts --option=value, picks the format from the file name, maps policy names', () => {
    const parsed = parseTraceArgs(['t.csv', '--column=2', '--policies=LRU, s3fifo,lru', '--csv']);
    expect(parsed).toEqual({
      kind: 'ok',
      args: {
        file: 't.csv',
        format: 'csv',
        column: '2',
        policies: ['lru', 's3fifo'],
        sizes: null,
        csv: true,
      },
    });
    expect(parseTraceArgs(['x', '--help'])).toEqual({ kind: 'help' });
    expect(parseTraceArgs(['x', '--sizes'])).toEqual({
      kind: 'problems',
      problems: ['--sizes: missing value'],
    });
  });
});
