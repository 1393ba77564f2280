/**
 * Named preset scenarios: the experiments every later feature reuses (playground, lessons,
 * compare lanes, URL `?preset=`, CLI tests). Each preset is an input applied over the defaults,
 * so it only states what differs, and names the CONTENT.md section it demonstrates.
 */
import { scenarioOrThrow, type Scenario, type ScenarioInput } from './scenario-schema';

export interface Preset {
  /** Stable id (URL `preset=`, lesson references). */
  readonly id: string;
  readonly title: string;
  /** One paragraph: what to look at and why it happens. */
  readonly description: string;
  /** CONTENT.md section number it demonstrates, e.g. `'8'`. */
  readonly contentSection: string;
  /** Applied over DEFAULT_SCENARIO. */
  readonly input: ScenarioInput;
}

/**
 * Many writers on few keys: four app servers, 50 keys, a fifth of all requests are writes, a long
 * TTL. The write races (update-on-write, write-through with plain SETs) show up here.
 */
const CONCURRENT_WRITERS = {
  durationMs: 60_000,
  app: { instances: 4 },
  workload: { requestsPerSec: 2000, writeFraction: 0.2, keys: 50 },
  cache: { capacityKeys: null, ttlMs: 600_000, latencyMs: 1 },
  db: { writeLatencyMs: 20 },
} as const satisfies ScenarioInput;

/** Every preset, in the order a menu shows them. */
export const PRESETS: readonly Preset[] = [
  {
    id: 'cache-aside',
    title: 'Cache-aside (the default)',
    description:
      'Reads look in the cache first and fall back to the database on a miss, storing the result with a 5-minute TTL; writes update the database and delete the key. Watch the hit ratio climb as the cache warms and the database load fall with it.',
    contentSection: '3',
    input: {},
  },
  {
    id: 'why-cache',
    title: 'Why cache at all',
    description:
      'A read-heavy workload: 10,000 reads per change against a 50 ms database and a 0.5 ms cache. Compare mean latency and database reads per second with the cache-aside default; most reads never reach the database.',
    contentSection: '1',
    input: {
      workload: { requestsPerSec: 2000, writeFraction: 0.0001, keys: 1000 },
      cache: { capacityKeys: null },
    },
  },
  {
    id: 'ttl-by-data-type',
    title: 'TTL by data type',
    description:
      'Three kinds of data share one cache, each with its own TTL: reference config (24 h, never written), user profiles (5 min) and live prices (10 s, written often). Short TTLs cost hit ratio and database reads; long ones let users see stale values. Real systems choose per data type.',
    contentSection: '6',
    input: {
      durationMs: 120_000,
      workload: {
        writeFraction: 0.02,
        keyClasses: [
          { name: 'config', keyShare: 0.01, ttlMs: 86_400_000, writeFraction: 0 },
          { name: 'price', keyShare: 0.09, ttlMs: 10_000, writeFraction: 0.3 },
          { name: 'profile', keyShare: 0.9, ttlMs: 300_000 },
        ],
      },
      cache: { capacityKeys: 5000 },
    },
  },
  {
    id: 'synchronised-expiry',
    title: 'Thundering herd: synchronised expiry',
    description:
      'A warm-up job loads every key at time 0 with the same 20-second TTL and no jitter, so they all expire together: every 20 seconds the database gets a wall of misses and its queue and latency spike. Turn jitter up to 10% and the expiries spread out.',
    contentSection: '6',
    input: {
      durationMs: 70_000,
      warmupMs: 5_000,
      workload: { requestsPerSec: 5000, writeFraction: 0, keys: 1000 },
      cache: { capacityKeys: null, ttlMs: 20_000, jitterPct: 0 },
      db: { maxConcurrent: 200 },
      stampede: { warmOnStart: true },
    },
  },
  {
    id: 'synchronised-expiry-jitter',
    title: 'Jitter spreads expiries',
    description:
      'The synchronised-expiry scenario with +/-10% TTL jitter: the same keys, loaded at the same moment, now expire over a 4-second spread, so the database sees a gentle rise instead of a wall.',
    contentSection: '6',
    input: {
      durationMs: 70_000,
      warmupMs: 5_000,
      workload: { requestsPerSec: 5000, writeFraction: 0, keys: 1000 },
      cache: { capacityKeys: null, ttlMs: 20_000, jitterPct: 10 },
      db: { maxConcurrent: 200 },
      stampede: { warmOnStart: true },
    },
  },
  {
    id: 'hot-key-stampede',
    title: 'Hot-key stampede',
    description:
      'A "Black Friday" product page: 10,000 requests per second, a quarter of them for one key, and a 200 ms query to rebuild it. Each time that key expires, every request that arrives during the rebuild misses and queries the database: hundreds of identical queries per expiry. Jitter does not help one key; a rebuild lock or stale-while-revalidate does.',
    contentSection: '8',
    input: {
      durationMs: 60_000,
      workload: {
        requestsPerSec: 10_000,
        writeFraction: 0,
        keys: 200,
        popularity: { kind: 'zipf', alpha: 1.2 },
      },
      cache: { capacityKeys: null, ttlMs: 10_000, jitterPct: 0 },
      db: { readLatencyMs: 200, maxConcurrent: 200 },
    },
  },
  {
    id: 'rebuild-lock',
    title: 'Rebuild lock (SET NX EX)',
    description:
      'The hot-key stampede with a rebuild lock: the first request to miss takes `SET lock:key token NX EX 10` and queries the database; the others wait and retry the cache every 50 ms. The database sees about one query per expiry instead of hundreds, at the price of waiters sitting out the rebuild.',
    contentSection: '8',
    input: {
      durationMs: 60_000,
      workload: {
        requestsPerSec: 10_000,
        writeFraction: 0,
        keys: 200,
        popularity: { kind: 'zipf', alpha: 1.2 },
      },
      cache: { capacityKeys: null, ttlMs: 10_000, jitterPct: 0 },
      db: { readLatencyMs: 200, maxConcurrent: 200 },
      stampede: { lock: { ttlMs: 10_000, retryMs: 50 } },
    },
  },
  {
    id: 'lock-ttl-too-short',
    title: 'Lock TTL shorter than the rebuild',
    description:
      'The rebuild lock expires after 100 ms but the query takes about 300 ms: the lock lapses mid-rebuild, a second (and third) rebuilder gets in, and with unsafe release the first one deletes a lock it no longer owns. Lock TTLs must outlast the slowest rebuild.',
    contentSection: '8',
    input: {
      durationMs: 60_000,
      workload: {
        requestsPerSec: 10_000,
        writeFraction: 0,
        keys: 200,
        popularity: { kind: 'zipf', alpha: 1.2 },
      },
      cache: { capacityKeys: null, ttlMs: 10_000, jitterPct: 0 },
      db: { readLatencyMs: 300, maxConcurrent: 200 },
      stampede: { lock: { ttlMs: 100, retryMs: 50, safeRelease: false } },
    },
  },
  {
    id: 'stale-while-revalidate',
    title: 'Stale-while-revalidate',
    description:
      'Entries become "soft-expired" after 8 s and are hard-expired at 10 s. A hit on a soft-expired entry returns the old value at once and starts one background refresh, so the hot key never misses and users never wait for the rebuild; they may see a value up to a few seconds old.',
    contentSection: '8',
    input: {
      durationMs: 60_000,
      workload: {
        requestsPerSec: 10_000,
        writeFraction: 0,
        keys: 200,
        popularity: { kind: 'zipf', alpha: 1.2 },
      },
      cache: { capacityKeys: null, ttlMs: 10_000, jitterPct: 0 },
      db: { readLatencyMs: 200, maxConcurrent: 200 },
      stampede: { staleWhileRevalidate: { softTtlMs: 8_000 } },
    },
  },
  {
    id: 'early-refresh',
    title: 'Probabilistic early refresh (XFetch)',
    description:
      'Each read may refresh a key a little before it expires, with a probability that grows as expiry nears and with how long the last rebuild took (beta = 1). One lucky request rebuilds early; the hot key rarely expires at all.',
    contentSection: '8',
    input: {
      durationMs: 60_000,
      workload: {
        requestsPerSec: 10_000,
        writeFraction: 0,
        keys: 200,
        popularity: { kind: 'zipf', alpha: 1.2 },
      },
      cache: { capacityKeys: null, ttlMs: 10_000, jitterPct: 0 },
      db: { readLatencyMs: 200, maxConcurrent: 200 },
      stampede: { earlyRefresh: { beta: 1 } },
    },
  },
  {
    id: 'request-coalescing',
    title: 'Request coalescing',
    description:
      'Four app servers each merge concurrent misses for the same key into one database query (single-flight). A stampede shrinks from hundreds of queries to at most one per instance per expiry, without a distributed lock.',
    contentSection: '8',
    input: {
      durationMs: 60_000,
      workload: {
        requestsPerSec: 10_000,
        writeFraction: 0,
        keys: 200,
        popularity: { kind: 'zipf', alpha: 1.2 },
      },
      app: { instances: 4 },
      cache: { capacityKeys: null, ttlMs: 10_000, jitterPct: 0 },
      db: { readLatencyMs: 200, maxConcurrent: 200 },
      stampede: { coalescing: true },
    },
  },
  {
    id: 'warm-on-start',
    title: 'Cache warming',
    description:
      'A warm-up job fills the cache with the most popular keys before traffic arrives, so the first seconds after a deploy do not send every request to the database. Compare with the cold-restart preset.',
    contentSection: '8',
    input: { warmupMs: 0, stampede: { warmOnStart: true } },
  },
  {
    id: 'cold-restart',
    title: 'Cold restart',
    description:
      'At 30 s the cache node restarts and comes back empty. The hit ratio falls to zero and climbs back as popular keys are re-read; meanwhile every request pays full database latency and the database queue grows.',
    contentSection: '3',
    input: {
      durationMs: 60_000,
      workload: { requestsPerSec: 1500 },
      faults: [{ atMs: 30_000, kind: 'cache-restart', forMs: 1000 }],
    },
  },
  {
    id: 'cache-down-fallback',
    title: 'Cache down: fall back to the database',
    description:
      'The cache node is unreachable from 30 s to 40 s. Cache-aside keeps working by reading the database directly: the hit ratio is 0 for that window and latency rises, but there are no errors. When the node returns it is cold.',
    contentSection: '3',
    input: {
      durationMs: 60_000,
      faults: [{ atMs: 30_000, kind: 'cache-down', forMs: 10_000 }],
    },
  },
  {
    id: 'update-race',
    title: 'Update on write: the race',
    description:
      "Writers update the cache after writing the database instead of deleting the key. Four app servers write the same 50 keys often (a fifth of all requests), and each write's acknowledgement takes a slightly different time to get back, so two writers' cache updates can land in the opposite order to their commits: the older value then stays in the cache until the next write to that key or the TTL. Both patterns serve a few stale reads in the moment between a commit and its cache update or delete. Switch the write pattern to invalidate: stale reads fall clearly, and the maximum staleness drops from hundreds of milliseconds or more to a few milliseconds, because a delete never leaves an older value behind.",
    contentSection: '7',
    input: { ...CONCURRENT_WRITERS, pattern: { write: 'update' } },
  },
  {
    id: 'write-through',
    title: 'Write-through',
    description:
      'Every write goes to the database and then to the cache before it is acknowledged: the cache stays warm for written keys, and each write pays both latencies. Even on one app server, two writes to the same hot key can overlap and their SETs land in the opposite order to their commits, so some reads are stale for up to about 160 ms. Tick the version-checked SET and the longest staleness falls to about 5 ms.',
    contentSection: '4',
    input: { workload: { writeFraction: 0.2 }, pattern: { write: 'write-through' } },
  },
  {
    id: 'write-through-race',
    title: 'Write-through with concurrent writers',
    description:
      "The update-race set-up (four app servers, 50 keys, a fifth of all requests are writes) with write-through: write the database, then SET the cache. Two writers' SETs can land in the opposite order to their commits, so the older value stays cached until the next write to that key: the longest staleness runs to hundreds of milliseconds, as with update-on-write. Tick the version-checked SET: a SET never replaces a newer cached value, and the longest staleness falls to about 14 ms. Stale reads fall only by about 13%, because the short window between each commit and its SET remains.",
    contentSection: '4',
    input: { ...CONCURRENT_WRITERS, pattern: { write: 'write-through' } },
  },
  {
    id: 'write-behind-crash',
    title: 'Write-behind and a cache crash',
    description:
      'Writes land in the cache and are acknowledged at once; a flusher writes them to the database in batches every 5 s. At 30 s the cache node dies: every write still waiting in the buffer is lost for good. Watch the lost-writes counter.',
    contentSection: '4',
    input: {
      durationMs: 60_000,
      workload: { writeFraction: 0.3 },
      pattern: { write: 'write-behind', writeBehind: { flushIntervalMs: 5000, batchSize: 10_000 } },
      faults: [{ atMs: 32_000, kind: 'cache-down', forMs: 5000 }],
    },
  },
  {
    id: 'write-around',
    title: 'Write-around',
    description:
      'Writes go only to the database; the cache fills on reads. Good for write-once data that is rarely re-read (logs, uploads). Cached copies of rewritten keys stay stale until their TTL ends.',
    contentSection: '4',
    input: { workload: { writeFraction: 0.2 }, pattern: { write: 'write-around' } },
  },
  {
    id: 'event-driven-invalidation',
    title: 'Event-driven invalidation',
    description:
      'Another service owns the writes: it commits to the database and publishes an event; our consumer deletes the key 500 ms later. Reads in that window can be stale, but staleness is bounded by the delivery delay, not the TTL.',
    contentSection: '7',
    input: {
      workload: { writeFraction: 0.1, keys: 1000 },
      pattern: { write: 'write-around', eventInvalidation: { delayMs: 500 } },
    },
  },
  {
    id: 'event-repopulate-replica',
    title: 'Do not re-populate from a lagging replica',
    description:
      'The invalidation consumer "helpfully" re-reads the value and caches it, but reads go to a replica that lags 2 s behind the primary: it caches the old value again, which then stays until the TTL ends. Deleting, not re-populating, avoids it.',
    contentSection: '7',
    input: {
      workload: { writeFraction: 0.1, keys: 1000 },
      db: { replica: { lagMs: 2000 }, readsFromReplica: true },
      pattern: { write: 'write-around', eventInvalidation: { delayMs: 200, repopulate: true } },
    },
  },
  {
    id: 'lfu-viral-key',
    title: 'LFU vs a viral key',
    description:
      'A stable hot set fills the cache and has built up high use counts. At 20 s a key nobody read before suddenly gets 0.5% of all traffic. Under LFU it enters with a count of 1, the lowest in the cache, and the next one-off read evicts it before it can build a count up, so it keeps missing; under LRU it stays because it was used recently. Switch the policy to allkeys-lru to compare.',
    contentSection: '5',
    input: {
      durationMs: 60_000,
      workload: {
        writeFraction: 0,
        keys: 10_000,
        // A stable hot set that just fits the cache, plus a long tail of one-off reads.
        popularity: { kind: 'hotspot', hotKeyFraction: 0.05, hotRequestFraction: 0.9 },
        viral: { atMs: 20_000, requestFraction: 0.005 },
      },
      cache: { capacityKeys: 500, policy: 'allkeys-lfu', ttlMs: null },
    },
  },
  {
    id: 'redis-sampled-lru',
    title: 'Redis approximated LRU',
    description:
      'Redis does not keep a full LRU list: it samples 5 keys and evicts the best candidate from a small pool. Compare the hit ratio with exact LRU, then raise samples to 10 and watch it get close.',
    contentSection: '5',
    input: {
      workload: { writeFraction: 0, keys: 100_000 },
      cache: { capacityKeys: 10_000, ttlMs: null, eviction: { mode: 'redis', samples: 5 } },
    },
  },
  {
    id: 'noeviction-oom',
    title: 'noeviction: out of memory',
    description:
      "With noeviction a full cache refuses new keys with Redis's OOM error; reads keep working and misses go to the database every time. Fine for a cache used as a store; wrong for a general cache.",
    contentSection: '5',
    input: { cache: { capacityKeys: 500, policy: 'noeviction' } },
  },
  {
    id: 'unique-queries',
    title: 'Unique queries: nothing to cache',
    description:
      'Every read is a new key, like free-text search strings: the hit ratio stays near zero while the cache churns through evictions. Do not cache what is never asked for twice.',
    contentSection: '9',
    input: { workload: { writeFraction: 0, popularity: { kind: 'unique' } } },
  },
  {
    id: 'large-values',
    title: 'Large values',
    description:
      'A 1 MB memory limit and 50 kB values: only about 20 entries fit, so most reads evict something. One big object costs the space of many small ones.',
    contentSection: '9',
    input: {
      workload: { valueBytes: 50_000 },
      cache: { capacityKeys: null, capacityBytes: 1_000_000 },
    },
  },
  {
    id: 'two-tier-l1',
    title: 'In-process L1 + shared L2',
    description:
      'Each of 3 app servers keeps a small in-process cache (5 s TTL) in front of the shared cache. L1 hits are nearly free, but each copy goes stale on its own: a write deletes the shared key, not the copies inside other servers.',
    contentSection: '2',
    input: {
      app: { instances: 3, l1: { capacityKeys: 200, ttlMs: 5000 } },
      workload: { writeFraction: 0.05, keys: 2000 },
    },
  },
];

/** Preset ids in menu order. */
export const PRESET_IDS: readonly string[] = PRESETS.map((p) => p.id);

/** Look a preset up by id. */
export function getPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** The normalised scenario of a preset (throws for an unknown id or an invalid preset). */
export function presetScenario(id: string): Scenario {
  const preset = getPreset(id);
  if (preset === undefined)
    throw new Error(`unknown preset "${id}"; known: ${PRESET_IDS.join(', ')}`);
  return scenarioOrThrow(preset.input);
}
