/**
 * Write-around: writes go only to the DB; the cache fills on reads. A cached copy of a rewritten
 * key stays stale until its TTL ends (or an invalidation event deletes it).
 */
import { setup } from 'xstate';
import { namedActions } from './machine-compiler';
import type { MachineEvent } from './pattern-events';

export const writeAroundMachine = setup({
  types: { events: {} as MachineEvent },
  actions: namedActions(['dbWrite', 'ackWrite'] as const),
}).createMachine({
  id: 'write-around',
  initial: 'idle',
  states: {
    idle: { on: { 'write.start': { target: 'writingDb' } } },
    writingDb: { entry: ['dbWrite'], on: { 'db.reply': { target: 'acked' } } },
    acked: { type: 'final', entry: ['ackWrite'] },
  },
});
