/**
 * The lab against real servers (run by `npm run check` through scripts/vitest-lab.config.ts, not
 * by the unit projects): the real pattern pieces on a real Redis, then short real runs next to the
 * model, and that no server process outlives a run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioOrThrow, type ScenarioInput } from '../sim/scenario/scenario-schema';
import { runLab, type LabReport } from './lab';
import { parseCached, RELEASE_LOCK_LUA, VERSIONED_SET_LUA, cachedValue } from './real-patterns';
import { connectWithRetry, type Resp } from './resp';
import { processAlive, startPostgresServer, startRedisServer, type PrivateServer } from './servers';

describe('real pattern pieces on a real Redis', () => {
  let server: PrivateServer;
  let redis: Resp;
  beforeAll(async () => {
    server = await startRedisServer();
    redis = await connectWithRetry(server.port);
  });
  afterAll(async () => {
    redis.close();
    await server.stop();
    expect(processAlive(server.pid)).toBe(false);
  });

  it('releases the rebuild lock only for its owner (compare-and-delete)', async () => {
    const sha = String(await redis.call('SCRIPT', 'LOAD', RELEASE_LOCK_LUA));
    expect(await redis.call('SET', 'lock:1', 'a', 'NX', 'PX', 10_000)).toBe('OK');
    // A second SET NX is refused while the lock is held.
    expect(await redis.call('SET', 'lock:1', 'b', 'NX', 'PX', 10_000)).toBe(null);
    // Someone else's token leaves the lock alone; the owner's deletes it.
    expect(await redis.call('EVALSHA', sha, 1, 'lock:1', 'b')).toBe(0);
    expect(await redis.call('GET', 'lock:1')).toBe('a');
    expect(await redis.call('EVALSHA', sha, 1, 'lock:1', 'a')).toBe(1);
    expect(await redis.call('GET', 'lock:1')).toBe(null);
  });

  it('stores a value with a version-checked SET only when it is newer', async () => {
    const sha = String(await redis.call('SCRIPT', 'LOAD', VERSIONED_SET_LUA));
    const set = (v: number): Promise<unknown> =>
      redis.call('EVALSHA', sha, 1, 'k:7', cachedValue(v, 0, 64), v, 60_000);
    expect(await set(3)).toBe(1);
    expect(await set(2)).toBe(0);
    expect(await set(3)).toBe(0);
    expect(parseCached(await redis.call('GET', 'k:7'))?.version).toBe(3);
    expect(await set(4)).toBe(1);
    expect(parseCached(await redis.call('GET', 'k:7'))?.version).toBe(4);
    const ttl = Number(await redis.call('PTTL', 'k:7'));
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });
});

/** Runs `input` in the lab and checks every private server it started is gone afterwards. */
async function labRun(
  input: ScenarioInput,
  targets: { redisUrl: string | null; postgresUrl: string | null } = {
    redisUrl: null,
    postgresUrl: null,
  },
): Promise<LabReport> {
  const pids: number[] = [];
  const outcome = await runLab(scenarioOrThrow(input), targets, {
    log: null,
    onServers: ({ redis, postgres }) => {
      for (const pid of [redis, postgres]) if (pid !== null) pids.push(pid);
    },
  });
  if (!outcome.ok) throw new Error(outcome.issues.map((i) => i.message).join('\n'));
  for (const pid of pids)
    expect(processAlive(pid), `server process ${pid} still running`).toBe(false);
  return outcome.report;
}

describe('lab runs next to the model', () => {
  it('cache-aside read-only Zipf at 300 req/s: DB reads equal misses, hit ratio within 0.05', async () => {
    const report = await labRun({
      durationMs: 8000,
      warmupMs: 3000,
      workload: {
        requestsPerSec: 300,
        writeFraction: 0,
        keys: 2000,
        popularity: { kind: 'zipf', alpha: 0.9 },
        valueBytes: 4096,
      },
      cache: {
        capacityKeys: 400,
        policy: 'allkeys-lru',
        eviction: { mode: 'redis', samples: 5 },
        ttlMs: null,
      },
      db: { readLatencyMs: 5 },
    });
    const { model, real } = report;
    expect(real.setup.redisServer).toBe('private');
    expect(real.totals.requests).toBeGreaterThan(1200);
    expect(real.totals.reads).toBeGreaterThan(0);
    expect(real.totals.errors).toBe(0);
    // Every miss reads the DB once (no lock, no coalescing): counted at the lookup and when a pool
    // connection picks the read up; only misses straddling the warm-up's end or the run's end
    // (their DB read not started yet) can make the two totals differ, and the lab counts those.
    const gap = real.setup.missesAheadOfDbReads;
    expect(real.totals.dbReads).toBe(real.totals.misses + gap.atWarmup - gap.atEnd);
    expect(gap.atWarmup + gap.atEnd).toBeLessThanOrEqual(3);
    expect(Math.abs(real.totals.hitRatio - model.totals.hitRatio)).toBeLessThan(0.05);
    // The series has the model's shape: one window per windowMs.
    expect(real.series.length).toBe(model.series.length);
    expect(Object.keys(real.series[0] ?? {}).sort()).toEqual(
      Object.keys(model.series[0] ?? {}).sort(),
    );
  });

  it('cache-down stops the private redis-server: reads fall back to the DB, an empty one comes back', async () => {
    const report = await labRun({
      durationMs: 6000,
      warmupMs: 1000,
      workload: { requestsPerSec: 200, writeFraction: 0, keys: 100, valueBytes: 256 },
      cache: { capacityKeys: null, ttlMs: 60_000 },
      db: { readLatencyMs: 5 },
      faults: [{ atMs: 2000, kind: 'cache-down', forMs: 2500 }],
    });
    const real = report.real;
    // The window wholly inside the outage (stopping takes a few ms, so not the one it starts in):
    // no hits, every read a miss served by the DB.
    const down = real.series.find((w) => w.tMs === 3000);
    expect(down?.cacheState).toBe('down');
    expect(down?.hits).toBe(0);
    expect(down?.dbReads).toBe(down?.misses);
    expect(real.series.at(-1)?.cacheState).toBe('up');
    expect(real.series.at(-1)?.hits).toBeGreaterThan(0);
    expect(real.totals.errors).toBe(0);
    expect(real.setup.unexpectedErrors).toEqual([]);
  });

  describe('hot-key stampede on given servers (URL mode)', () => {
    let redisServer: PrivateServer;
    let pgServer: PrivateServer;
    beforeAll(async () => {
      redisServer = await startRedisServer();
      pgServer = await startPostgresServer({ maxConnections: 60 });
    });
    afterAll(async () => {
      await redisServer.stop();
      await pgServer.stop();
      expect(processAlive(redisServer.pid)).toBe(false);
      expect(processAlive(pgServer.pid)).toBe(false);
    });

    it('a rebuild lock cuts DB reads per expiry by more than 3x', async () => {
      const targets = {
        redisUrl: `redis://127.0.0.1:${redisServer.port}`,
        postgresUrl: `postgres://postgres@127.0.0.1:${pgServer.port}/postgres`,
      };
      const hotKey: ScenarioInput = {
        durationMs: 4500,
        warmupMs: 1000,
        workload: { requestsPerSec: 300, writeFraction: 0, keys: 1, valueBytes: 256 },
        cache: { capacityKeys: null, ttlMs: 1000, jitterPct: 0 },
        db: { readLatencyMs: 100, latencyVariation: 'fixed' },
      };
      const plain = await labRun(hotKey, targets);
      const locked = await labRun(
        { ...hotKey, stampede: { lock: { ttlMs: 5000, retryMs: 20 } } },
        targets,
      );
      const perExpiry = (r: LabReport): number =>
        r.real.totals.dbReads / Math.max(1, r.real.totals.expirations);
      expect(plain.real.setup.redisServer).toBe('url');
      expect(plain.real.totals.expirations).toBeGreaterThanOrEqual(2);
      expect(locked.real.totals.expirations).toBeGreaterThanOrEqual(2);
      expect(locked.real.totals.lockWaits).toBeGreaterThan(0);
      expect(perExpiry(plain)).toBeGreaterThan(3 * perExpiry(locked));
      // The lab cleaned up after itself on the given servers: no keys under its prefix left.
      const redis = await connectWithRetry(redisServer.port);
      const left = await redis.call('KEYS', 'cachescope-lab:*');
      redis.close();
      expect(left).toEqual([]);
    });
  });
});
