/**
 * Write-through: the write is acknowledged only after both the DB and the cache hold it, so a
 * read right after a write is fresh. Each write pays both latencies; with the cache down the
 * write reports an error (the DB already has it, so nothing is lost).
 */
import { setup } from 'xstate';
import { namedActions } from './machine-compiler';
import type { MachineEvent } from './pattern-events';

export const writeThroughMachine = setup({
  types: { events: {} as MachineEvent },
  actions: namedActions([
    'dbWrite',
    'cacheSetWritten',
    'ackWrite',
    'failWrite',
    'noteCacheDown',
  ] as const),
}).createMachine({
  id: 'write-through',
  initial: 'idle',
  states: {
    idle: { on: { 'write.start': { target: 'writingDb' } } },
    writingDb: { entry: ['dbWrite'], on: { 'db.reply': { target: 'writingCache' } } },
    writingCache: {
      entry: ['cacheSetWritten'],
      on: {
        'cache.reply': { target: 'acked' },
        'cache.down': { target: 'failed', actions: ['noteCacheDown'] },
      },
    },
    acked: { type: 'final', entry: ['ackWrite'] },
    failed: { type: 'final', entry: ['failWrite'] },
  },
});
