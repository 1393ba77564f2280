/**
 * Write-around: writes go only to the DB; the cache fills on reads. A cached copy of a rewritten
 * key stays stale until its TTL ends (or an invalidation event deletes it).
 */
import { setup } from 'xstate';
import { namedActions, type PatternEvent } from './machine-compiler';
import { WRITE_ACTIONS } from './write-path.shared';

export const writeAroundMachine = setup({
  types: { events: {} as PatternEvent },
  actions: namedActions(WRITE_ACTIONS),
}).createMachine({
  id: 'write-around',
  initial: 'idle',
  states: {
    idle: { on: { 'write.start': { target: 'writingDb' } } },
    writingDb: { entry: ['dbWrite'], on: { 'db.reply': { target: 'acked' } } },
    acked: { type: 'final', entry: ['ackWrite'] },
  },
});
