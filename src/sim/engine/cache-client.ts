/**
 * The Redis-like cache as the app servers reach it: GET / SET / DEL on the store with the cache's
 * reply latency, the node's reachability, in-process L1 stores per app instance, and the cache's
 * counters (a client read's first lookup, refused SETs, evictions and expirations across store
 * replacements).
 */
import { createCacheStore } from '../cache/cache-store';
import { EV } from '../patterns/pattern-events';
import { SET_STATUS, type CacheStore } from '../cache/cache-types';
import type { CacheAccess, Column } from '../patterns/pattern-host';
import { createRng, RNG_STREAM, type Rng } from '../rng';
import type { Scenario } from '../scenario/scenario-schema';
import type { EngineCore } from './core';
import { changed } from './live-changes';
import { F_CLIENT, F_LOOKED } from './records';

export class CacheClient implements CacheAccess {
  store: CacheStore;
  private l1s: CacheStore[] = [];
  up = true;
  versioned = false;
  latencyMs: number;
  private jitterFrac: number;
  /** Set by each cache-down / cache-restart fault before it reaches the node (faults.ts). */
  downForMs = 0;
  restartForMs = 0;
  readonly fillMs: Column<Float64Array>;
  /** Counters of stores replaced by live capacity/policy changes, and keys expired by faults. */
  retiredEvictions = 0;
  retiredExpirations = 0;
  manualExpirations = 0;
  /** Run when the node dies, before its memory is cleared (patterns' onCacheDeath). */
  readonly deathListeners: ((nodeRecord: number) => void)[] = [];
  private readonly rngJitter: Rng;
  private readonly rngEviction: Rng;
  private readonly rngActiveExpire: Rng;

  constructor(private readonly core: EngineCore) {
    const sc = core.scenario;
    this.rngJitter = core.rng(RNG_STREAM.ttlJitter);
    this.rngEviction = core.rng(RNG_STREAM.eviction);
    this.rngActiveExpire = core.rng(RNG_STREAM.activeExpire);
    this.latencyMs = sc.cache.latencyMs;
    this.jitterFrac = sc.cache.jitterPct / 100;
    this.fillMs = core.keyColumns.float64(-1);
    this.store = this.newStore(sc);
    this.l1s = this.newL1s(sc);
  }

  newStore(sc: Scenario): CacheStore {
    return createCacheStore(
      {
        capacityKeys: sc.cache.capacityKeys,
        capacityBytes: sc.cache.capacityBytes,
        policy: sc.cache.policy,
        eviction: sc.cache.eviction,
      },
      this.rngEviction,
      this.rngActiveExpire,
    );
  }

  /**
   * Redis's active expire cycle, every ACTIVE_EXPIRE_INTERVAL_MS of simulated time (the engine's
   * timer): removes expired keys nobody reads again, so memory and `cacheKeys` stay what the
   * store really holds. Each removal is counted as an expiration, like a lazy one.
   */
  activeExpire(): void {
    if (!this.up || this.store.ttlKeyCount === 0) return;
    const t = this.core.trace;
    if (!t.on) {
      this.store.activeExpireCycle(this.core.clock.now);
      return;
    }
    const keys: number[] = [];
    this.store.activeExpireCycle(this.core.clock.now, keys);
    if (keys.length === 0) return;
    const one = keys.length === 1 ? (keys[0] ?? null) : null;
    t.note(
      'cache.expired',
      'cache',
      null,
      one,
      null,
      `${one === null ? `${keys.length} keys (${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ', …' : ''})` : `key ${one}`} expired: removed by the background expire cycle (counted)`,
    );
  }

  newL1s(sc: Scenario): CacheStore[] {
    const out: CacheStore[] = [];
    const l1 = sc.app.l1;
    if (l1 === null) return out;
    for (let i = 0; i < sc.app.instances; i++) {
      out.push(
        createCacheStore(
          {
            capacityKeys: l1.capacityKeys,
            capacityBytes: null,
            policy: 'allkeys-lru',
            eviction: { mode: 'exact' },
          },
          this.rngEviction,
        ),
      );
    }
    return out;
  }

  /** A live change took effect: latency, jitter, and new stores when capacity or policy changed. */
  configure(next: Scenario, prev: Scenario): void {
    this.latencyMs = next.cache.latencyMs;
    this.jitterFrac = next.cache.jitterPct / 100;
    if (
      prev.cache.capacityKeys !== next.cache.capacityKeys ||
      prev.cache.capacityBytes !== next.cache.capacityBytes ||
      prev.cache.policy !== next.cache.policy ||
      changed(prev.cache.eviction, next.cache.eviction)
    ) {
      const old = this.store;
      const now = this.core.clock.now;
      this.retiredEvictions += old.counters.evictions;
      this.retiredExpirations += old.counters.expirations;
      this.store = this.newStore(next);
      // Keep what still fits (oldest first, so the newest survive evictions).
      const entries = old.entries(now).sort((x, y) => x.setAtMs - y.setAtMs);
      for (const e of entries) {
        this.store.setFast(
          e.key,
          e.version,
          e.setAtMs,
          e.expiresAtMs === Infinity ? null : Math.max(1, e.expiresAtMs - now),
          e.bytes,
          false,
        );
      }
      this.retiredEvictions -= this.store.counters.evictions;
    }
    if (prev.app.instances !== next.app.instances || changed(prev.app.l1, next.app.l1))
      this.l1s = this.newL1s(next);
  }

  l1(inst: number): CacheStore | undefined {
    return this.l1s[inst];
  }

  get l1Stores(): readonly CacheStore[] {
    return this.l1s;
  }

  evictions(): number {
    return this.retiredEvictions + this.store.counters.evictions;
  }

  expirations(): number {
    return this.retiredExpirations + this.store.counters.expirations + this.manualExpirations;
  }

  ttlFor(key: number): number | null {
    const base = this.core.workload.ttlFor(key);
    if (base === null) return null;
    if (this.jitterFrac <= 0) return base;
    return Math.max(1, base * (1 + this.jitterFrac * (2 * this.rngJitter.next() - 1)));
  }

  countOom(): void {
    const m = this.core.metrics;
    m.win.oomErrors++;
    if (m.inTotals) m.tot.oomErrors++;
  }

  countLookup(r: number, hit: boolean): void {
    const rec = this.core.records;
    const flags = rec.flags.a[r] ?? 0;
    if ((flags & (F_CLIENT | F_LOOKED)) !== F_CLIENT) return;
    rec.flags.a[r] = flags | F_LOOKED;
    const m = this.core.metrics;
    m.win.addLookup(hit);
    if (m.inTotals) {
      m.tot.addLookup(hit);
      if (m.trackAny) {
        const t = m.tracked.get(rec.key.a[r] ?? 0);
        if (t !== undefined) {
          t.reads++;
          if (hit) t.hits++;
        }
      }
    }
  }

  get(r: number): void {
    const core = this.core;
    const rec = core.records;
    if (!this.up) {
      this.countLookup(r, false);
      if (core.trace.on) this.traceGet(r, -2);
      core.send(r, EV['cache.down'], this.latencyMs);
      return;
    }
    const v = this.store.getVersion(rec.key.a[r] ?? 0, core.clock.now);
    this.countLookup(r, v >= 0);
    if (v >= 0) {
      rec.version.a[r] = v;
      rec.setAt.a[r] = this.store.lastSetAtMs;
      rec.expAt.a[r] = this.store.lastExpiresAtMs;
      if (core.trace.on) this.traceGet(r, v);
      core.send(r, EV['cache.hit'], this.latencyMs);
    } else {
      if (core.trace.on) this.traceGet(r, -1);
      core.send(r, EV['cache.miss'], this.latencyMs);
    }
  }

  /** get's trace (out of line, so get stays small): v = version, -1 miss, -2 down. */
  private traceGet(r: number, v: number): void {
    const t = this.core.trace;
    const key = this.core.records.key.a[r] ?? 0;
    if (v === -2)
      t.emit('cache.get', r, t.lane(r), 'cache', null, 'GET fails: the cache node is unreachable');
    else if (v >= 0)
      t.emit('cache.hit', r, t.lane(r), 'cache', v, `GET key ${key}: hit, version ${v}`);
    else {
      // The GET found the key past its TTL and removed it (lazy expiry).
      if (this.store.lastExpired)
        t.note(
          'cache.expired',
          'cache',
          null,
          key,
          null,
          `key ${key} expired: removed by this GET (counted)`,
        );
      t.emit(
        'cache.miss',
        r,
        t.lane(r),
        'cache',
        null,
        this.store.lastExpired ? `GET key ${key}: expired (counted), miss` : `GET key ${key}: miss`,
      );
    }
  }

  set(r: number): void {
    if (!this.up) return;
    const core = this.core;
    const rec = core.records;
    const t = core.trace;
    const key = rec.key.a[r] ?? 0;
    const v = rec.version.a[r] ?? 0;
    const now = core.clock.now;
    this.fillMs.a[rec.row.a[r] ?? 0] = now - (rec.dbStart.a[r] ?? now);
    if (this.versioned) {
      // Version-checked SET (one atomic cache step, as a Lua script would do it): a value never
      // replaces a newer one, so concurrent writers and racing read fills cannot go backwards.
      const cached = this.store.peek(key, now);
      if (cached !== null && cached.version >= v) {
        if (t.on)
          t.emit(
            'cache.set-skipped',
            r,
            t.lane(r),
            'cache',
            v,
            `SET key ${key} = version ${v} skipped: the cache already holds version ${cached.version}`,
          );
        return;
      }
    }
    const status = this.store.setFast(
      key,
      v,
      now,
      this.ttlFor(key),
      core.workload.bytesFor(key),
      false,
    );
    if (status === SET_STATUS.oom) this.countOom();
    if (!t.on) return;
    if (status === SET_STATUS.oom)
      t.emit(
        'cache.oom',
        r,
        t.lane(r),
        'cache',
        v,
        `SET key ${key} refused: OOM command not allowed when used memory > 'maxmemory'.`,
      );
    else {
      const evicted = this.store.lastEvicted;
      t.emit(
        'cache.set',
        r,
        t.lane(r),
        'cache',
        v,
        `SET key ${key} = version ${v}${evicted.length > 0 ? `; evicted ${evicted.join(', ')}` : ''}`,
      );
      this.traceEvictions(r);
    }
  }

  /** One `cache.evict` event per key the latest SET evicted (trace runs only). */
  traceEvictions(r: number): void {
    const keys = this.store.lastEvicted;
    if (keys.length === 0) return;
    const versions = this.store.lastEvictedVersions;
    const policy = this.core.scenario.cache.policy;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i] ?? 0;
      const ver = versions[i] ?? 0;
      this.core.trace.emit(
        'cache.evict',
        r,
        'cache',
        null,
        ver,
        `key ${k} (version ${ver}) evicted by ${policy} to make room`,
        undefined,
        k,
      );
    }
  }

  del(r: number): void {
    const core = this.core;
    if (!this.up) {
      core.send(r, EV['cache.down'], this.latencyMs);
      return;
    }
    const key = core.records.key.a[r] ?? 0;
    this.store.del(key, core.clock.now);
    if (core.trace.on)
      core.trace.emit('cache.del', r, core.trace.lane(r), 'cache', null, `DEL key ${key}`);
    core.send(r, EV['cache.reply'], this.latencyMs);
  }

  /** Copies of the stores and the node's state (checkpoints). */
  save() {
    const frozen = createRng(0, 0);
    return {
      store: this.store.clone(frozen, frozen),
      l1s: this.l1s.map((l1) => l1.clone(frozen, frozen)),
      up: this.up,
      downForMs: this.downForMs,
      restartForMs: this.restartForMs,
      retiredEvictions: this.retiredEvictions,
      retiredExpirations: this.retiredExpirations,
      manualExpirations: this.manualExpirations,
    };
  }

  load(s: ReturnType<CacheClient['save']>): void {
    this.store = s.store.clone(this.rngEviction, this.rngActiveExpire);
    this.l1s = s.l1s.map((l1) => l1.clone(this.rngEviction, this.rngActiveExpire));
    this.up = s.up;
    this.downForMs = s.downForMs;
    this.restartForMs = s.restartForMs;
    this.retiredEvictions = s.retiredEvictions;
    this.retiredExpirations = s.retiredExpirations;
    this.manualExpirations = s.manualExpirations;
  }

  die(nodeRecord: number): void {
    this.up = false;
    for (const l of this.deathListeners) l(nodeRecord);
    this.store.clear();
  }

  revive(): void {
    this.up = true;
  }
}
