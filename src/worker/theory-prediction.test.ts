import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../sim/scenario/scenario-schema';
import { createTheoryCache, predictHitRatio } from './theory-prediction';

function scenario(input: unknown = {}): Scenario {
  const r = parseScenario(input);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.scenario;
}

describe('which theory applies', () => {
  it('uses Che for the default LRU cache (its TTL outlasts the run)', () => {
    const p = predictHitRatio(scenario());
    expect(p?.model).toBe('che-lru');
    expect(p?.hitRatio).toBeGreaterThan(0.4);
    expect(p?.hitRatio).toBeLessThan(0.7);
  });

  it('uses the TTL formula when everything fits, and 100% with no TTL either', () => {
    expect(predictHitRatio(scenario({ cache: { capacityKeys: null, ttlMs: 2000 } }))?.model).toBe(
      'ttl',
    );
    expect(predictHitRatio(scenario({ cache: { capacityKeys: null, ttlMs: null } }))).toEqual({
      hitRatio: expect.closeTo(1, 9) as unknown,
      model: 'everything-fits',
    });
  });

  it('a longer TTL predicts more hits', () => {
    const short = predictHitRatio(scenario({ cache: { capacityKeys: null, ttlMs: 2000 } }));
    const long = predictHitRatio(scenario({ cache: { capacityKeys: null, ttlMs: 60_000 } }));
    expect(long?.hitRatio).toBeGreaterThan((short?.hitRatio ?? 1) + 0.15);
  });

  it('stays silent where no formula honestly applies', () => {
    expect(predictHitRatio(scenario({ workload: { writeFraction: 0.5 } }))).toBeNull();
    expect(predictHitRatio(scenario({ cache: { ttlMs: 2000 } }))).toBeNull(); // capacity and TTL both bind
    expect(predictHitRatio(scenario({ cache: { policy: 'noeviction' } }))).toBeNull();
    expect(
      predictHitRatio(
        scenario({ workload: { keyClasses: [{ name: 'a', keyShare: 0.5, ttlMs: 1000 }] } }),
      ),
    ).toBeNull();
  });

  it('memoises by the fields it reads', () => {
    const cached = createTheoryCache();
    const a = cached(scenario());
    expect(cached(scenario({ seed: 7 }))).toBe(a);
    expect(cached(scenario({ cache: { capacityKeys: 500 } }))).not.toBe(a);
  });
});
