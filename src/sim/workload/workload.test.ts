import { describe, expect, it } from 'vitest';
import { createRng, RNG_STREAM } from '../rng';
import { scenarioOrThrow, type ScenarioInput } from '../scenario/scenario-schema';
import { createWorkload } from './workload';

/** Keys of `requests` reads at evenly spaced times over [0, durationMs). */
function keysOf(input: ScenarioInput, requests: number, durationMs: number) {
  const s = scenarioOrThrow(input);
  const w = createWorkload(
    s,
    createRng(s.seed, RNG_STREAM.keys),
    createRng(s.seed, RNG_STREAM.ops),
    { scanRng: createRng(s.seed, RNG_STREAM.scan) },
  );
  const times = Array.from({ length: requests }, (_, i) => (i * durationMs) / requests);
  return { keys: times.map((t) => w.nextKey(t)), times, workload: w };
}

const SCAN = { everyMs: 10_000, lengthKeys: 5_000, requestFraction: 0.5 };

describe('workload shapes', () => {
  it('without scan or shift draws exactly the plain popularity sequence', () => {
    const base = { workload: { keys: 1000 } };
    const plain = keysOf(base, 2000, 60_000).keys;
    const withNulls = keysOf({ workload: { keys: 1000, scan: null, shift: null } }, 2000, 60_000);
    expect(withNulls.keys).toEqual(plain);
  });

  it('scan: no scan before everyMs, then the stated share of requests read fresh keys in order', () => {
    // 100 requests/s for 60 s: scans owe 5000 keys at 10 s, 20 s, ...; half the requests during a
    // scan go to it, so each scan lasts about 100 s of traffic: scanning never stops after 10 s.
    const { keys, times } = keysOf({ workload: { keys: 1000, scan: SCAN } }, 6000, 60_000);
    const scanIdx = keys.map((k, i) => (k >= 1000 ? i : -1)).filter((i) => i >= 0);
    expect(scanIdx.every((i) => (times[i] ?? 0) >= 10_000)).toBe(true);
    // Fresh keys in order, each once: 1000, 1001, ...
    expect(scanIdx.map((i) => keys[i])).toEqual(scanIdx.map((_, j) => 1000 + j));
    const after = keys.filter((_, i) => (times[i] ?? 0) >= 10_000);
    const share = after.filter((k) => k >= 1000).length / after.length;
    expect(share).toBeGreaterThan(0.46);
    expect(share).toBeLessThan(0.54);
  });

  it('scan: a scan ends after lengthKeys keys and the next starts at the next multiple', () => {
    const scan = { everyMs: 10_000, lengthKeys: 100, requestFraction: 1 };
    const { keys, times } = keysOf({ workload: { keys: 1000, scan } }, 6000, 60_000);
    const scanTimes = times.filter((_, i) => (keys[i] ?? 0) >= 1000);
    expect(scanTimes.length).toBe(500); // scans at 10, 20, 30, 40, 50 s
    // requestFraction 1: the 100 requests from each multiple of 10 s on, and no others.
    for (const t of scanTimes) expect(t % 10_000).toBeLessThan(100 * 10);
  });

  it('shift: the hot set moves by keyFraction of the key space at each multiple of everyMs', () => {
    const shift = { everyMs: 30_000, keyFraction: 0.5 };
    const { keys, times } = keysOf(
      {
        workload: {
          keys: 1000,
          popularity: { kind: 'hotspot', hotKeyFraction: 0.1, hotRequestFraction: 1 },
          shift,
        },
      },
      6000,
      60_000,
    );
    keys.forEach((k, i) => {
      const t = times[i] ?? 0;
      if (t < 30_000) expect(k).toBeLessThan(100);
      else expect(k >= 500 && k < 600).toBe(true);
    });
  });

  it('scan and shift are deterministic for a seed and draw on their own streams', () => {
    const input = { seed: 7, workload: { keys: 1000, scan: SCAN, shift: { everyMs: 20_000 } } };
    expect(keysOf(input, 3000, 60_000).keys).toEqual(keysOf(input, 3000, 60_000).keys);
    // Zipf draws come from the keys stream alone: with the scan taking no requests before 10 s
    // and the shift first applying at 20 s, the first 10 s match the plain workload.
    const plain = keysOf({ seed: 7, workload: { keys: 1000 } }, 3000, 60_000).keys;
    expect(keysOf(input, 3000, 60_000).keys.slice(0, 500)).toEqual(plain.slice(0, 500));
  });

  it('position and seek carry the scan count (checkpoints)', () => {
    const { workload } = keysOf({ workload: { keys: 1000, scan: SCAN } }, 6000, 60_000);
    const p = workload.position();
    expect(p).toBeGreaterThan(0);
    workload.seek(3);
    expect(workload.position()).toBe(3);
  });

  it('rejects scan or shift with unique popularity, and out-of-range fields, naming the field', () => {
    expect(() =>
      scenarioOrThrow({ workload: { popularity: { kind: 'unique' }, scan: {} } }),
    ).toThrow('workload.scan must be null when workload.popularity is unique');
    expect(() => scenarioOrThrow({ workload: { shift: { keyFraction: 1 } } })).toThrow(
      'workload.shift.keyFraction must be a number from 0.000001 to 0.999999',
    );
    expect(() => scenarioOrThrow({ workload: { scan: { lengthKeys: 0 } } })).toThrow(
      'workload.scan.lengthKeys must be an integer from 1 to 1e7',
    );
  });
});
