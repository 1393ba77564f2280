import { describe, expect, it } from 'vitest';
import { scenarioOrThrow } from '../sim/scenario/scenario-schema';
import { labFaults } from './lab-faults';
import { rateProblem, unsupportedFeatures } from './lab-support';

describe('faults on real servers', () => {
  const sc = scenarioOrThrow({
    faults: [
      { atMs: 1000, kind: 'db-slow', forMs: 2000, factor: 4 },
      { atMs: 2000, kind: 'db-slow', forMs: 2000 },
      { atMs: 5000, kind: 'traffic-spike', forMs: 1000 },
      { atMs: 7000, kind: 'expire-key', key: 3 },
    ],
  });

  it('multiplies DB latency and arrival rate while each fault lasts, with the model defaults', () => {
    const f = labFaults(sc);
    expect([0, 1000, 2500, 3500, 4000].map(f.dbFactor)).toEqual([1, 4, 20, 5, 1]);
    expect([4999, 5000, 5999, 6000].map(f.rateFactor)).toEqual([1, 3, 3, 1]);
    expect(f.peakRateFactor).toBe(3);
    expect(f.keyExpiries).toEqual([{ atMs: 7000, key: 3 }]);
    expect(unsupportedFeatures(sc)).toEqual([]);
  });

  it('refuses faults it cannot reproduce and rates it cannot drive, saying why', () => {
    const paused = scenarioOrThrow({ faults: [{ atMs: 1000, kind: 'pause-app' }] });
    expect(unsupportedFeatures(paused)).toEqual([
      {
        field: 'faults.0.kind',
        message:
          'pause-app is not reproduced on real servers (the lab does: db-slow, traffic-spike, expire-key, cache-down, cache-restart)',
      },
    ]);
    const down = labFaults(
      scenarioOrThrow({
        faults: [
          { atMs: 9000, kind: 'cache-restart' },
          { atMs: 1000, kind: 'cache-down' },
        ],
      }),
    );
    expect(down.cacheOutages).toEqual([
      { atMs: 1000, forMs: 10_000 },
      { atMs: 9000, forMs: 1000 },
    ]);
    expect(rateProblem(800, 1000)).toBeNull();
    expect(rateProblem(300, 1000, 3)).toMatch(
      /x3 during the traffic spike\) is more than this machine/,
    );
  });
});
