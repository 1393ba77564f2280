/**
 * Write-behind (write-back), client side: the write lands in the cache (and its write buffer) and
 * is acknowledged at once; the flusher (write-behind-flusher.machine.ts) writes it to the DB later.
 * If the cache node dies first, the buffered write is lost (the engine counts it).
 */
import { setup } from 'xstate';
import { namedActions } from './machine-compiler';
import type { MachineEvent } from './pattern-events';

export const writeBehindMachine = setup({
  types: { events: {} as MachineEvent },
  actions: namedActions(['cacheSetDirty', 'ackWrite', 'failWrite', 'noteCacheDown'] as const),
}).createMachine({
  id: 'write-behind',
  initial: 'idle',
  states: {
    idle: { on: { 'write.start': { target: 'writingCache' } } },
    writingCache: {
      entry: ['cacheSetDirty'],
      on: {
        'cache.reply': { target: 'acked' },
        // No cache, nowhere to put the write: the client gets an error.
        'cache.down': { target: 'failed', actions: ['noteCacheDown'] },
      },
    },
    acked: { type: 'final', entry: ['ackWrite'] },
    failed: { type: 'final', entry: ['failWrite'] },
  },
});
