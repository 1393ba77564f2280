/**
 * The scenario's read and write patterns against a real Redis and a real PostgreSQL, with real
 * commands, following the same steps as the model's machines (src/sim/patterns/*.machine.ts):
 *
 * - cache-aside read: GET; on a hit serve (stale-while-revalidate: past the soft TTL serve and
 *   refresh once in the background); on a miss read the DB, SET the value with its TTL (PX, with
 *   jitter), serve. Cache unreachable: read the DB directly.
 * - rebuild lock: `SET lock:key token NX PX ttl`; the owner re-checks the cache, reads the DB,
 *   SETs and releases with a Lua compare-and-delete (or a plain DEL when `safeRelease` is off);
 *   others wait `retryMs`, GET again, and after `maxWaitMs` take the fallback (DB or error).
 * - per-instance request coalescing: concurrent misses of one key in one instance share a DB read.
 * - writes: `invalidate` (UPDATE, then DEL), `update` and `write-through` (UPDATE, then SET; with
 *   `writeThrough.versioned` every value SET is a Lua compare-by-version SET), `write-around`
 *   (UPDATE only). Write-through fails when the cache is unreachable.
 *
 * The cached value is `version|setAtMs|` padded to the key's value size. A read served from the
 * cache is stale when its version is older than the newest version a write got back from the DB
 * (the lab is the only writer of its table), stale by the time since the next version committed.
 */
import type pg from 'pg';
import type { Rng } from '../sim/rng';
import type { Scenario } from '../sim/scenario/scenario-schema';
import type { Workload } from '../sim/workload/workload';
import type { LatencySampler } from '../sim/db/db-latency';
import type { LabMeter } from './lab-meter';
import type { Reply, Resp } from './resp';

/** Compare-and-delete: release the lock only while it still holds our token. */
export const RELEASE_LOCK_LUA =
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

/**
 * Version-checked SET: store ARGV[1] (version ARGV[2]) only when the cached copy is older or
 * absent; ARGV[3] is the TTL in ms (0: none). Returns 1 when stored.
 */
export const VERSIONED_SET_LUA = [
  "local cur = redis.call('GET', KEYS[1])",
  'if cur then',
  "  local v = tonumber(string.match(cur, '^(%d+)|'))",
  '  if v and v >= tonumber(ARGV[2]) then return 0 end',
  'end',
  "if tonumber(ARGV[3]) > 0 then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])",
  "else redis.call('SET', KEYS[1], ARGV[1]) end",
  'return 1',
].join('\n');

export interface LabServers {
  /** One Redis connection per app instance. */
  readonly redis: readonly Resp[];
  /** The DB connection pool (`db.maxConcurrent` connections). */
  readonly pool: pg.Pool;
  /** Prefix of every Redis key the lab touches. */
  readonly prefix: string;
  /** Schema-qualified table with one row (id, version) per key. */
  readonly table: string;
  /** SHA1s of the loaded Lua scripts. */
  readonly releaseSha: string;
  readonly versionedSetSha: string;
}

/** What a miss ends with: the version served and whether it came from the cache; null = error. */
type Loaded = { readonly version: number; readonly fromCache: boolean } | null;

interface Cached {
  readonly version: number;
  readonly setAt: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Parses a cached value; null for a miss. */
export function parseCached(reply: Reply): Cached | null {
  if (typeof reply !== 'string') return null;
  const bar = reply.indexOf('|');
  const bar2 = reply.indexOf('|', bar + 1);
  return { version: Number(reply.slice(0, bar)), setAt: Number(reply.slice(bar + 1, bar2)) };
}

/** The value cached for `version`, `bytes` long (at least its header). */
export function cachedValue(version: number, setAt: number, bytes: number): string {
  const head = `${version}|${setAt.toFixed(1)}|`;
  return bytes > head.length ? head.padEnd(bytes, 'x') : head;
}

export class RealPatterns {
  /** Newest version a write got back from the DB, per key. */
  private readonly truth: Int32Array;
  /** When each version of a written key committed (index = version). */
  private readonly commitTimes = new Map<number, number[]>();
  private readonly refreshing = new Set<number>();
  private readonly refreshedAt = new Map<number, number>();
  private readonly flights: Map<number, Promise<Loaded>>[];
  private nextToken = 1;
  private readonly readSql: string;
  private readonly writeSql: string;
  /** Background work (refreshes, SETs after serving) still running. */
  readonly background = new Set<Promise<unknown>>();

  constructor(
    private readonly sc: Scenario,
    private readonly servers: LabServers,
    private readonly meter: LabMeter,
    private readonly workload: Workload,
    private readonly jitterRng: Rng,
    private readonly dbLatency: LatencySampler,
    /** db-slow faults: the latency multiplier in effect at a time. */
    private readonly dbFactor: (tMs: number) => number,
  ) {
    this.truth = new Int32Array(sc.workload.keys);
    this.flights = servers.redis.map(() => new Map<number, Promise<Loaded>>());
    this.readSql = `SELECT version FROM ${servers.table} WHERE id = $1`;
    this.writeSql = `UPDATE ${servers.table} SET version = version + 1 WHERE id = $1 RETURNING version`;
  }

  private key(k: number): string {
    return `${this.servers.prefix}k:${k}`;
  }

  private lockKey(k: number): string {
    return `${this.servers.prefix}lock:${k}`;
  }

  /** TTL for a SET of `k`: the workload's TTL with +/- jitterPct, as the model draws it. */
  ttlFor(k: number): number | null {
    const base = this.workload.ttlFor(k);
    if (base === null) return null;
    const frac = this.sc.cache.jitterPct / 100;
    if (frac <= 0) return base;
    return Math.max(1, base * (1 + frac * (2 * this.jitterRng.next() - 1)));
  }

  /** The command that stores `version` of `k` now (versioned when the scenario asks for it). */
  setCommand(k: number, version: number, setAt: number): (string | number)[] {
    const ttl = this.ttlFor(k);
    const value = cachedValue(version, setAt, this.workload.bytesFor(k));
    const px = ttl === null ? 0 : Math.max(1, Math.round(ttl));
    if (this.sc.pattern.write === 'write-through' && this.sc.pattern.writeThrough.versioned)
      return ['EVALSHA', this.servers.versionedSetSha, 1, this.key(k), value, version, px];
    return px > 0 ? ['SET', this.key(k), value, 'PX', px] : ['SET', this.key(k), value];
  }

  private conn(inst: number): Resp {
    const c = this.servers.redis[inst];
    if (c === undefined) throw new Error(`no connection for instance ${inst}`);
    return c;
  }

  /** One command; null when the cache is unreachable. */
  private async cache(inst: number, cmd: (string | number)[]): Promise<Reply | undefined> {
    try {
      return await this.conn(inst).call(...cmd);
    } catch {
      return undefined;
    }
  }

  /** Runs `work` in the background (tracked so the run can wait for it). */
  private detach(work: Promise<unknown>): void {
    const p = work.catch(() => undefined);
    this.background.add(p);
    void p.finally(() => this.background.delete(p));
  }

  /** Stores a read's result and, if held, releases the lock, without delaying the reply. */
  private fill(inst: number, k: number, version: number, token: string | null): void {
    const cmds: (string | number)[][] = [this.setCommand(k, version, this.meter.now())];
    if (token !== null)
      cmds.push(
        this.sc.stampede.lock?.safeRelease === false
          ? ['DEL', this.lockKey(k)]
          : ['EVALSHA', this.servers.releaseSha, 1, this.lockKey(k), token],
      );
    this.detach(
      this.conn(inst)
        .pipeline(cmds)
        .then(([set]) => {
          if (set instanceof Error && set.message.startsWith('OOM')) this.meter.oom();
        }),
    );
  }

  // ---- DB ----

  private async dbOp(isRead: boolean, k: number): Promise<number> {
    const pool = this.servers.pool;
    const connecting = pool.connect();
    this.meter.dbSubmitted(pool.waitingCount);
    const client = await connecting;
    this.meter.dbPickedUp(isRead);
    try {
      const mean = isRead ? this.sc.db.readLatencyMs : this.sc.db.writeLatencyMs;
      // The model's service time, spent inside PostgreSQL; the row is read (or written) at its end.
      const ms = this.dbLatency.sample(mean) * this.dbFactor(this.meter.now());
      if (mean > 0) await client.query('SELECT pg_sleep($1)', [ms / 1000]);
      const r = await client.query<{ version: string }>(isRead ? this.readSql : this.writeSql, [k]);
      return Number(r.rows[0]?.version ?? 0);
    } finally {
      client.release();
      this.meter.dbDone();
    }
  }

  private dbRead(k: number): Promise<number> {
    return this.dbOp(true, k);
  }

  /** Staleness of serving `version` of `k` now (0 when fresh). */
  private staleness(k: number, version: number, now: number): number {
    if (version >= (this.truth[k] ?? 0)) return 0;
    const times = this.commitTimes.get(k) ?? [];
    for (let v = version + 1; v < times.length; v++) {
      const t = times[v];
      if (t !== undefined) return now - t;
    }
    return 0;
  }

  private finish(arrivedAt: number, served: number | null, fromCache: boolean, k: number): void {
    const now = this.meter.now();
    const staleMs = fromCache && served !== null ? this.staleness(k, served, now) : 0;
    const stale = fromCache && served !== null && served < (this.truth[k] ?? 0);
    this.meter.completion(stale, staleMs, served === null, now - arrivedAt, arrivedAt);
  }

  // ---- reads ----

  /** A client read of key `k` on instance `inst`, which arrived (was scheduled) at `arrivedAt`. */
  async read(k: number, inst: number, arrivedAt: number): Promise<void> {
    const reply = await this.cache(inst, ['GET', this.key(k)]);
    const cached = reply === undefined ? null : parseCached(reply);
    this.meter.lookup(cached !== null);
    if (cached !== null) {
      const swr = this.sc.stampede.staleWhileRevalidate;
      if (swr !== null && this.meter.now() - cached.setAt >= swr.softTtlMs)
        this.startRefresh(k, inst, cached.setAt);
      this.finish(arrivedAt, cached.version, true, k);
      return;
    }
    const served = await this.loadShared(k, inst, () =>
      reply === undefined ? this.loadDirect(k) : this.loadMissing(k, inst),
    );
    if (served === null) this.finish(arrivedAt, null, false, k);
    else this.finish(arrivedAt, served.version, served.fromCache, k);
  }

  /**
   * Coalescing: the first miss of `k` in this instance runs `load`; others that miss meanwhile
   * share its result. Without coalescing every miss runs its own.
   */
  private async loadShared(k: number, inst: number, load: () => Promise<Loaded>): Promise<Loaded> {
    if (!this.sc.stampede.coalescing) return load();
    const flights = this.flights[inst];
    if (flights === undefined) return load();
    const running = flights.get(k);
    if (running !== undefined) return running;
    const p = load();
    flights.set(k, p);
    try {
      return await p;
    } finally {
      flights.delete(k);
    }
  }

  /** The cache is unreachable: read the DB, store nothing. */
  private async loadDirect(k: number): Promise<Loaded> {
    return { version: await this.dbRead(k), fromCache: false };
  }

  /** A miss: with the rebuild lock, or read the DB and fill. null = gave up with an error. */
  private async loadMissing(k: number, inst: number): Promise<Loaded> {
    const lock = this.sc.stampede.lock;
    if (lock === null) {
      const v = await this.dbRead(k);
      this.fill(inst, k, v, null);
      return { version: v, fromCache: false };
    }
    let waitStart = -1;
    for (;;) {
      const token = `${inst}:${this.nextToken++}`;
      const got = await this.cache(inst, ['SET', this.lockKey(k), token, 'NX', 'PX', lock.ttlMs]);
      if (got === undefined) return this.loadDirect(k);
      if (got === 'OK') {
        // Double-check: another rebuilder may have filled the key just before we got the lock.
        const again = await this.cache(inst, ['GET', this.key(k)]);
        const hit = again === undefined ? null : parseCached(again);
        if (hit !== null) {
          this.detach(this.release(inst, k, token));
          return { version: hit.version, fromCache: true };
        }
        const v = await this.dbRead(k);
        this.fill(inst, k, v, again === undefined ? null : token);
        return { version: v, fromCache: false };
      }
      if (waitStart < 0) {
        waitStart = this.meter.now();
        this.meter.lockWait();
      }
      await sleep(lock.retryMs);
      const retry = await this.cache(inst, ['GET', this.key(k)]);
      if (retry === undefined) return this.loadDirect(k);
      const hit = parseCached(retry);
      if (hit !== null) return { version: hit.version, fromCache: true };
      if (this.meter.now() - waitStart >= lock.maxWaitMs) {
        return lock.fallback === 'error' ? null : this.loadDirect(k);
      }
    }
  }

  private async release(inst: number, k: number, token: string): Promise<void> {
    await this.conn(inst).call(
      ...(this.sc.stampede.lock?.safeRelease === false
        ? ['DEL', this.lockKey(k)]
        : ['EVALSHA', this.servers.releaseSha, 1, this.lockKey(k), token]),
    );
  }

  /** Stale-while-revalidate: one background refresh per soft expiry of `k`. */
  private startRefresh(k: number, inst: number, setAt: number): void {
    if (this.refreshing.has(k) || (this.refreshedAt.get(k) ?? -1) > setAt) return;
    this.refreshing.add(k);
    this.detach(
      (async () => {
        try {
          const v = await this.dbRead(k);
          const r = await this.cache(inst, this.setCommand(k, v, this.meter.now()));
          if (r !== undefined) this.refreshedAt.set(k, this.meter.now());
        } finally {
          this.refreshing.delete(k);
        }
      })(),
    );
  }

  // ---- writes ----

  /** A client write of key `k`. */
  async write(k: number, inst: number, arrivedAt: number): Promise<void> {
    const v = await this.dbOp(false, k);
    const now = this.meter.now();
    if (v > (this.truth[k] ?? 0)) this.truth[k] = v;
    let times = this.commitTimes.get(k);
    if (times === undefined) {
      times = [];
      this.commitTimes.set(k, times);
    }
    times[v] = now;
    const mode = this.sc.pattern.write;
    let failed = false;
    if (mode === 'invalidate') {
      await this.cache(inst, ['DEL', this.key(k)]);
    } else if (mode === 'update' || mode === 'write-through') {
      const r = await this.cache(inst, this.setCommand(k, v, now));
      if (r instanceof Error && r.message.startsWith('OOM')) this.meter.oom();
      failed = mode === 'write-through' && r === undefined;
    }
    this.meter.completion(false, 0, failed, this.meter.now() - arrivedAt, arrivedAt);
  }
}
