/**
 * Cache-node lifecycle: up -> down (unreachable; its memory and write buffer are gone) ->
 * restarting (booting, still unreachable) -> up (cold, empty). `cache-restart` goes straight to
 * restarting.
 */
import { setup } from 'xstate';
import { namedActions } from './machine-compiler';
import type { MachineEvent } from './pattern-events';

export const CACHE_NODE_ACTIONS = ['loseMemory', 'comeUp'] as const;

export const cacheNodeMachine = setup({
  types: { events: {} as MachineEvent },
  actions: namedActions(CACHE_NODE_ACTIONS),
  delays: { downFor: 10_000, restartFor: 1_000 },
}).createMachine({
  id: 'cache-node',
  initial: 'up',
  states: {
    up: {
      on: {
        'fault.down': { target: 'down', actions: ['loseMemory'] },
        'fault.restart': { target: 'restarting', actions: ['loseMemory'] },
      },
    },
    down: { after: { downFor: { target: 'restarting' } } },
    restarting: { after: { restartFor: { target: 'up', actions: ['comeUp'] } } },
  },
});
