/**
 * Write path "update" (the racy one): write the DB, then SET the key to the value just written.
 * Two concurrent writers can SET in the opposite order to their DB commits and leave the older
 * value cached until its TTL ends.
 */
import { setup } from 'xstate';
import { namedActions } from './machine-compiler';
import type { MachineEvent } from './pattern-events';

export const updateWriteMachine = setup({
  types: { events: {} as MachineEvent },
  actions: namedActions(['dbWrite', 'cacheSetWritten', 'ackWrite', 'noteCacheDown'] as const),
}).createMachine({
  id: 'update-write',
  initial: 'idle',
  states: {
    idle: { on: { 'write.start': { target: 'writingDb' } } },
    writingDb: { entry: ['dbWrite'], on: { 'db.reply': { target: 'updating' } } },
    updating: {
      entry: ['cacheSetWritten'],
      on: {
        'cache.reply': { target: 'acked' },
        'cache.down': { target: 'acked', actions: ['noteCacheDown'] },
      },
    },
    acked: { type: 'final', entry: ['ackWrite'] },
  },
});
