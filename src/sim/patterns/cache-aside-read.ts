/**
 * Cache-aside read, implemented: the guards, actions and delays that
 * cache-aside-read.machine.ts names, with the state the read path keeps.
 *
 * State it keeps:
 * - per request: the rebuild-lock token it holds, when it started waiting for the lock, and the
 *   next follower of a coalesced flight it leads;
 * - per key: the rebuild lock (`SET lock:key token NX EX`: expiry and owner token; it lives in the
 *   cache node, so a node death clears it), whether a background refresh is in flight and when
 *   the last one stored the key (one refresh per soft expiry);
 * - per app instance: the coalesced flights (key -> leading request).
 */
import { RNG_STREAM } from '../rng';
import { EV } from './pattern-events';
import { MAX_APP_INSTANCES, type Scenario } from '../scenario/scenario-schema';
import { F_BACKGROUND, F_STALE, F_WAITED, OUT_ERROR, OUT_HIT, OUT_MISS } from '../engine/records';
import type { PatternFactory, PatternHost, PatternImplementation } from './pattern-host';
import { writeSteps } from './write-path.shared';

export const createCacheAsideRead: PatternFactory = (host: PatternHost): PatternImplementation => {
  const { records: rec, clock, trace } = host;
  const truth = host.db.truth;
  const rngXfetch = host.rng(RNG_STREAM.xfetch);

  // ---- per-request state ----
  const lock = rec.cols.int32();
  const nextWaiter = rec.cols.int32(-1);
  const waitStart = rec.cols.float64(-1);
  // ---- per-key state ----
  const lockExpires = host.keyColumns.float64();
  const lockToken = host.keyColumns.int32();
  const refreshing = host.keyColumns.uint8();
  /** When a background refresh last stored the key (-1 never): one refresh per soft expiry. */
  const refreshedAt = host.keyColumns.float64(-1);
  // ---- per-instance coalesced flights: key -> leader record ----
  const flights: Map<number, number>[] = [];
  for (let i = 0; i < MAX_APP_INSTANCES; i++) flights.push(new Map());
  const state = { nextLockToken: 1 };

  // ---- configuration (refreshed by configure) ----
  let l1Cfg: Scenario['app']['l1'] = null;
  let lockCfg: Scenario['stampede']['lock'] = null;
  let swrSoftMs = Infinity;
  let xfetchBeta = -1;
  let coalescing = false;

  const key = (r: number): number => rec.key.a[r] ?? 0;
  const row = (r: number): number => rec.row.a[r] ?? 0;

  /**
   * A read is answered. `storeL1`: keep a copy in the instance's L1 (not for an L1 hit, whose copy
   * must keep its original TTL; not for errors).
   */
  function finishRead(r: number, outcome: number, fromCache: boolean, storeL1 = true): void {
    rec.outcome.a[r] = outcome;
    if (fromCache) {
      const k = row(r);
      const v = rec.version.a[r] ?? 0;
      if (v < (truth.truth.a[k] ?? 0)) {
        rec.flags.a[r] = (rec.flags.a[r] ?? 0) | F_STALE;
        rec.staleMs.a[r] = truth.staleness(k, v, clock.now);
      }
    }
    if (l1Cfg !== null && storeL1 && outcome !== OUT_ERROR) {
      const l1 = host.cache.l1(rec.inst.a[r] ?? 0);
      if (l1 !== undefined)
        l1.setFast(key(r), rec.version.a[r] ?? 0, clock.now, l1Cfg.ttlMs, 0, false);
    }
  }

  /** Hand the leader's result (or failure) to every request that joined its flight. */
  function settleFlight(r: number, failed: boolean): void {
    let w = nextWaiter.a[r] ?? -1;
    while (w >= 0) {
      rec.version.a[w] = failed ? -1 : (rec.version.a[r] ?? 0);
      host.send(w, EV['flight.done'], 0);
      w = nextWaiter.a[w] ?? -1;
    }
    nextWaiter.a[r] = -1;
  }

  /** Ends the coalesced flight `r` leads (if it still does) and settles its followers. */
  function closeFlight(r: number, failed: boolean): void {
    if (!coalescing) return;
    const m = flights[rec.inst.a[r] ?? 0];
    const k = key(r);
    if (m === undefined || m.get(k) !== r) return;
    m.delete(k);
    settleFlight(r, failed);
  }

  const hasWaitedTooLong = (r: number): boolean =>
    lockCfg !== null &&
    (waitStart.a[r] ?? -1) >= 0 &&
    clock.now - (waitStart.a[r] ?? 0) >= lockCfg.maxWaitMs;

  const guards = {
    isL1Enabled: (): boolean => l1Cfg !== null,
    isSoftExpired: (r: number): boolean => clock.now - (rec.setAt.a[r] ?? 0) >= swrSoftMs,
    shouldRefreshEarly: (r: number): boolean => {
      if (xfetchBeta < 0) return false;
      const exp = rec.expAt.a[r] ?? Infinity;
      if (exp === Infinity) return false;
      const fill = host.cache.fillMs.a[row(r)] ?? -1;
      const delta = fill >= 0 ? fill : host.scenario.db.readLatencyMs;
      // XFetch: refresh when now - delta * beta * ln(rand) >= expiry.
      return clock.now - delta * xfetchBeta * Math.log(1 - rngXfetch.next()) >= exp;
    },
    hasFlightInInstance: (r: number): boolean =>
      coalescing && flights[rec.inst.a[r] ?? 0]?.has(key(r)) === true,
    isLockEnabled: (): boolean => lockCfg !== null,
    hasGivenUp: hasWaitedTooLong,
    hasGivenUpWithError: (r: number): boolean =>
      lockCfg !== null && lockCfg.fallback === 'error' && hasWaitedTooLong(r),
    holdsLock: (r: number): boolean => lock.a[r] !== 0,
  };

  const actions = {
    l1Get: (r: number): void => {
      const l1 = host.cache.l1(rec.inst.a[r] ?? 0);
      const v = l1 === undefined ? -1 : l1.getVersion(key(r), clock.now);
      if (v >= 0) {
        rec.version.a[r] = v;
        host.cache.countLookup(r, true);
      }
      if (trace.on)
        trace.emit(
          v >= 0 ? 'l1.hit' : 'l1.miss',
          r,
          trace.lane(r),
          null,
          v >= 0 ? v : null,
          v >= 0 ? `in-process L1 hit, version ${v}` : 'in-process L1 miss',
        );
      host.send(r, v >= 0 ? EV['l1.hit'] : EV['l1.miss'], 0);
    },
    serveFromL1: (r: number): void => {
      finishRead(r, OUT_HIT, true, false);
    },
    cacheGet: (r: number): void => {
      host.cache.get(r);
    },
    serveHit: (r: number): void => {
      finishRead(r, OUT_HIT, true);
    },
    serveStale: (r: number): void => {
      if (trace.on)
        trace.emit(
          'swr.stale',
          r,
          trace.lane(r),
          'client',
          rec.version.a[r] ?? 0,
          'soft TTL passed: serve the cached value now, refresh in the background',
        );
      finishRead(r, OUT_HIT, true);
    },
    startRefresh: (r: number): void => {
      const k = row(r);
      // One refresh per soft expiry: skip while one is in flight, and when one already stored a
      // newer copy than the entry this read looked at (its GET raced the refresh's SET).
      if (refreshing.a[k] === 1 || (refreshedAt.a[k] ?? -1) > (rec.setAt.a[r] ?? 0)) return;
      refreshing.a[k] = 1;
      const b = host.spawn('cache-aside-read', key(r), k, rec.inst.a[r] ?? 0, F_BACKGROUND);
      if (trace.on)
        trace.emit(
          'refresh.start',
          b,
          trace.lane(b),
          'db',
          null,
          `background refresh of key ${key(r)}`,
        );
      host.send(b, EV['refresh.start'], 0);
    },
    joinFlight: (r: number): void => {
      const leader = flights[rec.inst.a[r] ?? 0]?.get(key(r)) ?? -1;
      if (leader < 0) return;
      nextWaiter.a[r] = nextWaiter.a[leader] ?? -1;
      nextWaiter.a[leader] = r;
      if (trace.on)
        trace.emit(
          'flight.join',
          r,
          trace.lane(r),
          null,
          null,
          `joins request ${rec.id.a[leader] ?? leader}'s DB read (coalesced)`,
        );
    },
    openFlight: (r: number): void => {
      if (!coalescing) return;
      const m = flights[rec.inst.a[r] ?? 0];
      const k = key(r);
      if (m !== undefined && !m.has(k)) m.set(k, r);
    },
    noteCacheDown: writeSteps(host).noteCacheDown,
    lockSetNx: (r: number): void => {
      if (!host.cache.up || lockCfg === null) {
        host.send(r, EV['cache.down'], host.cache.latencyMs);
        return;
      }
      const k = row(r);
      if ((lockExpires.a[k] ?? 0) > clock.now) {
        if (trace.on)
          trace.emit(
            'lock.busy',
            r,
            trace.lane(r),
            'cache',
            null,
            `SET lock:${key(r)} NX EX: held by another request`,
          );
        host.send(r, EV['lock.busy'], host.cache.latencyMs);
        return;
      }
      const token = state.nextLockToken++;
      lockExpires.a[k] = clock.now + lockCfg.ttlMs;
      lockToken.a[k] = token;
      lock.a[r] = token;
      if (trace.on)
        trace.emit(
          'lock.acquired',
          r,
          trace.lane(r),
          'cache',
          null,
          `SET lock:${key(r)} ${token} NX EX ${lockCfg.ttlMs / 1000}s: acquired`,
        );
      host.send(r, EV['lock.acquired'], host.cache.latencyMs);
    },
    noteLockWait: (r: number): void => {
      if ((waitStart.a[r] ?? -1) < 0) {
        waitStart.a[r] = clock.now;
        rec.flags.a[r] = (rec.flags.a[r] ?? 0) | F_WAITED;
        host.counts.lockWait();
      }
      if (trace.on)
        trace.emit(
          'lock.wait',
          r,
          trace.lane(r),
          null,
          null,
          `wait ${lockCfg?.retryMs ?? 0} ms, then look in the cache again`,
        );
    },
    dbRead: (r: number): void => {
      host.db.read(r);
    },
    cacheSet: (r: number): void => {
      host.cache.set(r);
    },
    releaseLock: (r: number): void => {
      const k = row(r);
      const mine = lock.a[r] ?? 0;
      lock.a[r] = 0;
      if (!host.cache.up || lockCfg === null) return;
      const owned = lockToken.a[k] === mine && (lockExpires.a[k] ?? 0) > clock.now;
      if (owned || !lockCfg.safeRelease) {
        lockExpires.a[k] = 0;
        lockToken.a[k] = 0;
      }
      if (!trace.on) return;
      const name = `lock:${key(r)}`;
      if (owned) trace.emit('lock.released', r, trace.lane(r), 'cache', null, `DEL ${name}`);
      else if (lockCfg.safeRelease)
        trace.emit(
          'lock.lost',
          r,
          trace.lane(r),
          'cache',
          null,
          `${name} expired during the rebuild; not ours any more, left alone`,
        );
      else
        trace.emit(
          'lock.released-foreign',
          r,
          trace.lane(r),
          'cache',
          null,
          `DEL ${name} without checking the token: deletes a lock that may belong to someone else`,
        );
    },
    resolveFlight: (r: number): void => {
      closeFlight(r, false);
    },
    failFlight: (r: number): void => {
      closeFlight(r, true);
    },
    serveFromDb: (r: number): void => {
      finishRead(r, OUT_MISS, false);
    },
    serveFromFlight: (r: number): void => {
      finishRead(r, (rec.version.a[r] ?? 0) < 0 ? OUT_ERROR : OUT_MISS, false);
    },
    serveError: (r: number): void => {
      rec.outcome.a[r] = OUT_ERROR;
      if (trace.on)
        trace.emit(
          'lock.gave-up',
          r,
          trace.lane(r),
          'client',
          null,
          'waited too long for the rebuild lock: error',
        );
    },
    endRefresh: (r: number): void => {
      const k = row(r);
      refreshing.a[k] = 0;
      if (host.cache.up) refreshedAt.a[k] = clock.now;
    },
  };

  return {
    guards,
    actions,
    delays: { retryDelay: (): number => lockCfg?.retryMs ?? 100 },
    staticGuard(name) {
      switch (name) {
        case 'isL1Enabled':
          return l1Cfg !== null;
        case 'isLockEnabled':
          return lockCfg !== null;
        case 'isSoftExpired': // now - setAt is finite, never >= Infinity
          return swrSoftMs === Infinity ? false : undefined;
        case 'shouldRefreshEarly': // draws a random number only when XFetch is on
          return xfetchBeta < 0 ? false : undefined;
        case 'hasFlightInInstance':
          return coalescing ? undefined : false;
        case 'hasGivenUp':
          return lockCfg === null ? false : undefined;
        case 'hasGivenUpWithError':
          return lockCfg === null || lockCfg.fallback !== 'error' ? false : undefined;
        default:
          return undefined;
      }
    },
    configure(sc) {
      l1Cfg = sc.app.l1;
      lockCfg = sc.stampede.lock;
      swrSoftMs = sc.stampede.staleWhileRevalidate?.softTtlMs ?? Infinity;
      xfetchBeta = sc.stampede.earlyRefresh?.beta ?? -1;
      coalescing = sc.stampede.coalescing;
    },
    initRecord(r) {
      lock.a[r] = 0;
      nextWaiter.a[r] = -1;
      waitStart.a[r] = -1;
    },
    onCacheDeath() {
      // The rebuild locks lived in the cache node's memory.
      lockExpires.a.fill(0);
      lockToken.a.fill(0);
    },
    save: () => ({
      nextLockToken: state.nextLockToken,
      flights: flights.map((m) => [...m]),
    }),
    load(saved) {
      const s = saved as { nextLockToken: number; flights: [number, number][][] };
      state.nextLockToken = s.nextLockToken;
      s.flights.forEach((entries, i) => {
        flights[i] = new Map(entries);
      });
    },
  };
};
