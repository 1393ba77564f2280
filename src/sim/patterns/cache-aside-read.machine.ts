/**
 * Cache-aside read, with the stampede tools as guarded branches: rebuild lock (SET NX EX, retry,
 * give-up fallback), stale-while-revalidate (soft TTL), probabilistic early refresh (XFetch),
 * per-instance request coalescing and an optional in-process L1. One record per client read;
 * background refreshes start from `refresh.start`.
 *
 * Guards read facts the engine computes for the request (see {@link factGuards}); actions are
 * placeholders here and bound to engine implementations by the machine compiler.
 */
import { setup } from 'xstate';
import { factGuards, namedActions } from './machine-compiler';
import type { MachineEvent } from './pattern-events';

export const CACHE_ASIDE_READ_GUARDS = [
  'isL1Enabled',
  'isSoftExpired',
  'shouldRefreshEarly',
  'hasFlightInInstance',
  'isLockEnabled',
  'hasGivenUpWithError',
  'hasGivenUp',
  'holdsLock',
] as const;

export const CACHE_ASIDE_READ_ACTIONS = [
  'l1Get',
  'serveFromL1',
  'cacheGet',
  'serveHit',
  'serveStale',
  'startRefresh',
  'joinFlight',
  'openFlight',
  'noteCacheDown',
  'lockSetNx',
  'noteLockWait',
  'dbRead',
  'cacheSet',
  'releaseLock',
  'resolveFlight',
  'failFlight',
  'serveFromDb',
  'serveFromFlight',
  'serveError',
  'endRefresh',
] as const;

export const cacheAsideReadMachine = setup({
  types: { events: {} as MachineEvent },
  guards: factGuards(CACHE_ASIDE_READ_GUARDS),
  actions: namedActions(CACHE_ASIDE_READ_ACTIONS),
  delays: { retryDelay: 100 },
}).createMachine({
  id: 'cache-aside-read',
  initial: 'idle',
  states: {
    idle: {
      on: {
        'read.start': [{ guard: 'isL1Enabled', target: 'l1Lookup' }, { target: 'lookup' }],
        'refresh.start': { target: 'refreshing' },
      },
    },
    l1Lookup: {
      entry: ['l1Get'],
      on: {
        'l1.hit': { target: 'served', actions: ['serveFromL1'] },
        'l1.miss': { target: 'lookup' },
      },
    },
    lookup: {
      entry: ['cacheGet'],
      on: {
        'cache.hit': [
          { guard: 'isSoftExpired', target: 'served', actions: ['serveStale', 'startRefresh'] },
          { guard: 'shouldRefreshEarly', target: 'served', actions: ['serveHit', 'startRefresh'] },
          { target: 'served', actions: ['serveHit'] },
        ],
        'cache.miss': [
          { guard: 'hasFlightInInstance', target: 'coalesced', actions: ['joinFlight'] },
          { guard: 'isLockEnabled', target: 'acquiringLock', actions: ['openFlight'] },
          { target: 'loading', actions: ['openFlight'] },
        ],
        // The cache is unreachable: cache-aside falls back to the database (sharing a read
        // already in flight on this instance when coalescing).
        'cache.down': [
          {
            guard: 'hasFlightInInstance',
            target: 'coalesced',
            actions: ['noteCacheDown', 'joinFlight'],
          },
          { target: 'loadingDirect', actions: ['noteCacheDown', 'openFlight'] },
        ],
      },
    },
    acquiringLock: {
      entry: ['lockSetNx'],
      on: {
        // Double-check: another rebuilder may have filled the key just before we got the lock.
        'lock.acquired': { target: 'lockedRecheck' },
        'lock.busy': { target: 'waitingLock' },
        'cache.down': { target: 'loadingDirect', actions: ['noteCacheDown'] },
      },
    },
    lockedRecheck: {
      entry: ['cacheGet'],
      on: {
        'cache.hit': { target: 'served', actions: ['releaseLock', 'resolveFlight', 'serveHit'] },
        'cache.miss': { target: 'loading' },
        'cache.down': { target: 'loadingDirect', actions: ['noteCacheDown'] },
      },
    },
    waitingLock: {
      entry: ['noteLockWait'],
      after: { retryDelay: { target: 'relookup' } },
    },
    relookup: {
      entry: ['cacheGet'],
      on: {
        'cache.hit': { target: 'served', actions: ['serveHit', 'resolveFlight'] },
        'cache.miss': [
          { guard: 'hasGivenUpWithError', target: 'failed', actions: ['failFlight'] },
          { guard: 'hasGivenUp', target: 'loadingDirect' },
          { target: 'acquiringLock' },
        ],
        'cache.down': { target: 'loadingDirect', actions: ['noteCacheDown'] },
      },
    },
    loading: {
      entry: ['dbRead'],
      on: {
        'db.reply': [
          {
            guard: 'holdsLock',
            target: 'served',
            actions: ['cacheSet', 'releaseLock', 'resolveFlight', 'serveFromDb'],
          },
          { target: 'served', actions: ['cacheSet', 'resolveFlight', 'serveFromDb'] },
        ],
      },
    },
    loadingDirect: {
      entry: ['dbRead'],
      on: { 'db.reply': { target: 'served', actions: ['resolveFlight', 'serveFromDb'] } },
    },
    coalesced: {
      on: { 'flight.done': { target: 'served', actions: ['serveFromFlight'] } },
    },
    refreshing: {
      entry: ['dbRead'],
      on: { 'db.reply': { target: 'refreshed', actions: ['cacheSet', 'endRefresh'] } },
    },
    failed: { type: 'final', entry: ['serveError'] },
    served: { type: 'final' },
    refreshed: { type: 'final' },
  },
});
