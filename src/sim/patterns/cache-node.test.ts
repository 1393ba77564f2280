/**
 * The cache node's lifecycle: up -> down (unreachable, memory lost) -> restarting -> up (cold);
 * `cache-restart` goes straight to restarting. A `cache-down` fault's forMs is the down phase
 * (its restart phase takes no time); a `cache-restart` fault's forMs is the restart phase.
 *
 * Timings follow the test host's defaults: cache 1 ms a command, DB reads 10 ms fixed.
 */
import { describe, expect, it } from 'vitest';
import type { CacheNodeState } from '../engine/engine-types';
import { FAULT_DEFAULTS } from '../engine/faults';
import { PatternTestHost } from './pattern-test-host';

const KEY = 7;

/** The node's state at each of `times` (ascending), running the host up to each. */
function nodeStates(host: PatternTestHost, times: readonly number[]): CacheNodeState[] {
  return times.map((t) => host.run(t).engine.view().cacheState);
}

describe('cache node', () => {
  it('cache-down: unreachable for forMs, then up again, cold', () => {
    const host = new PatternTestHost().read(KEY, 0).fault(100, { kind: 'cache-down', forMs: 500 });
    expect(nodeStates(host, [99, 100, 599, 600])).toEqual(['up', 'down', 'down', 'up']);
    expect(host.events('cache.up').map((e) => e.tMs)).toEqual([600]);
    expect(host.engine.view().cacheKeys).toBe(0);
    expect(host.cacheVersion(KEY)).toBeNull();
  });

  it('cache-restart: restarting (still unreachable) for forMs, then up, cold', () => {
    const host = new PatternTestHost()
      .read(KEY, 0)
      .fault(100, { kind: 'cache-restart', forMs: 300 });
    expect(nodeStates(host, [99, 100, 399, 400])).toEqual(['up', 'restarting', 'restarting', 'up']);
    expect(host.events('cache.up').map((e) => e.tMs)).toEqual([400]);
    expect(host.cacheVersion(KEY)).toBeNull();
  });

  it('without forMs, down lasts 10 s and a restart 1 s', () => {
    expect([FAULT_DEFAULTS['cache-down'], FAULT_DEFAULTS['cache-restart']]).toEqual([
      10_000, 1_000,
    ]);
    const host = new PatternTestHost({ durationMs: 20_000 })
      .fault(100, { kind: 'cache-down' })
      .fault(12_000, { kind: 'cache-restart' })
      .run();
    expect(host.events('cache.up').map((e) => e.tMs)).toEqual([10_100, 13_000]);
  });

  it('reads fall back to the database while it is down and refill it once it is back', () => {
    const host = new PatternTestHost()
      .read(KEY, 0)
      .fault(100, { kind: 'cache-down', forMs: 500 })
      .read(KEY, 200)
      .read(KEY, 700)
      .read(KEY, 800)
      .run();
    // Read 1 filled the key; the node lost it at 100 ms.
    expect(host.states(2)).toEqual(['idle', 'lookup', 'loadingDirect', 'served']);
    expect(host.request(2).map((e) => e.type)).toEqual([
      'request.start',
      'cache.get',
      'cache.down',
      'db.read',
      'db.reply',
      'request.done',
    ]);
    expect(host.states(3)).toEqual(['idle', 'lookup', 'loading', 'served']);
    expect([host.outcome(2), host.outcome(3), host.outcome(4)]).toEqual(['miss', 'miss', 'hit']);
    expect(host.totals.dbReads).toBe(3);
    expect(host.totals.errors).toBe(0);
  });
});
