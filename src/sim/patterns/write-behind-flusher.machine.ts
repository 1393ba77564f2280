/**
 * The write-behind flusher: wakes every `flushIntervalMs`, takes up to `batchSize` buffered writes
 * and writes them to the DB in one batch. One record for the whole run.
 */
import { setup } from 'xstate';
import { namedActions } from './machine-compiler';
import type { MachineEvent } from './pattern-events';

export const FLUSHER_ACTIONS = ['flushBatch', 'commitBatch'] as const;

export const writeBehindFlusherMachine = setup({
  types: { events: {} as MachineEvent },
  actions: namedActions(FLUSHER_ACTIONS),
  delays: { flushInterval: 1000 },
}).createMachine({
  id: 'write-behind-flusher',
  initial: 'sleeping',
  states: {
    sleeping: { after: { flushInterval: { target: 'flushing' } } },
    flushing: {
      entry: ['flushBatch'],
      on: {
        'batch.empty': { target: 'sleeping' },
        'db.reply': { target: 'sleeping', actions: ['commitBatch'] },
      },
    },
  },
});
