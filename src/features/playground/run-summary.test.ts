import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../sim/scenario/scenario-schema';
import { metricWindow as w, runTotals as totals } from '../../ui/metric-fixtures';
import { describeMarker, summarizeRun } from './run-summary';
import { hitRatioVerdict } from './verdict';

function scenario(input: unknown): Scenario {
  const r = parseScenario(input);
  if (!r.ok) throw new Error('bad scenario');
  return r.scenario;
}

describe('verdict by the rules of thumb', () => {
  it.each([
    [0.3, 'poor'],
    [0.5, 'fair'],
    [0.8, 'fair'],
    [0.81, 'good'],
    [0.95, 'good'],
    [0.96, 'excellent'],
  ])('%f is %s', (ratio, level) => {
    expect(hitRatioVerdict(ratio).level).toBe(level);
  });
});

describe('run summary', () => {
  const s = scenario({ durationMs: 30_000, warmupMs: 10_000 });

  it('names the DB peak, its time and the fault that caused it', () => {
    const windows = Array.from({ length: 30 }, (_, i) =>
      w(i * 1000, i === 20 ? { dbReads: 812, hits: 0, misses: 100, cacheState: 'down' } : {}),
    );
    const summary = summarizeRun({
      totals: totals(),
      windows,
      markers: [{ tMs: 20_000, kind: 'fault', label: 'cache-down for 10000 ms' }],
      scenario: s,
    });
    expect(summary.sentences).toContain(
      'DB reads peaked at 812/s at 0:20, when the cache went down (81.2× the typical 10/s).',
    );
    expect(summary.sentences[0]).toBe(
      'After a 10 s warm-up, the cache answered 90.0% of 2,000 reads. Above 80%: Worth it.',
    );
    expect(summary.sentences).toContain(
      'The cache node was down or restarting for about 1 s of the run.',
    );
    expect(summary.rows.find((r) => r.label === 'Hit ratio')?.value).toBe('90.0%');
  });

  it('blames a wave of expiries when no marker explains the peak', () => {
    const windows = Array.from({ length: 30 }, (_, i) =>
      w(i * 1000, i === 25 ? { dbReads: 500, expirations: 400 } : { expirations: 2 }),
    );
    const summary = summarizeRun({ totals: totals(), windows, markers: [], scenario: s });
    expect(summary.sentences).toContain(
      'DB reads peaked at 500/s at 0:25, when 400 keys expired within 1 s (50× the typical 10/s).',
    );
  });

  it('reports stale reads, lost writes and errors with their share', () => {
    const wb = scenario({ durationMs: 30_000, pattern: { write: 'write-behind' } });
    const summary = summarizeRun({
      totals: totals({
        staleReads: 20,
        maxStalenessMs: 1500,
        lostWrites: 37,
        errors: 4,
        writes: 100,
      }),
      windows: [w(0)],
      markers: [],
      scenario: wb,
    });
    expect(summary.sentences).toContain(
      '20 reads (1.00%) returned stale data, up to 1.5 s out of date.',
    );
    expect(summary.sentences).toContain(
      '37 writes were lost: acknowledged to the client, but never reached the database.',
    );
    expect(summary.sentences).toContain('4 requests failed (0.20%).');
  });

  it('says when nothing was counted instead of inventing a ratio', () => {
    const summary = summarizeRun({
      totals: totals({ requests: 0, reads: 0, hits: 0, misses: 0, hitRatio: 0 }),
      windows: [],
      markers: [],
      scenario: s,
    });
    expect(summary.sentences[0]).toContain('No reads were counted');
    expect(summary.sentences.join(' ')).not.toContain('NaN');
  });

  it('describes knob changes in the engine words', () => {
    expect(describeMarker({ tMs: 0, kind: 'knob', label: 'cache.ttlMs=1000' })).toBe(
      'right after the change cache.ttlMs=1000',
    );
    expect(describeMarker({ tMs: 0, kind: 'fault', label: 'expire-key 0' })).toBe(
      'when the hottest key was expired',
    );
  });
});
