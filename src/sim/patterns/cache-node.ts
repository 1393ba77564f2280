/**
 * The cache node's lifecycle, implemented (cache-node.machine.ts): a `cache-down` fault makes it
 * unreachable and loses its memory (every pattern's `onCacheDeath` runs: write-behind loses its
 * buffer, the rebuild locks vanish), then it restarts and comes back cold; `cache-restart` goes
 * straight to restarting. How long each phase lasts comes from the fault.
 */
import type { PatternFactory } from './pattern-host';

export const createCacheNode: PatternFactory = (host) => ({
  actions: {
    loseMemory: (r: number): void => {
      host.cache.die(r);
    },
    comeUp: (r: number): void => {
      host.cache.revive();
      if (host.trace.on)
        host.trace.emit('cache.up', r, 'cache', null, null, 'cache node is up again (cold, empty)');
    },
  },
  delays: {
    downFor: (): number => host.cache.downForMs,
    restartFor: (): number => host.cache.restartForMs,
  },
});
