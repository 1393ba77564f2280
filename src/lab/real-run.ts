/**
 * A scenario on real servers (Node only): sets Redis and PostgreSQL up from the scenario, drives
 * open-loop Poisson arrivals in wall-clock time through {@link RealPatterns}, and counts with the
 * model's ledger ({@link LabMeter}). The arrival times, keys, reads/writes, TTL jitter and DB
 * service times come from the same seeded streams the model draws from, so the real run sees the
 * same request sequence as the model's run of the scenario.
 */
import pg from 'pg';
import { createLatencySampler } from '../sim/db/db-latency';
import type { MetricWindow, Totals } from '../sim/engine/engine-types';
import { LatencyHistogram } from '../sim/metrics/latency-histogram';
import { createRng, RNG_STREAM } from '../sim/rng';
import type { Scenario } from '../sim/scenario/scenario-schema';
import { createWorkload } from '../sim/workload/workload';
import { meanCacheKeys } from './differences';
import { LabMeter, type RealSource } from './lab-meter';
import { labFaults } from './lab-faults';
import { cacheKeysFor, rateProblem } from './lab-support';
import {
  cachedValue,
  RealPatterns,
  RELEASE_LOCK_LUA,
  VERSIONED_SET_LUA,
  type LabServers,
} from './real-patterns';
import { connectWithRetry, infoNumber, infoText, type Resp } from './resp';
import {
  installCleanupHandlers,
  startPostgresServer,
  startRedisServer,
  type PrivateServer,
} from './servers';

/** Where the servers are: URLs given by the user, or null to start private ones. */
export interface LabTargets {
  readonly redisUrl: string | null;
  readonly postgresUrl: string | null;
}

export interface LabSetup {
  readonly redisVersion: string;
  readonly postgresVersion: string;
  /** Whether the lab started the servers itself (private) or used the given URLs. */
  readonly redisServer: 'private' | 'url';
  readonly postgresServer: 'private' | 'url';
  /** Redis `maxmemory` in bytes (0 = unlimited). */
  readonly maxmemory: number;
  readonly policy: string;
  readonly maxmemorySamples: number;
  readonly lfuLogFactor: number;
  readonly lfuDecayTimeMinutes: number;
  /** Measured Redis memory per cached key of the scenario's value size (with its TTL). */
  readonly bytesPerKey: number;
  /** Keys the maxmemory was sized to hold (null: unlimited). */
  readonly capacityKeys: number | null;
  /** Keys Redis held on average after the warm-up (DBSIZE, polled). */
  readonly heldKeys: number;
  readonly keyPrefix: string;
  readonly table: string;
  readonly poolSize: number;
  readonly appInstances: number;
  /** Measured: requests per second the machine drives with every request a miss and a DB read. */
  readonly maxRatePerSec: number;
  /** How late arrivals were launched against their scheduled (Poisson) times, in ms. */
  readonly dispatchLagMs: { readonly p50: number; readonly p99: number; readonly max: number };
  /** See LabMeter.result: misses minus DB reads at the warm-up's end and at the run's end. */
  readonly missesAheadOfDbReads: { readonly atWarmup: number; readonly atEnd: number };
  /** Failures the patterns do not expect (e.g. a DB error), first few; counted as errors. */
  readonly unexpectedErrors: readonly string[];
  readonly notes: readonly string[];
}

export interface RealRun {
  readonly totals: Totals;
  readonly series: readonly MetricWindow[];
  readonly setup: LabSetup;
}

export interface LabOptions {
  /** Progress lines (stderr in the CLI); null for silence. */
  readonly log: ((line: string) => void) | null;
  /**
   * Called with the private servers' process ids once they run, and again with the new
   * redis-server's after a cache outage (tests check they are all gone afterwards).
   */
  readonly onServers?: (pids: { redis: number | null; postgres: number | null }) => void;
}

/** Thrown when the scenario asks for more than this machine can drive. */
export class LabRefusal extends Error {}

const SCHEMA = 'cachescope_lab';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function parseRedisUrl(url: string): {
  host: string;
  port: number;
  password: string | null;
  db: number;
} {
  const u = new URL(url);
  if (u.protocol !== 'redis:') throw new Error(`--redis must be a redis:// URL (got ${url})`);
  return {
    host: u.hostname || '127.0.0.1',
    port: Number(u.port || 6379),
    password: u.password ? decodeURIComponent(u.password) : null,
    db: Number(u.pathname.slice(1) || 0),
  };
}

async function openRedis(
  host: string,
  port: number,
  password: string | null,
  db: number,
): Promise<Resp> {
  const r = await connectWithRetry(port, host);
  if (password !== null) {
    const ok = await r.call('AUTH', password);
    if (ok instanceof Error) throw new Error(`redis AUTH failed: ${ok.message}`);
  }
  if (db !== 0) await r.call('SELECT', db);
  return r;
}

/** Sends `cmds` in batches; throws on the first error reply. */
async function pipelined(redis: Resp, cmds: (string | number)[][], batch = 2000): Promise<void> {
  for (let i = 0; i < cmds.length; i += batch) {
    const replies = await redis.pipeline(cmds.slice(i, i + batch));
    const err = replies.find((r) => r instanceof Error);
    if (err instanceof Error) throw err;
  }
}

/** CONFIG SET each setting; throws on the first refusal. */
async function configure(
  redis: Resp,
  settings: readonly (readonly [string, string | number])[],
): Promise<void> {
  for (const [name, value] of settings) {
    const r = await redis.call('CONFIG', 'SET', name, value);
    if (r instanceof Error) throw new Error(`CONFIG SET ${name} ${value}: ${r.message}`);
  }
}

/** Deletes every key under `prefix` (SCAN + DEL). */
async function deletePrefix(redis: Resp, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const reply = await redis.call('SCAN', cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (!Array.isArray(reply)) return;
    cursor = String(reply[0]);
    const keys = Array.isArray(reply[1]) ? reply[1].map(String) : [];
    if (keys.length > 0) await redis.call('DEL', ...keys);
  } while (cursor !== '0');
}

/**
 * Requests per second this machine drives with every request a miss (GET, SELECT, SET), closed
 * loop with 32 concurrent requests for about `forMs`.
 */
async function measureMaxRate(
  redis: Resp,
  pool: pg.Pool,
  table: string,
  prefix: string,
  forMs: number,
): Promise<number> {
  const started = performance.now();
  let done = 0;
  let n = 0;
  const worker = async (): Promise<void> => {
    while (performance.now() - started < forMs) {
      const key = `${prefix}cal:${n++}`;
      await redis.call('GET', key);
      await pool.query(`SELECT version FROM ${table} WHERE id = $1`, [n % 100]);
      await redis.call('SET', key, 'x', 'PX', 1000);
      done++;
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
  const rate = done / ((performance.now() - started) / 1000);
  await deletePrefix(redis, `${prefix}cal:`);
  return rate;
}

/** Redis memory per key of `valueBytes` (with a TTL when `withTtl`): fill `n` keys, INFO delta. */
async function measureBytesPerKey(
  redis: Resp,
  prefix: string,
  valueBytes: number,
  withTtl: boolean,
  n: number,
): Promise<number> {
  const before = await infoNumber(redis, 'memory', 'used_memory');
  const value = cachedValue(0, 0, valueBytes);
  await pipelined(
    redis,
    Array.from({ length: n }, (_, i) =>
      withTtl
        ? ['SET', `${prefix}probe:${i}`, value, 'PX', 600_000]
        : ['SET', `${prefix}probe:${i}`, value],
    ),
    Math.max(1, Math.floor(n / 200)),
  );
  const after = await infoNumber(redis, 'memory', 'used_memory');
  await deletePrefix(redis, `${prefix}probe:`);
  return (after - before) / n;
}

/**
 * How many bytes above an empty server's `used_memory` hold `capacity` keys of `valueBytes`:
 * start from the measured bytes per key, fill 30% more keys than the capacity (allkeys-lru evicts
 * the rest), count what stayed, correct, and repeat until Redis holds the capacity within 1% (at
 * most 4 rounds). Empties the server (private servers only).
 */
async function sizeForKeys(
  redis: Resp,
  prefix: string,
  capacity: number,
  valueBytes: number,
  withTtl: boolean,
  bytesPerKey: number,
): Promise<{ budget: number; held: number; base: number }> {
  await redis.call('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru');
  let budget = Math.round(bytesPerKey * capacity);
  let held = 0;
  let base = 0;
  const value = cachedValue(0, 0, valueBytes);
  const fill = Array.from({ length: Math.ceil(capacity * 1.3) }, (_, i) =>
    withTtl
      ? ['SET', `${prefix}size:${i}`, value, 'PX', 600_000]
      : ['SET', `${prefix}size:${i}`, value],
  );
  // Small batches: a pipelined batch sits in Redis's query buffer, which counts as used memory
  // and would make Redis evict early while sizing (but not in the run, whose commands are small).
  // At most 0.5% of the capacity in flight at once.
  const batch = Math.max(1, Math.min(1000, Math.floor(capacity / 200)));
  for (let round = 0; round < 4; round++) {
    await redis.call('CONFIG', 'SET', 'maxmemory', 0);
    await redis.call('FLUSHALL');
    base = await infoNumber(redis, 'memory', 'used_memory');
    await redis.call('CONFIG', 'SET', 'maxmemory', base + budget);
    await pipelined(redis, fill, batch);
    held = Number(await redis.call('DBSIZE'));
    if (Math.abs(held - capacity) <= Math.max(1, capacity * 0.01)) break;
    budget += Math.round((capacity - held) * bytesPerKey);
  }
  await redis.call('CONFIG', 'SET', 'maxmemory', 0);
  await redis.call('FLUSHALL');
  return { budget, held, base };
}

/**
 * Run `sc` on real servers. Starts private servers unless URLs are given, and always stops them.
 * Throws {@link LabRefusal} when the rate is more than this machine can drive.
 */
export async function runOnRealServers(
  sc: Scenario,
  targets: LabTargets,
  options: LabOptions,
): Promise<RealRun> {
  const log = options.log ?? ((): void => undefined);
  installCleanupHandlers();
  const started: PrivateServer[] = [];
  const closers: (() => Promise<void>)[] = [];
  const notes: string[] = [];
  try {
    // ---- servers ----
    let redisAt: { host: string; port: number; password: string | null; db: number };
    if (targets.redisUrl === null) {
      log('lab: starting a private redis-server');
      const s = await startRedisServer();
      started.push(s);
      redisAt = { host: '127.0.0.1', port: s.port, password: null, db: 0 };
    } else redisAt = parseRedisUrl(targets.redisUrl);
    let pgConfig: pg.PoolConfig;
    if (targets.postgresUrl === null) {
      log('lab: starting a private PostgreSQL cluster (initdb, about 2 s)');
      const s = await startPostgresServer({ maxConnections: sc.db.maxConcurrent + 10 });
      started.push(s);
      pgConfig = { host: '127.0.0.1', port: s.port, user: 'postgres', database: 'postgres' };
    } else pgConfig = { connectionString: targets.postgresUrl };
    options.onServers?.({
      redis: targets.redisUrl === null ? (started[0]?.pid ?? null) : null,
      postgres: targets.postgresUrl === null ? (started.at(-1)?.pid ?? null) : null,
    });
    const privateRedis = targets.redisUrl === null;
    const open = (): Promise<Resp> =>
      openRedis(redisAt.host, redisAt.port, redisAt.password, redisAt.db);
    let admin = await open();
    closers.push(async () => {
      admin.close();
      await Promise.resolve();
    });
    const conns: Resp[] = [];
    for (let i = 0; i < sc.app.instances; i++) conns.push(await open());
    closers.push(async () => {
      for (const c of conns) c.close();
      await Promise.resolve();
    });
    const pool = new pg.Pool({ ...pgConfig, max: sc.db.maxConcurrent });
    pool.on('error', () => undefined);
    closers.push(() => pool.end());

    const runId = `${process.pid}-${Math.floor(performance.now())}`;
    const prefix = privateRedis ? 'cachescope-lab:' : `cachescope-lab:${runId}:`;
    const table = `${SCHEMA}.items`;
    const redisVersion = await infoText(admin, 'server', 'redis_version');
    const postgresVersion =
      (await pool.query<{ server_version: string }>('SHOW server_version')).rows[0]
        ?.server_version ?? '?';

    // ---- PostgreSQL: one row per key, version 0 (the model's initial version) ----
    log(`lab: creating ${table} with ${sc.workload.keys} rows`);
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
    await pool.query(`DROP TABLE IF EXISTS ${table}`);
    await pool.query(
      `CREATE UNLOGGED TABLE ${table} (id integer PRIMARY KEY, version integer NOT NULL)`,
    );
    await pool.query(
      `INSERT INTO ${table} SELECT g, 0 FROM generate_series(0, $1::integer - 1) g`,
      [sc.workload.keys],
    );
    await pool.query(`ANALYZE ${table}`);
    if (targets.postgresUrl !== null)
      closers.unshift(async () => {
        await pool.query(`DROP TABLE IF EXISTS ${table}`);
      });

    // ---- how fast this machine can go ----
    if (privateRedis) await admin.call('CONFIG', 'SET', 'maxmemory', 0);
    const maxRate = await measureMaxRate(conns[0] ?? admin, pool, table, prefix, 800);
    log(`lab: this machine drives about ${Math.round(maxRate)} req/s (every request a miss)`);
    const faults = labFaults(sc);
    if (!privateRedis && faults.cacheOutages.length > 0)
      throw new LabRefusal(
        "faults: cache-down and cache-restart stop and start the lab's own redis-server; run without --redis to use them",
      );
    const tooFast = rateProblem(sc.workload.requestsPerSec, maxRate, faults.peakRateFactor);
    if (tooFast !== null) throw new LabRefusal(tooFast);

    // ---- Redis: memory per key, maxmemory for capacityKeys, eviction settings ----
    const capacityKeys = cacheKeysFor(sc);
    const withTtl = sc.cache.ttlMs !== null;
    const probeN = Math.min(20_000, Math.max(2000, capacityKeys ?? 2000));
    const bytesPerKey = await measureBytesPerKey(
      admin,
      prefix,
      sc.workload.valueBytes,
      withTtl,
      probeN,
    );
    const ev = sc.cache.eviction;
    const samples = ev.mode === 'redis' ? ev.samples : 10;
    const lfuLogFactor = ev.mode === 'redis' ? ev.lfuLogFactor : 10;
    const lfuDecayTimeMinutes = ev.mode === 'redis' ? Math.round(ev.lfuDecayTimeMs / 60_000) : 1;
    let maxmemory = 0;
    let budget = 0;
    let sizedBase = 0;
    let policy: string;
    if (privateRedis) {
      policy = sc.cache.policy;
      if (capacityKeys !== null) {
        const sized = await sizeForKeys(
          admin,
          prefix,
          capacityKeys,
          sc.workload.valueBytes,
          withTtl,
          bytesPerKey,
        );
        budget = sized.budget;
        sizedBase = sized.base;
        log(
          `lab: ${budget} bytes above the empty server hold ${sized.held} keys (target ${capacityKeys})`,
        );
      }
      await configure(admin, [
        ['maxmemory-policy', policy],
        ['maxmemory-samples', samples],
        ['lfu-log-factor', lfuLogFactor],
        ['lfu-decay-time', lfuDecayTimeMinutes],
      ]);
      await admin.call('CONFIG', 'RESETSTAT');
      if (ev.mode === 'exact')
        notes.push(
          'the model evicts exactly (cache.eviction.mode exact); Redis samples (maxmemory-samples 10, its most exact setting in common use)',
        );
    } else {
      const cfg = async (name: string): Promise<string> => {
        const r = await admin.call('CONFIG', 'GET', name);
        return Array.isArray(r) ? String(r[1]) : '?';
      };
      maxmemory = Number(await cfg('maxmemory'));
      policy = await cfg('maxmemory-policy');
      notes.push(
        `--redis: the server's own maxmemory (${maxmemory}) and policy (${policy}) are used unchanged; eviction matches the model only if they match the scenario`,
      );
    }
    notes.push(
      `the model's cache round trip is cache.latencyMs (${sc.cache.latencyMs} ms); the real one is whatever this connection takes`,
    );
    const releaseSha = String(await admin.call('SCRIPT', 'LOAD', RELEASE_LOCK_LUA));
    const versionedSetSha = String(await admin.call('SCRIPT', 'LOAD', VERSIONED_SET_LUA));
    if (!privateRedis) closers.unshift(() => deletePrefix(admin, prefix));
    if (privateRedis && capacityKeys !== null) {
      // Client buffers count as used memory too and grow and shrink by tens of kB, so a small
      // cache holds noticeably more or fewer keys than sized; setup.heldKeys says what it held.
      maxmemory = sizedBase + budget;
      await admin.call('CONFIG', 'SET', 'maxmemory', maxmemory);
      if (budget < 1_000_000)
        notes.push(
          `the cache's memory budget is only ${Math.round(budget / 1000)} kB: Redis's client buffers (tens of kB, varying) count against maxmemory too, so it holds a visibly different number of keys than capacityKeys (see heldKeys)`,
        );
    }
    const baseMemory = await infoNumber(admin, 'memory', 'used_memory');
    const servers: LabServers = { redis: conns, pool, prefix, table, releaseSha, versionedSetSha };

    // ---- the run ----
    const rng = (stream: number) => createRng(sc.seed, stream);
    const workload = createWorkload(sc, rng(RNG_STREAM.keys), rng(RNG_STREAM.ops));
    const source: RealSource = {
      evictions: 0,
      expirations: 0,
      cacheKeys: 0,
      cacheBytes: 0,
      nodeState: 'up',
      dbQueue: () => pool.waitingCount,
    };
    const statsAtStart = {
      evicted: await infoNumber(admin, 'stats', 'evicted_keys'),
      expired: await infoNumber(admin, 'stats', 'expired_keys'),
    };
    const startAt = performance.now();
    const meter = new LabMeter(sc, source, startAt);
    const patterns = new RealPatterns(
      sc,
      servers,
      meter,
      workload,
      rng(RNG_STREAM.ttlJitter),
      createLatencySampler(sc.db.latencyVariation, rng(RNG_STREAM.dbLatency)),
      faults.dbFactor,
    );
    if (sc.stampede.warmOnStart) {
      const n = capacityKeys === null ? sc.workload.keys : Math.min(sc.workload.keys, capacityKeys);
      await pipelined(
        admin,
        Array.from({ length: n }, (_, k) => patterns.setCommand(k, 0, 0)),
      );
      log(`lab: warmed the ${n} most popular keys`);
    }

    // Counters of redis-servers an outage replaced (a fresh server starts them at 0).
    const retired = { evicted: 0, expired: 0 };
    const poll = async (): Promise<void> => {
      if (source.nodeState !== 'up') return;
      const [stats, memory, size] = await admin.pipeline([
        ['INFO', 'stats'],
        ['INFO', 'memory'],
        ['DBSIZE'],
      ]);
      const num = (text: unknown, field: string): number =>
        Number(new RegExp(`(?:^|\\n)${field}:(\\d+)`).exec(String(text))?.[1] ?? 0);
      source.evictions = retired.evicted + num(stats, 'evicted_keys') - statsAtStart.evicted;
      source.expirations = retired.expired + num(stats, 'expired_keys') - statsAtStart.expired;
      source.cacheBytes = Math.max(0, num(memory, 'used_memory') - baseMemory);
      source.cacheKeys = typeof size === 'number' ? size : 0;
    };
    await poll();

    const unexpected: string[] = [];
    const inFlight = new Set<Promise<void>>();
    const lag = new LatencyHistogram();
    const rngArrivals = rng(RNG_STREAM.arrivals);
    const rate = sc.workload.requestsPerSec;
    // The model draws each gap at the rate in effect when the previous request arrived.
    const gap = (at: number): number =>
      rngArrivals.exponential(1000 / (rate * faults.rateFactor(at)));
    let next = rate > 0 ? gap(0) : Infinity;
    const faultTimers = faults.keyExpiries.map(({ atMs, key }) =>
      setTimeout(
        () => {
          void admin.call('PEXPIRE', `${prefix}k:${key}`, 1).catch(() => undefined);
        },
        Math.max(0, atMs - meter.now()),
      ),
    );
    // Cache outages, one after another: stop the private redis-server (clients see their
    // connections fail and fall back to the DB), wait, start an empty one on the same port with
    // the same settings and reconnect every client.
    let outages = Promise.resolve();
    const outage = async (forMs: number): Promise<void> => {
      const old = started.find((x) => x.port === redisAt.port);
      if (old === undefined) return;
      await poll().catch(() => undefined);
      source.nodeState = 'down';
      retired.evicted = source.evictions;
      retired.expired = source.expirations;
      statsAtStart.evicted = 0;
      statsAtStart.expired = 0;
      const downAt = meter.now();
      log(`lab: cache-down: stopping redis-server (pid ${old.pid}) for ${forMs} ms`);
      started.splice(started.indexOf(old), 1);
      await old.stop();
      await sleep(downAt + forMs - meter.now());
      const fresh = await startRedisServer(redisAt.port);
      started.unshift(fresh);
      options.onServers?.({ redis: fresh.pid, postgres: null });
      admin = await open();
      for (let i = 0; i < conns.length; i++) {
        conns[i]?.close();
        conns[i] = await open();
      }
      await configure(admin, [
        ['maxmemory-policy', policy],
        ['maxmemory-samples', samples],
        ['lfu-log-factor', lfuLogFactor],
        ['lfu-decay-time', lfuDecayTimeMinutes],
        ['maxmemory', maxmemory],
      ]);
      await admin.call('SCRIPT', 'LOAD', RELEASE_LOCK_LUA);
      await admin.call('SCRIPT', 'LOAD', VERSIONED_SET_LUA);
      source.nodeState = 'up';
      log(`lab: cache is back (empty), redis-server pid ${fresh.pid}`);
    };
    faultTimers.push(
      ...faults.cacheOutages.map(({ atMs, forMs }) =>
        setTimeout(
          () => {
            outages = outages
              .then(() => outage(forMs))
              .catch((e: unknown) => {
                unexpected.push(`cache outage: ${e instanceof Error ? e.message : String(e)}`);
              });
          },
          Math.max(0, atMs - meter.now()),
        ),
      ),
    );
    let rr = 0;
    let lastProgress = 0;
    const progress = setInterval(() => {
      void poll().catch(() => undefined);
      meter.tick();
      const now = meter.now();
      if (now - lastProgress >= 1000 && !meter.finished) {
        lastProgress = now;
        log(
          `lab: ${(now / 1000).toFixed(0)}/${(sc.durationMs / 1000).toFixed(0)} s, ${inFlight.size} in flight, ${source.cacheKeys} keys in Redis`,
        );
      }
    }, 200);
    try {
      log(
        `lab: running ${sc.durationMs / 1000} s at ${rate} req/s on redis ${redisVersion} + PostgreSQL ${postgresVersion}`,
      );
      await new Promise<void>((resolve) => {
        const launch = (at: number): void => {
          const key = workload.nextKey(at);
          const write = workload.isWrite(key);
          const inst = rr;
          rr = (rr + 1) % sc.app.instances;
          lag.add(meter.now() - at);
          meter.arrival(!write, at);
          const p = (write ? patterns.write(key, inst, at) : patterns.read(key, inst, at)).catch(
            (e: unknown) => {
              // A failure the patterns do not expect (e.g. a DB error): an error, and reported.
              if (unexpected.length < 5)
                unexpected.push(e instanceof Error ? e.message : String(e));
              meter.completion(false, 0, true, meter.now() - at, at);
            },
          );
          inFlight.add(p);
          void p.finally(() => inFlight.delete(p));
        };
        const tick = (): void => {
          const now = meter.now();
          while (next <= now && next <= sc.durationMs) {
            launch(next);
            next += gap(next);
          }
          if (next > sc.durationMs) {
            resolve();
            return;
          }
          setTimeout(tick, Math.max(0, Math.min(next - meter.now(), 10)));
        };
        tick();
      });
      await sleep(Math.max(0, sc.durationMs - meter.now() + 1));
      await poll();
      meter.tick();
      // Let what is in flight finish (it is no longer counted) before the servers go away.
      const drainUntil = performance.now() + 30_000;
      while ((inFlight.size > 0 || patterns.background.size > 0) && performance.now() < drainUntil)
        await sleep(20);
    } finally {
      clearInterval(progress);
      for (const t of faultTimers) clearTimeout(t);
      await outages;
    }
    const result = meter.result();
    const lagStats = lag.summary();
    if (lagStats.p99 > 20)
      notes.push(
        `arrivals were launched late (p99 ${lagStats.p99} ms behind their Poisson times): the machine was busy; latency is still measured from the scheduled arrival`,
      );
    return {
      totals: result.totals,
      series: result.series,
      setup: {
        redisVersion,
        postgresVersion,
        redisServer: privateRedis ? 'private' : 'url',
        postgresServer: targets.postgresUrl === null ? 'private' : 'url',
        maxmemory,
        policy,
        maxmemorySamples: samples,
        lfuLogFactor,
        lfuDecayTimeMinutes,
        bytesPerKey: Math.round(bytesPerKey * 10) / 10,
        capacityKeys,
        heldKeys: meanCacheKeys(result.series, sc.warmupMs),
        keyPrefix: prefix,
        table,
        poolSize: sc.db.maxConcurrent,
        appInstances: sc.app.instances,
        maxRatePerSec: Math.round(maxRate),
        missesAheadOfDbReads: result.missesAheadOfDbReads,
        dispatchLagMs: { p50: lagStats.p50, p99: lagStats.p99, max: lagStats.max },
        unexpectedErrors: unexpected,
        notes,
      },
    };
  } finally {
    // In order: the lab's own keys and table first, then the connections.
    for (const close of closers) await close().catch(() => undefined);
    for (const s of started.reverse()) await s.stop();
    if (started.length > 0) log('lab: private servers stopped');
  }
}
