import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { presetScenario } from '../sim/scenario/presets';
import { seriesToCsv } from '../sim/metrics/series-csv';
import { runScenario, unfinishedNote } from './run-scenario';

const TSX = ['--import', 'tsx', 'src/cli/sim.ts'];

describe('sim CLI', () => {
  it('gives byte-identical output for the same scenario and seed', () => {
    const input = presetScenario('write-behind-crash');
    const a = runScenario(input);
    const b = runScenario(input);
    expect(a.ok && b.ok).toBe(true);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('prints { scenario, totals, series } with the contract fields', () => {
    const out = execFileSync(process.execPath, [...TSX, '-'], {
      input: '{"durationMs":4000,"warmupMs":1000}',
      encoding: 'utf8',
    });
    const parsed = JSON.parse(out) as {
      scenario: unknown;
      totals: Record<string, unknown>;
      series: Record<string, unknown>[];
    };
    for (const k of [
      'requests',
      'reads',
      'writes',
      'hits',
      'misses',
      'hitRatio',
      'dbReads',
      'dbWrites',
      'staleReads',
      'lostWrites',
      'evictions',
      'expirations',
      'errors',
      'latencyMs',
    ]) {
      expect(parsed.totals).toHaveProperty(k);
    }
    expect(parsed.series).toHaveLength(4);
    expect(parsed.series[0]).toHaveProperty('tMs', 0);
    const again = execFileSync(process.execPath, [...TSX, '-'], {
      input: '{"durationMs":4000,"warmupMs":1000}',
      encoding: 'utf8',
    });
    expect(again).toBe(out);
  });

  it('says when a run stopped at a backlog cap: in the JSON and on stderr, exit 0', () => {
    const r = spawnSync(process.execPath, [...TSX, '-'], {
      input: JSON.stringify({
        durationMs: 10_000,
        warmupMs: 0,
        workload: { requestsPerSec: 10_000_000 },
        cache: { capacityKeys: 10 },
      }),
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { stopped?: { limit: string; atMs: number } };
    expect(out.stopped?.limit).toBe('db-queue');
    expect(r.stderr).toMatch(/^Run stopped at \d+\.\d{3} s: the database queue passed/);
    // Over 500 k requests were queued when it stopped: the p99 counting them is a lower bound.
    expect(r.stderr.split('\n')[1]).toMatch(
      /^\d+ requests were unfinished when the run ended: totals.latencyMs covers the \d+ that finished \(p99 [\d.]+ ms\); counting the unfinished at their age \(totals.latencyWithUnfinished\), p99 is at least [\d.]+ ms\.$/,
    );
    const normal = runScenario({ durationMs: 2_000, warmupMs: 0 });
    expect(normal.ok && 'stopped' in normal.output).toBe(false);
  });

  it('notes on stderr when unfinished requests raise the p99, with the numbers of the JSON', () => {
    const saturated = runScenario({
      durationMs: 5_000,
      warmupMs: 1_000,
      workload: { requestsPerSec: 200, writeFraction: 0, popularity: { kind: 'unique' } },
      db: { readLatencyMs: 50, latencyVariation: 'fixed', maxConcurrent: 2 },
    });
    if (!saturated.ok) throw new Error('invalid scenario');
    const t = saturated.output.totals;
    expect(unfinishedNote(t)).toBe(
      `${t.inFlight} requests were unfinished when the run ended: totals.latencyMs covers the ${t.completed} that finished (p99 ${t.latencyMs.p99} ms); counting the unfinished at their age (totals.latencyWithUnfinished), p99 is at least ${t.latencyWithUnfinished.ms.p99} ms.`,
    );
    expect(t.inFlight).toBeGreaterThan(700);
    // A calm run with a few requests mid-flight at the end: nothing to note.
    const calm = runScenario({ durationMs: 4_000, warmupMs: 1_000 });
    if (!calm.ok) throw new Error('invalid scenario');
    expect(calm.output.totals.inFlight).toBeGreaterThan(0);
    expect(unfinishedNote(calm.output.totals)).toBeNull();
  });

  it('exits 2 with one line per problem for a bad scenario', () => {
    const r = spawnSync(process.execPath, [...TSX, '-'], {
      input: '{"cache":{"ttlMs":-1},"nope":1}',
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      'cache.ttlMs: must be an integer from 1 to 1e10, or null for no TTL',
      expect.stringMatching(/^nope: is not a known field/) as string,
    ]);
  });

  it('exits 2 with usage for bad arguments', () => {
    const r = spawnSync(process.execPath, [...TSX, '--format', 'xml', 'x.json'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage: npm run sim');
  });

  it('renders the series as CSV', () => {
    const r = runScenario({
      durationMs: 3000,
      warmupMs: 0,
      faults: [{ atMs: 1500, kind: 'cache-down', forMs: 500 }],
    });
    if (!r.ok) throw new Error('invalid');
    const lines = seriesToCsv(r.output.series, r.markers, 1000).trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]?.startsWith('tMs,widthMs,requests,reads')).toBe(true);
    expect(lines[2]).toMatch(/,fault: .*cache/);
  });
});
