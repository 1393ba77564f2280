/**
 * Event-driven invalidation consumer: every DB commit publishes an event; after the delivery delay
 * the consumer DELs the key. With `repopulate` it instead re-reads the value and SETs it: the
 * anti-pattern, since a lagging replica can hand back the old value.
 */
import { setup } from 'xstate';
import { factGuards, namedActions } from './machine-compiler';
import type { MachineEvent } from './pattern-events';

export const EVENT_INVALIDATION_ACTIONS = ['cacheDel', 'dbRead', 'cacheSet'] as const;

export const eventInvalidationMachine = setup({
  types: { events: {} as MachineEvent },
  guards: factGuards(['isRepopulate'] as const),
  actions: namedActions(EVENT_INVALIDATION_ACTIONS),
}).createMachine({
  id: 'event-invalidation',
  initial: 'published',
  states: {
    published: {
      on: {
        'event.delivered': [{ guard: 'isRepopulate', target: 'rereading' }, { target: 'deleting' }],
      },
    },
    deleting: {
      entry: ['cacheDel'],
      on: { 'cache.reply': { target: 'handled' }, 'cache.down': { target: 'handled' } },
    },
    rereading: {
      entry: ['dbRead'],
      on: { 'db.reply': { target: 'handled', actions: ['cacheSet'] } },
    },
    handled: { type: 'final' },
  },
});
