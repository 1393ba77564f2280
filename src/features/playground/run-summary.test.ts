import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../sim/scenario/scenario-schema';
import {
  metricWindow as w,
  runTotals as totals,
  saturatedTotals,
  unfinishedAtEnd,
} from '../../ui/metric-fixtures';
import { createEngine } from '../../sim/engine/engine';
import { presetScenario } from '../../sim/scenario/presets';
import { engineRun } from './engine-run-fixture';
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

  it('lists recurring spikes after warm-up with their rates and times', () => {
    // A hot key expiring every 10 s: quiet windows, then two windows of misses.
    const windows = Array.from({ length: 30 }, (_, i) => {
      if (i === 12) return w(i * 1000, { dbReads: 900, expirations: 1 });
      if (i === 13) return w(i * 1000, { dbReads: 400 });
      if (i === 22) return w(i * 1000, { dbReads: 700, expirations: 1 });
      return w(i * 1000, { dbReads: 2, expirations: 0 });
    });
    const summary = summarizeRun({ totals: totals(), windows, markers: [], scenario: s });
    expect(summary.sentences).toContain(
      'After warm-up, DB reads spiked 2 times, each right after cached keys expired (typically 2/s): 900/s at 0:12, 700/s at 0:22.',
    );
  });

  it('says nothing of spikes for a steady load or a single peak', () => {
    const steady = Array.from({ length: 30 }, (_, i) => w(i * 1000, { dbReads: 400 + (i % 3) }));
    const single = Array.from({ length: 30 }, (_, i) =>
      w(i * 1000, { dbReads: i === 20 ? 900 : 10 }),
    );
    for (const windows of [steady, single]) {
      const summary = summarizeRun({ totals: totals(), windows, markers: [], scenario: s });
      expect(summary.sentences.some((x) => x.includes('spiked'))).toBe(false);
    }
  });

  it('names every expiry spike of the hot-key stampede preset, as the engine measured them', () => {
    const scenario = presetScenario('hot-key-stampede');
    const engine = createEngine(scenario);
    engine.runUntil(scenario.durationMs);
    const windows = engine.drainWindows();
    const summary = summarizeRun({
      totals: engine.totals(),
      windows,
      markers: engine.markers(),
      scenario,
    });
    const sentence = summary.sentences.find((x) => x.startsWith('After warm-up, DB reads spiked'));
    expect(sentence).toBeDefined();
    // One spike per TTL after the warm-up, each listed with the rate of its busiest window.
    const spikes = [...(sentence ?? '').matchAll(/([\d,]+)\/s at (\d+):(\d\d)/g)];
    const ttlS = (scenario.cache.ttlMs ?? 0) / 1000;
    const expected = Math.floor((scenario.durationMs - scenario.warmupMs) / 1000 / ttlS);
    expect(spikes.length).toBe(expected);
    for (const [, rate, min, sec] of spikes) {
      const tMs = (Number(min) * 60 + Number(sec)) * 1000;
      const win = windows.find((x) => x.tMs === tMs);
      expect(Number(rate?.replace(/,/g, ''))).toBe(win?.dbReads);
    }
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

  it('a saturated run: how long, how deep, what was unfinished, and no "worth it"', () => {
    const summary = summarizeRun({
      totals: saturatedTotals({ hitRatio: 0.85, hits: 85_000, misses: 15_000 }),
      windows: Array.from({ length: 60 }, (_, i) =>
        w(i * 1000, i >= 10 ? { dbSaturated: true, dbQueue: i * 1000 } : {}),
      ),
      markers: [],
      scenario: scenario({ durationMs: 60_000, warmupMs: 10_000 }),
    });
    expect(summary.sentences[0]).toBe(
      'After a 10 s warm-up, the cache answered 85.0% of 100,000 reads.',
    );
    expect(summary.sentences[1]).toBe(
      'The database could not keep up for 50 s of the 50 s after warm-up (first at 0:10): its queue peaked at 61,234 operations, and it was still growing when the run ended. The hit ratio does not show this: it counts the lookups the cache answered, not how long the misses waited.',
    );
    expect(summary.sentences).toContain(
      'Half of the 37,000 requests that finished took under 8 s; 99% under 21 s.',
    );
    expect(summary.sentences).toContain(
      '63,000 requests were still unfinished when the run ended; the latency percentiles of the 37,000 that finished leave them out. Counting them at their age then (they take at least that long), p99 was at least 39.5 s.',
    );
    expect(summary.sentences.join(' ')).not.toMatch(/worth it|excellent/i);
    const row = (label: string) => summary.rows.find((r) => r.label === label)?.value;
    expect(row('Time DB saturated')).toBe('50 s');
    expect(row('Peak DB queue')).toBe('61,234');
    expect(row('Unfinished at the end')).toBe('63,000');
    expect(row('Finished')).toBe('37,000');
    expect(row('Latency p99')).toBe('21 s');
    expect(row('Latency p99 counting unfinished at their age')).toBe('≥ 39.5 s');
  });

  it('a run that recovered says for how long it fell behind, not that it still is', () => {
    const summary = summarizeRun({
      totals: totals({ dbSaturatedMs: 2000, dbQueuePeak: 665, inFlight: 6 }),
      // Saturated in warm-up (not counted) and at 0:11 and 0:12.
      windows: [
        w(0, { dbSaturated: true }),
        w(11_000, { dbSaturated: true }),
        w(12_000, { dbSaturated: true }),
        w(13_000),
      ],
      markers: [],
      scenario: s,
    });
    expect(summary.sentences).toContain(
      'The database could not keep up for 2 s of the 20 s after warm-up (first at 0:11): its queue peaked at 665 operations. The hit ratio does not show this: it counts the lookups the cache answered, not how long the misses waited.',
    );
    // A handful mid-flight at the end is normal, and said plainly.
    expect(summary.sentences).toContain('6 requests were still in flight when the run ended.');
  });

  it('a few requests in flight that raise p99 (a stalled server near the end): said with the bound', () => {
    const summary = summarizeRun({
      totals: totals(unfinishedAtEnd(15, { p99: 1_234.5, max: 1_300 }, 2_500)),
      windows: [w(0)],
      markers: [],
      scenario: s,
    });
    expect(summary.sentences).toContain(
      '15 requests were still in flight when the run ended. Counting them at their age then (they take at least that long), p99 was at least 1.23 s.',
    );
    const row = (label: string) => summary.rows.find((r) => r.label === label)?.value;
    expect(row('Latency p99')).toBe('60 ms');
    expect(row('Latency p99 counting unfinished at their age')).toBe('≥ 1.23 s');
  });

  it('a calm run says nothing about saturation, refusals or unfinished requests', () => {
    const summary = summarizeRun({
      totals: totals(),
      windows: [w(0)],
      markers: [],
      scenario: s,
    });
    const text = summary.sentences.join(' ');
    expect(text).not.toMatch(/keep up|refused|in flight|unfinished/);
    expect(summary.rows.map((r) => r.label)).not.toContain(
      'Latency p99 counting unfinished at their age',
    );
    expect(text).toContain(
      'Half of the 2,000 requests that finished took under 0.5 ms; 99% under 60 ms.',
    );
  });

  it('reports SETs the cache refused for lack of memory', () => {
    const summary = summarizeRun({
      totals: totals({ oomErrors: 41_410 }),
      windows: [w(0)],
      markers: [],
      scenario: s,
    });
    expect(summary.sentences).toContain(
      "The cache refused 41,410 SETs for lack of memory (Redis's OOM error): those values were not cached.",
    );
    expect(summary.rows.find((r) => r.label === 'Refused SETs (OOM)')?.value).toBe('41,410');
  });

  it('a slow run without saturation says so', () => {
    const summary = summarizeRun({
      totals: totals({ latencyMs: { p50: 1, p95: 400, p99: 600, max: 900, mean: 30 } }),
      windows: [w(0)],
      markers: [],
      scenario: s,
    });
    expect(summary.sentences[0]).toBe(
      'After a 10 s warm-up, the cache answered 90.0% of 2,000 reads.',
    );
    expect(summary.sentences).toContain(
      "Requests were slow: p99 was 12× the database's read latency (50 ms), which the hit ratio alone does not show.",
    );
  });

  it('a real saturated engine run: the summary says the DB could not keep up', () => {
    const summary = summarizeRun(engineRun({ db: { maxConcurrent: 5 } }));
    const text = summary.sentences.join(' ');
    expect(text).toMatch(
      /The database could not keep up for 15 s of the 15 s after warm-up \(first at 0:05\)/,
    );
    expect(text).toMatch(/still unfinished when the run ended/);
    // The queued requests count at their age: p99 is at least what the finished ones give.
    expect(text).toMatch(
      /Counting them at their age then \(they take at least that long\), p99 was at least \d/,
    );
    expect(text).not.toMatch(/worth it|excellent/i);
  });
});
