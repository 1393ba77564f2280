/**
 * Write path "invalidate" (cache-aside's recommended write): write the DB, then DEL the key.
 * Safe against concurrent writers because the next read refills from the DB.
 */
import { setup } from 'xstate';
import { namedActions } from './machine-compiler';
import type { MachineEvent } from './pattern-events';

export const invalidateWriteMachine = setup({
  types: { events: {} as MachineEvent },
  actions: namedActions(['dbWrite', 'cacheDel', 'ackWrite', 'noteCacheDown'] as const),
}).createMachine({
  id: 'invalidate-write',
  initial: 'idle',
  states: {
    idle: { on: { 'write.start': { target: 'writingDb' } } },
    writingDb: { entry: ['dbWrite'], on: { 'db.reply': { target: 'deleting' } } },
    deleting: {
      entry: ['cacheDel'],
      on: {
        'cache.reply': { target: 'acked' },
        // The DEL failed; a node that was down comes back cold, so nothing stale survives.
        'cache.down': { target: 'acked', actions: ['noteCacheDown'] },
      },
    },
    acked: { type: 'final', entry: ['ackWrite'] },
  },
});
