/**
 * Differential check of the cache model against a real Redis (`npm run redis:reference`).
 *
 * Starts two throw-away `redis-server`s on loopback (Debian package `redis-server`), then:
 *  1. replays the same command sequences on Redis and on the model's store and compares every
 *     reply (SET NX, GET, DEL, PTTL, noeviction's OOM error, volatile-* with no TTL keys);
 *  2. replays one cache-aside Zipf trace (GET, SET on miss) on Redis at a fixed key budget for
 *     several eviction policies, and on the model in `redis` mode with the same number of keys,
 *     and prints both hit ratios side by side;
 *  3. active expiry: SETs a few thousand keys with a short TTL, never reads them, and follows
 *     DBSIZE on Redis and `size` of the model's store (a cycle every 100 ms) until both are ~0;
 *  4. LFU decay, on the second server (it needs a whole wall-clock minute, so it runs while 1-3
 *     do): with `lfu-decay-time 1` Redis decrements a key's counter when its minutes clock
 *     ticks, even if less than 60 s passed; compares OBJECT FREQ before and after the next minute
 *     boundary with what the model's policy reports for the same times.
 * Redis enforces `maxmemory` in bytes; the script measures how many keys Redis actually holds
 * and gives the model that key capacity, so both caches hold the same number of entries.
 * Prints figures; exits 1 when a reply differs, a hit ratio is more than 0.03 apart, or a key
 * count or LFU counter disagrees. Takes about a minute (the LFU check's wait).
 */
import { createCacheStore } from '../src/sim/cache/cache-store';
import {
  ACTIVE_EXPIRE_INTERVAL_MS,
  OOM_ERROR_TEXT,
  type PolicyId,
} from '../src/sim/cache/cache-types';
import { createRng } from '../src/sim/rng';
import { createPopularitySampler } from '../src/sim/workload/popularity';
import { connectWithRetry, infoNumber, type Reply, type Resp } from '../src/lab/resp';
import {
  hasCommand,
  REDIS_INSTALL_HINT,
  startRedisServer,
  type PrivateServer,
} from '../src/lab/servers';

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Wall clock as HH:MM:SS.mmm UTC. */
const clock = (ms: number): string => new Date(ms).toISOString().slice(11, 23);

let failures = 0;
function expectSame(label: string, redis: Reply, model: Reply): void {
  const r = redis instanceof Error ? `ERR:${redis.message}` : JSON.stringify(redis);
  const m = model instanceof Error ? `ERR:${model.message}` : JSON.stringify(model);
  const ok = r === m;
  if (!ok) failures++;
  console.log(`${ok ? 'same' : 'DIFF'}  ${label.padEnd(46)} redis=${r}  model=${m}`);
}

async function semantics(redis: Resp): Promise<void> {
  console.log('\n## Command semantics (same sequence on Redis and on the model)');
  await redis.call('FLUSHALL');
  await redis.call('CONFIG', 'SET', 'maxmemory', 0);
  const store = createCacheStore(
    { capacityKeys: null, capacityBytes: null, policy: 'noeviction', eviction: { mode: 'exact' } },
    createRng(1),
  );
  const t = 0;
  const ok = (b: boolean): Reply => (b ? 'OK' : null);
  expectSame(
    'SET k1 v NX (absent)',
    await redis.call('SET', 'k1', '1', 'NX'),
    ok(store.set(1, 1, t, { nx: true }).ok),
  );
  expectSame(
    'SET k1 v NX (present)',
    await redis.call('SET', 'k1', '2', 'NX'),
    ok(store.set(1, 2, t, { nx: true }).ok),
  );
  expectSame(
    'GET k1 keeps the first value',
    await redis.call('GET', 'k1'),
    (() => {
      const g = store.get(1, t);
      return g.hit ? String(g.version) : null;
    })(),
  );
  expectSame('PTTL of a key without TTL', await redis.call('PTTL', 'k1'), store.pttl(1, t));
  expectSame('PTTL of a missing key', await redis.call('PTTL', 'nokey'), store.pttl(99, t));
  const setEx = await redis.call('SET', 'k2', '5', 'PX', 100000);
  expectSame('SET k2 PX 100000', setEx, ok(store.set(2, 5, t, { ttlMs: 100000 }).ok));
  const pttl = await redis.call('PTTL', 'k2');
  expectSame(
    'PTTL after SET PX (within 1 s)',
    typeof pttl === 'number' && pttl > 99000 ? 'about 100000' : pttl,
    store.pttl(2, t) === 100000 ? 'about 100000' : store.pttl(2, t),
  );
  expectSame(
    'SET k2 without EX clears the TTL',
    await redis.call('SET', 'k2', '6'),
    ok(store.set(2, 6, t).ok),
  );
  expectSame('PTTL after plain SET', await redis.call('PTTL', 'k2'), store.pttl(2, t));
  expectSame('DEL existing key', await redis.call('DEL', 'k1'), store.del(1, t) ? 1 : 0);
  expectSame('DEL missing key', await redis.call('DEL', 'k1'), store.del(1, t) ? 1 : 0);
  await redis.call('SET', 'short', '1', 'PX', 30);
  store.set(3, 1, t, { ttlMs: 30 });
  await new Promise((r) => setTimeout(r, 80));
  expectSame(
    'GET after the TTL passed',
    await redis.call('GET', 'short'),
    store.get(3, t + 80).hit ? '1' : null,
  );
  expectSame(
    'SET NX on an expired key succeeds',
    await redis.call('SET', 'short', '2', 'NX', 'PX', 1000),
    ok(store.set(3, 2, t + 80, { nx: true, ttlMs: 1000 }).ok),
  );

  // A full cache under noeviction refuses writes with the OOM error; reads keep working.
  await redis.call('FLUSHALL');
  await redis.call('CONFIG', 'SET', 'maxmemory-policy', 'noeviction');
  await redis.call('SET', 'keep', '1');
  // Full means used_memory above maxmemory. Set it well below what is in use: used_memory moves
  // by kilobytes on its own (client buffers are resized in the background), and a limit at the
  // exact usage let a SET through in one run on a busy machine.
  const used = await infoNumber(redis, 'memory', 'used_memory');
  await redis.call('CONFIG', 'SET', 'maxmemory', Math.floor(used / 2));
  const full = createCacheStore(
    { capacityKeys: 1, capacityBytes: null, policy: 'noeviction', eviction: { mode: 'exact' } },
    createRng(1),
  );
  full.set(1, 1, t);
  const refused = full.set(2, 1, t);
  expectSame(
    'noeviction: SET when full',
    await redis.call('SET', 'new', 'x'.repeat(200)),
    refused.ok ? 'OK' : new Error(refused.error),
  );
  expectSame(
    'noeviction: GET still works when full',
    await redis.call('GET', 'keep'),
    (() => {
      const g = full.get(1, t);
      return g.hit ? String(g.version) : null;
    })(),
  );
  // volatile-lru with no key that has a TTL behaves like noeviction.
  await redis.call('CONFIG', 'SET', 'maxmemory-policy', 'volatile-lru');
  const vol = createCacheStore(
    { capacityKeys: 1, capacityBytes: null, policy: 'volatile-lru', eviction: { mode: 'exact' } },
    createRng(1),
  );
  vol.set(1, 1, t);
  const volRefused = vol.set(2, 1, t);
  expectSame(
    'volatile-lru, no TTL keys: SET when full',
    await redis.call('SET', 'new', 'x'.repeat(200)),
    volRefused.ok ? 'OK' : new Error(volRefused.error),
  );
  if (!OOM_ERROR_TEXT.startsWith('OOM')) failures++;
  await redis.call('CONFIG', 'SET', 'maxmemory', 0);
}

const TRACE_KEYS = 20_000;
const TRACE_LENGTH = 400_000;
const ZIPF_ALPHA = 0.9;

function makeTrace(): Int32Array {
  const sampler = createPopularitySampler(
    { kind: 'zipf', alpha: ZIPF_ALPHA },
    TRACE_KEYS,
    createRng(7),
  );
  const trace = new Int32Array(TRACE_LENGTH);
  for (let i = 0; i < TRACE_LENGTH; i++) trace[i] = sampler.next();
  return trace;
}

/** Cache-aside as one atomic script so the whole trace can be pipelined. */
const CACHE_ASIDE_LUA =
  "if redis.call('GET', KEYS[1]) then return 1 end redis.call('SET', KEYS[1], ARGV[1]) return 0";

async function hitRatios(redis: Resp, trace: Int32Array): Promise<void> {
  console.log(
    `\n## Cache-aside hit ratio, Zipf ${ZIPF_ALPHA} over ${TRACE_KEYS} keys, ${TRACE_LENGTH} requests (first half is warm-up)`,
  );
  const value = 'v'.repeat(64);
  // Measure what one key costs in Redis to size maxmemory for a target number of keys.
  await redis.call('FLUSHALL');
  await redis.call('CONFIG', 'SET', 'maxmemory', 0);
  const before = await infoNumber(redis, 'memory', 'used_memory');
  await redis.pipeline(Array.from({ length: 5000 }, (_, i) => ['SET', `probe:${i}`, value]));
  const after = await infoNumber(redis, 'memory', 'used_memory');
  const perKey = (after - before) / 5000;
  const sha = String(await redis.call('SCRIPT', 'LOAD', CACHE_ASIDE_LUA));
  const targetKeys = 2000;
  const cases: { policy: PolicyId; samples: number }[] = [
    { policy: 'allkeys-lru', samples: 5 },
    { policy: 'allkeys-lru', samples: 10 },
    { policy: 'allkeys-lfu', samples: 5 },
    { policy: 'allkeys-random', samples: 5 },
  ];
  console.log('policy            samples  keys held  redis hit  model hit   diff');
  for (const c of cases) {
    await redis.call('FLUSHALL');
    await redis.call('CONFIG', 'SET', 'maxmemory', 0);
    await redis.call('CONFIG', 'SET', 'maxmemory-policy', c.policy);
    await redis.call('CONFIG', 'SET', 'maxmemory-samples', c.samples);
    const base = await infoNumber(redis, 'memory', 'used_memory');
    await redis.call('CONFIG', 'SET', 'maxmemory', Math.round(base + perKey * targetKeys));
    let hits = 0;
    let measured = 0;
    let heldSum = 0;
    let heldSamples = 0;
    const started = process.hrtime.bigint();
    const BATCH = 2000;
    for (let i = 0; i < trace.length; i += BATCH) {
      const cmds: (string | number)[][] = [];
      for (let j = i; j < Math.min(i + BATCH, trace.length); j++)
        cmds.push(['EVALSHA', sha, 1, `k:${trace[j] ?? 0}`, value]);
      const replies = await redis.pipeline(cmds);
      if (i >= trace.length / 2) {
        for (const r of replies) if (r === 1) hits++;
        measured += replies.length;
        heldSum += Number(await redis.call('DBSIZE'));
        heldSamples++;
      }
    }
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    const held = Math.round(heldSum / heldSamples);
    // The model replays the same trace with the same number of keys, its clock advancing at the
    // rate Redis processed the trace, so time-based parts (LRU clock, LFU decay) line up.
    const msPerRequest = wallMs / trace.length;
    const store = createCacheStore(
      {
        capacityKeys: held,
        capacityBytes: null,
        policy: c.policy,
        eviction: { mode: 'redis', samples: c.samples },
      },
      createRng(11),
    );
    let modelHits = 0;
    for (let i = 0; i < trace.length; i++) {
      const key = trace[i] ?? 0;
      const now = i * msPerRequest;
      const hit = store.getVersion(key, now) >= 0;
      if (!hit) store.setFast(key, 1, now, null, 0, false);
      if (i >= trace.length / 2 && hit) modelHits++;
    }
    const rh = hits / measured;
    const mh = modelHits / measured;
    const diff = mh - rh;
    if (Math.abs(diff) > 0.03) failures++;
    console.log(
      `${c.policy.padEnd(17)} ${String(c.samples).padStart(7)}  ${String(held).padStart(9)}  ${rh.toFixed(4).padStart(9)}  ${mh.toFixed(4).padStart(9)}  ${diff >= 0 ? '+' : ''}${diff.toFixed(4)}   (${(trace.length / (wallMs / 1000)).toFixed(0)} req/s on Redis)`,
    );
  }
}

const EXPIRY_KEYS = 5000;
const EXPIRY_TTL_MS = 200;
/** When DBSIZE / size are compared, in ms after the SETs. */
const EXPIRY_SAMPLES_MS = [0, 150, 250, 500, 1000, 2000];

/**
 * Keys with a TTL that nobody reads must still leave: Redis's active expiry, and the model's
 * `activeExpireCycle` run every ACTIVE_EXPIRE_INTERVAL_MS of simulated time.
 */
async function activeExpiry(redis: Resp): Promise<void> {
  console.log(`\n## Active expiry: ${EXPIRY_KEYS} keys SET with PX ${EXPIRY_TTL_MS}, never read`);
  await redis.call('FLUSHALL');
  await redis.call('CONFIG', 'SET', 'maxmemory', 0);
  await redis.call('CONFIG', 'RESETSTAT');
  await redis.pipeline(
    Array.from({ length: EXPIRY_KEYS }, (_, i) => ['SET', `exp:${i}`, 'v', 'PX', EXPIRY_TTL_MS]),
  );
  const setAt = Date.now();
  const redisSizes: number[] = [];
  for (const at of EXPIRY_SAMPLES_MS) {
    await sleep(setAt + at - Date.now());
    redisSizes.push(Number(await redis.call('DBSIZE')));
  }
  const redisExpired = await infoNumber(redis, 'stats', 'expired_keys');

  const store = createCacheStore(
    { capacityKeys: null, capacityBytes: null, policy: 'noeviction', eviction: { mode: 'exact' } },
    createRng(1),
  );
  for (let i = 0; i < EXPIRY_KEYS; i++) store.setFast(i, 1, 0, EXPIRY_TTL_MS, 0, false);
  const modelSizes: number[] = [];
  let t = 0;
  for (const at of EXPIRY_SAMPLES_MS) {
    for (; t + ACTIVE_EXPIRE_INTERVAL_MS <= at; t += ACTIVE_EXPIRE_INTERVAL_MS) {
      store.activeExpireCycle(t + ACTIVE_EXPIRE_INTERVAL_MS);
    }
    modelSizes.push(store.size);
  }

  console.log('ms after the SETs   redis DBSIZE   model size (a cycle every 100 ms)');
  EXPIRY_SAMPLES_MS.forEach((at, i) => {
    console.log(
      `${String(at).padStart(17)}   ${String(redisSizes[i]).padStart(12)}   ${String(modelSizes[i]).padStart(10)}`,
    );
  });
  // "Near 0": Redis's cycle has a time limit and the model's a loop limit; a few stragglers left
  // between cycles would still be fine, thousands would not.
  const nearZero = EXPIRY_KEYS / 100;
  const redisLeft = redisSizes.at(-1) ?? EXPIRY_KEYS;
  const modelLeft = modelSizes.at(-1) ?? EXPIRY_KEYS;
  const ok = redisLeft <= nearZero && modelLeft <= nearZero;
  if (!ok) failures++;
  console.log(
    `${ok ? 'same' : 'DIFF'}  ${`keys left after ${EXPIRY_SAMPLES_MS.at(-1)} ms (<= ${nearZero})`.padEnd(46)} redis=${redisLeft}  model=${modelLeft}`,
  );
  console.log(
    `      expirations counted: redis expired_keys=${redisExpired}  model=${store.counters.expirations}`,
  );
}

/** LFU clock tick and lfu-decay-time 1, in ms. */
const MINUTE_MS = 60_000;
/**
 * Distance kept from a minute boundary, so that Redis's cached clock (refreshed at least every
 * 100 ms) agrees with ours about which minute it is. Keeps the whole wait <= 61 s.
 */
const BOUNDARY_MARGIN_MS = 500;
/** GETs that bump the key's counter (lfu-log-factor 0: each adds exactly one, from 5). */
const LFU_GETS = 20;

/**
 * Starts the LFU decay check on its own server and returns once the key's counter is bumped,
 * with a promise that waits for the next wall-clock minute boundary and then prints the
 * comparison (so other checks can run during the wait).
 */
async function startLfuDecayCheck(redis: Resp): Promise<{ readonly done: Promise<void> }> {
  await redis.call('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lfu');
  await redis.call('CONFIG', 'SET', 'lfu-log-factor', 0);
  await redis.call('CONFIG', 'SET', 'lfu-decay-time', 1);
  // Bump well inside a minute, so the SET, the GETs and the first read share one minute.
  const intoMinute = Date.now() % MINUTE_MS;
  if (intoMinute < BOUNDARY_MARGIN_MS) await sleep(BOUNDARY_MARGIN_MS - intoMinute);
  else if (intoMinute > MINUTE_MS - BOUNDARY_MARGIN_MS)
    await sleep(MINUTE_MS - intoMinute + BOUNDARY_MARGIN_MS);
  // Not a small integer: Redis shares those objects between keys, and their LFU field with them.
  await redis.call('SET', 'lfu:key', 'lfu-value');
  const setAt = Date.now();
  await redis.pipeline(Array.from({ length: LFU_GETS }, () => ['GET', 'lfu:key']));
  const lastGetAt = Date.now();
  const freqBefore = await redis.call('OBJECT', 'FREQ', 'lfu:key');
  const readBeforeAt = Date.now();
  const boundary = (Math.floor(lastGetAt / MINUTE_MS) + 1) * MINUTE_MS;
  console.log(
    `LFU decay check: waiting ${((boundary + BOUNDARY_MARGIN_MS - Date.now()) / 1000).toFixed(1)} s for the minute boundary at ${clock(boundary)} UTC (+${BOUNDARY_MARGIN_MS} ms) on a second redis-server; the other checks run meanwhile.`,
  );

  const done = (async () => {
    await sleep(boundary + BOUNDARY_MARGIN_MS - Date.now());
    const freqAfter = await redis.call('OBJECT', 'FREQ', 'lfu:key');
    const readAfterAt = Date.now();

    // The model's clock starts on a minute boundary; wall times map onto it unchanged in
    // their position within the minute, so both clocks tick together.
    const origin = Math.floor(setAt / MINUTE_MS) * MINUTE_MS;
    const store = createCacheStore(
      {
        capacityKeys: null,
        capacityBytes: null,
        policy: 'allkeys-lfu',
        eviction: { mode: 'redis', samples: 5, lfuLogFactor: 0, lfuDecayTimeMs: MINUTE_MS },
      },
      createRng(1),
    );
    store.set(1, 1, setAt - origin);
    for (let i = 0; i < LFU_GETS; i++) store.get(1, lastGetAt - origin);
    const modelBefore = store.policyValue(1, readBeforeAt - origin);
    const modelAfter = store.policyValue(1, readAfterAt - origin);
    const elapsedMs = readAfterAt - lastGetAt;

    console.log(
      `\n## LFU decay (lfu-decay-time 1, lfu-log-factor 0, ${LFU_GETS} GETs at ${clock(lastGetAt)} UTC)`,
    );
    expectSame(`OBJECT FREQ at ${clock(readBeforeAt)}`, freqBefore, modelBefore);
    expectSame(`OBJECT FREQ at ${clock(readAfterAt)}`, freqAfter, modelAfter);
    const perElapsedMinute = (modelBefore ?? 0) - Math.floor(elapsedMs / MINUTE_MS);
    console.log(
      `      ${(elapsedMs / 1000).toFixed(1)} s after the last GET, one minute boundary crossed; a decrement per 60 s elapsed would still say ${perElapsedMinute}`,
    );
  })();
  return { done };
}

async function main(): Promise<void> {
  if (!hasCommand('redis-server')) {
    console.error(REDIS_INSTALL_HINT);
    process.exit(2);
  }
  const servers: PrivateServer[] = [];
  try {
    const server = await startRedisServer();
    servers.push(server);
    // The LFU check's own server: the other checks FLUSHALL and switch policies, which would reset
    // its key or stop OBJECT FREQ from working.
    const lfuServer = await startRedisServer();
    servers.push(lfuServer);
    const redis = await connectWithRetry(server.port);
    const lfuRedis = await connectWithRetry(lfuServer.port);
    console.log(
      `redis ${/redis_version:([^\r\n]+)/.exec(String(await redis.call('INFO', 'server')))?.[1] ?? '?'} on 127.0.0.1:${server.port} and :${lfuServer.port}`,
    );
    const lfuCheck = await startLfuDecayCheck(lfuRedis);
    await semantics(redis);
    await hitRatios(redis, makeTrace());
    await activeExpiry(redis);
    await lfuCheck.done;
    redis.close();
    lfuRedis.close();
  } finally {
    for (const s of servers) await s.stop();
  }
  console.log(failures === 0 ? '\nall comparisons agree' : `\n${failures} comparison(s) differ`);
  process.exit(failures === 0 ? 0 : 1);
}

void main();
