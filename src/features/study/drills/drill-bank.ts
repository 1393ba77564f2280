/**
 * The interview drill bank: at least four drills per syllabus topic, written for this app.
 * Numeric drills carry no answers: the answer is measured by running the engine on the drill's
 * scenario (or, for policies the engine cannot run live, the trace runner on a key sequence), so
 * it always matches what the simulator shows.
 */
import {
  loopTrace,
  SCAN_TRACE_SCAN,
  SCAN_TRACE_ZIPF,
  traceHitPct,
  zipfWithScansTrace,
} from './drill-traces';
import { computeWhyCache, WHY_CACHE_DEFAULTS } from '../../why-cache/why-cache-math';
import type { Drill, RunResult } from './drill-types';
import { formatCount, localeNumber } from '../../../ui/format';

/** Cache size, in keys, of the S3-FIFO vs LRU scan drill. */
const SCAN_DRILL_SIZE_KEYS = 100;
/** The OPT loop drill: keys in the loop, times round it, cache size in keys (one key short). */
const OPT_LOOP = { keys: 6, rounds: 20, sizeKeys: 5 } as const;

/** The Why-cache calculator's defaults: the drill on a read cycle uses the same numbers and sum. */
const WHY = WHY_CACHE_DEFAULTS;
const WHY_CYCLE = computeWhyCache(WHY);

/** Milliseconds as seconds, to at most two decimals (5050 -> "5.05 s"). */
function seconds(ms: number): string {
  return `${localeNumber(ms / 1000, { maximumFractionDigits: 2 })} s`;
}

/** Hit ratio of one run, in percent. */
function hitPct(results: readonly RunResult[], index = 0): number {
  return (results[index]?.totals.hitRatio ?? Number.NaN) * 100;
}

/** Seconds counted in the totals (the run after warm-up). */
function measuredSeconds(result: RunResult): number {
  return (result.scenario.durationMs - result.scenario.warmupMs) / 1000;
}

function ratio(a: number | undefined, b: number | undefined): number {
  if (a === undefined || b === undefined) return Number.NaN;
  return a / Math.max(b, 1);
}

export const DRILLS: readonly Drill[] = [
  // ---------------------------------------------------------------- 1. Why cache at all
  {
    id: 'why-read-cycle',
    kind: 'choice',
    topic: 'why-cache',
    prompt: `A value is read ${formatCount(WHY.readsPerChange)} times between two changes. A database query takes ${WHY.dbMs} ms and a cache lookup ${WHY.cacheMs} ms. How much time goes into serving those reads, without and with a cache-aside cache?`,
    options: [
      `About ${seconds(WHY_CYCLE.cycleTimeNoCacheMs)} without; about ${seconds(WHY_CYCLE.cycleTimeCacheMs)} with: one ${WHY.dbMs} ms query and ${formatCount(WHY.readsPerChange)} lookups of ${WHY.cacheMs} ms`,
      `About ${seconds(WHY_CYCLE.cycleTimeNoCacheMs)} without; about ${WHY.dbMs} ms with: only the one query counts`,
      `About ${seconds(WHY_CYCLE.cycleTimeNoCacheMs / 10)} without; about ${seconds(WHY_CYCLE.cycleTimeCacheMs / 10)} with, a tenfold saving`,
      'The same in both cases: the cache only moves the work to another server',
    ],
    answer: 0,
    explanation: `${formatCount(WHY.readsPerChange)} x ${WHY.dbMs} ms = ${seconds(WHY_CYCLE.cycleTimeNoCacheMs)} of database work without a cache. With cache-aside every read looks in the cache first, so there are ${formatCount(WHY.readsPerChange)} lookups of ${WHY.cacheMs} ms; only the first misses and adds one ${WHY.dbMs} ms query: ${seconds(WHY_CYCLE.cycleTimeCacheMs)} in all, about a hundredfold saving, and the database does one query instead of ${formatCount(WHY.readsPerChange)}. The Why-cache calculator does the same sum with your numbers.`,
  },
  {
    id: 'why-trade-off',
    kind: 'choice',
    topic: 'why-cache',
    prompt: 'What is the core trade-off every caching decision makes?',
    options: [
      'Memory against CPU: every cached value saves computation but costs RAM elsewhere',
      'Speed against freshness: a cache is a copy, so decide how stale it may be, and for how long',
      'Consistency against availability, exactly as the CAP theorem describes for any replicated store',
      'Read latency against write latency: faster reads always mean slower writes somewhere',
    ],
    answer: 1,
    explanation:
      'A cache answers fast because it holds a copy. Copies can be out of date, so every design choice (TTL, invalidation, write strategy) is an answer to "how stale may this be, for how long".',
  },
  {
    id: 'why-read-heavy',
    kind: 'choice',
    topic: 'why-cache',
    prompt: 'Which data benefits most from a cache?',
    options: [
      'Data written on almost every request',
      'Data that is already cheap to read from an in-memory table',
      'Data that is read often, written rarely and expensive to fetch from its source',
      'Data each user reads once, such as a one-time download link',
    ],
    answer: 2,
    explanation:
      'The saving per read is the difference between the database and the cache, and it is repeated for every read between two changes. Read-heavy, write-light, expensive data gets the most out of each cached copy.',
  },
  {
    id: 'why-db-load',
    kind: 'numeric',
    topic: 'why-cache',
    prompt:
      'The "why cache" preset sends 2,000 requests per second, nearly all reads, over 1,000 keys, with an unlimited cache. After the warm-up, how many database reads per second do you expect?',
    runs: [{ label: 'Why cache at all', presetId: 'why-cache' }],
    measure: (r) => {
      const run = r[0];
      return run === undefined ? Number.NaN : run.totals.dbReads / measuredSeconds(run);
    },
    unit: 'DB reads/s',
    tolerance: { abs: 2, rel: 0.5 },
    explanation:
      'Once every key has been read once, the cache holds all 1,000 keys (capacity is unlimited and the TTL is 5 minutes), so only the rare writes cause a miss. Database reads fall from 2,000 per second to almost none.',
  },
  {
    id: 'why-explain',
    kind: 'explain',
    topic: 'why-cache',
    prompt:
      'An interviewer asks: "Your product page takes 120 ms, mostly a database query. Would you add a cache, and how would you argue for it with numbers?"',
    modelAnswer:
      'First check the read/write ratio and how often the data changes: caching pays off when a value is read many times between changes. Then do the arithmetic: if the query is about 100 ms and a Redis lookup about 0.5 ms, a 95% hit ratio brings the average read to about 0.05 x 100 + 0.5 = 5.5 ms, and the database sees 5% of the reads. Say what it costs: a copy can be stale, so decide how stale the page may be (a TTL of a minute or so for a catalog page, with delete-on-write), and that a cold or failed cache sends all reads back to the database, which must survive that.',
    rubric: [
      {
        text: 'Checks that the data is read far more often than it is written',
        keywords: ['read-heavy', 'read heavy', 'ratio', 'rarely', 'written'],
      },
      {
        text: 'Estimates the saving from hit ratio x latency difference',
        keywords: ['hit ratio', 'hit rate', 'average', '%'],
      },
      {
        text: 'Names staleness as the cost and picks a TTL or invalidation',
        keywords: ['stale', 'ttl', 'invalidat', 'fresh'],
      },
      {
        text: 'Mentions that the database must survive a cold or failed cache',
        keywords: ['cold', 'fail', 'down', 'fall back', 'fallback'],
      },
    ],
    explanation:
      'A good answer moves from "is it read-heavy?" to numbers (hit ratio times the latency gap) to costs (staleness, cold cache). The Why-cache calculator does the arithmetic with your numbers.',
  },

  // ---------------------------------------------------------------- 2. Where caches live
  {
    id: 'layers-in-process',
    kind: 'choice',
    topic: 'layers',
    prompt:
      'Which cache is sub-millisecond, lost on every restart and not shared between the instances of your service?',
    options: [
      'A CDN edge cache, served from the location nearest the user',
      'Redis or Memcached, running on its own node beside the app',
      'An in-process map or memoised function, in each instance’s own memory',
      'The database buffer pool, which keeps recently read pages in RAM',
    ],
    answer: 2,
    explanation:
      "An in-process cache lives in the app server's own memory: no network hop, but each instance has its own copy and a restart empties it. It suits configuration, reference data and memoisation.",
  },
  {
    id: 'layers-distributed',
    kind: 'choice',
    topic: 'layers',
    prompt:
      'When a team says "add a cache layer", what do they usually mean, and what does a call cost?',
    options: [
      'A CDN in front of the API; about 50 ms per call, since it sits near the user',
      'A shared distributed cache such as Redis or Memcached; about 0.5 to 5 ms a call',
      'An in-process map inside each app server; about 1 microsecond per call, nothing shared',
      'A bigger database buffer pool; no extra network hop, so effectively no cost per call',
    ],
    answer: 1,
    explanation:
      'A distributed cache is shared by every instance, survives app restarts and costs one network round trip, typically 0.5-5 ms.',
  },
  {
    id: 'layers-cdn',
    kind: 'choice',
    topic: 'layers',
    prompt: 'What is a CDN or HTTP edge cache best at?',
    options: [
      'Per-user account balances that change with every payment',
      'Static assets and public API responses, close to users',
      'Write-behind buffering of analytics events before they reach the warehouse',
      'Holding database locks so that app servers in several regions can share them',
    ],
    answer: 1,
    explanation:
      'Edge caches store HTTP responses near users. They shine for content that is the same for many users (static files, public responses), governed by Cache-Control headers.',
  },
  {
    id: 'layers-l1-stale',
    kind: 'numeric',
    topic: 'layers',
    prompt:
      'Three app servers each keep a small in-process L1 (5 s TTL) in front of a shared cache; 5% of requests are writes, which delete the shared key only. What share of reads, in percent, will be stale?',
    runs: [{ label: 'In-process L1 + shared L2', presetId: 'two-tier-l1' }],
    measure: (r) => {
      const t = r[0]?.totals;
      return t === undefined ? Number.NaN : (t.staleReads / Math.max(t.reads, 1)) * 100;
    },
    unit: '% of reads',
    tolerance: { abs: 1, rel: 0.5 },
    explanation:
      'A write deletes the key in the shared cache, but the copies inside the other app servers live on until their own 5 s TTL ends. Every read served from such a copy is stale: the L1 TTL bounds how stale, not whether.',
  },

  // ---------------------------------------------------------------- 3. Cache-aside
  {
    id: 'aside-miss',
    kind: 'choice',
    topic: 'cache-aside',
    prompt: 'In cache-aside, what does the application do on a cache miss?',
    options: [
      'Returns an error and lets the client retry once the cache has been filled',
      'Queries the database, stores the value with a TTL, and returns it',
      'Waits while the cache loads the value from the database by itself, then reads it again',
      'Queries the database and returns the value without storing it, so the cache stays small',
    ],
    answer: 1,
    explanation:
      'In cache-aside the application owns the logic: look in the cache; on a miss read the database, SET the value with a TTL, and return it. Only data that is actually requested gets cached.',
  },
  {
    id: 'aside-cache-down',
    kind: 'numeric',
    topic: 'cache-aside',
    prompt:
      'In the "cache down" preset the cache node is unreachable from 30 s to 40 s. How many requests fail with an error during the run?',
    runs: [{ label: 'Cache down: fall back to the database', presetId: 'cache-down-fallback' }],
    measure: (r) => r[0]?.totals.errors ?? Number.NaN,
    unit: 'errors',
    tolerance: { abs: 0.5, rel: 0 },
    explanation:
      'Cache-aside treats the cache as optional: when it cannot be reached, reads go straight to the database. Latency rises and the hit ratio drops to zero for those 10 seconds, but nothing fails.',
  },
  {
    id: 'aside-cold',
    kind: 'choice',
    topic: 'cache-aside',
    prompt: 'What does a freshly started (cold) cache-aside cache cost you?',
    options: [
      'Nothing: the first request bulk-loads every key',
      'Reads miss and pay full database latency until popular keys have been read once',
      'Writes are lost until it warms, because there is no cached copy to update',
      'Reads return stale data until it warms up',
    ],
    answer: 1,
    explanation:
      'A cold cache holds nothing, so every read misses until the working set has been read once. That is when the database gets its heaviest load, which is why warming the cache before traffic arrives helps.',
  },
  {
    id: 'aside-hit-ratio',
    kind: 'numeric',
    topic: 'cache-aside',
    prompt:
      'The default cache-aside setup: 10,000 keys with Zipf popularity (alpha 0.9), room for 1,000 keys (10%), LRU, 5% writes. What hit ratio do you expect after warm-up, in percent?',
    runs: [{ label: 'Cache-aside (the default)', presetId: 'cache-aside' }],
    measure: (r) => hitPct(r),
    unit: '%',
    tolerance: { abs: 6, rel: 0 },
    explanation:
      'Skewed popularity is why small caches work: with Zipf 0.9, the hottest 10% of keys receive most of the reads. The hit ratio is far above the 10% a uniform workload would give, though writes (each deleting a key) and evictions keep it well below 100%.',
  },
  {
    id: 'aside-explain',
    kind: 'explain',
    topic: 'cache-aside',
    prompt:
      'Walk through the cache-aside read path and write path, and say why writes delete the key instead of updating it.',
    modelAnswer:
      'Read: GET the key; on a hit return it; on a miss query the database, SET the value with a TTL and return it. Write: write the database first, then DEL the cache key. Deleting is safe because the next read refills the key from the database; updating is not, because two concurrent writers can reach the cache in the opposite order from the database and leave the older value cached. If the cache is down, reads fall back to the database (slower, but working). The costs: every miss pays full database latency and a cold cache misses everything until it warms.',
    rubric: [
      {
        text: 'Read path: hit returns, miss reads the DB and stores with a TTL',
        keywords: ['miss', 'ttl', 'hit'],
      },
      {
        text: 'Write path: write the database, then delete the key',
        keywords: ['delete', 'del ', 'invalidate'],
      },
      {
        text: 'Why not update: concurrent writers can leave the older value',
        keywords: ['concurrent', 'race', 'order', 'older'],
      },
      {
        text: 'Cache failure falls back to the database',
        keywords: ['down', 'fall back', 'fallback', 'fails'],
      },
      { text: 'Costs: miss latency and a cold start', keywords: ['cold', 'warm', 'latency'] },
    ],
    explanation:
      'Cache-aside is the default answer in interviews; say both paths and the delete-not-update rule unprompted.',
  },

  // ---------------------------------------------------------------- 4. Write strategies
  {
    id: 'write-behind-loss',
    kind: 'choice',
    topic: 'write-strategies',
    prompt: 'Which write strategy can lose acknowledged writes when the cache node dies?',
    options: [
      'Write-through',
      'Write-around',
      'Write-behind (write-back)',
      'Cache-aside with delete-on-write',
    ],
    answer: 2,
    explanation:
      'Write-behind acknowledges a write once it is in the cache and flushes it to the database later in batches. Whatever is still in the buffer when the node dies is gone for good.',
  },
  {
    id: 'write-through-profile',
    kind: 'choice',
    topic: 'write-strategies',
    prompt:
      'A user edits their profile and must see the change on the very next page load. Which write strategy fits, and what does it cost?',
    options: [
      'Write-behind: writes are acknowledged from the cache at once, and that costs nothing',
      'Write-through: the next read is fresh, but each write pays database and cache latency',
      'Write-around: writes skip the cache entirely, so the next read refills it from the database',
      'No caching at all: any cache would show the old profile to the user for up to the TTL',
    ],
    answer: 1,
    explanation:
      'Write-through writes the database and then the cache before it acknowledges, so a read right after a write sees the new value. That holds here because one user edits one profile at a time; two writers updating the same key at once can leave the older value cached unless the SET is version-checked. The price is latency on every write.',
  },
  {
    id: 'write-through-two-writers',
    kind: 'choice',
    topic: 'write-strategies',
    prompt:
      'Two app servers use write-through (write the database, then SET the cache) and update the same key almost at once. The database commits writer A’s value as v1, then writer B’s as v2, but A’s SET reaches the cache after B’s. What does the cache hold?',
    options: [
      'v2: write-through keeps the cache in step with the database',
      'Nothing: the cache sees two SETs for one key and drops it',
      'v1, the older value, until the next write to that key or the TTL',
      'v2, because the cache applies SETs in the order the database committed them',
    ],
    answer: 2,
    explanation:
      'A plain SET overwrites whatever is there, so the cache ends with the SET that arrived last, not the value committed last. Write-through coded as DB-then-SET races exactly like update-on-write; the lesson “Write-through with two writers” plays it step by step.',
  },
  {
    id: 'write-through-race-fix',
    kind: 'choice',
    topic: 'write-strategies',
    prompt:
      'Your write-through service sometimes leaves an older value in the cache when two writers update the same key. Which change stops that?',
    options: [
      'Write the cache first and the database second, so the cache already holds what will be committed',
      'Lower the TTL to a second so a wrong value cannot stay long',
      'A SET that only stores a newer version, checked atomically',
      'Send every SET twice, so the newest value is written again at the end',
    ],
    answer: 2,
    explanation:
      'A version-checked SET (compare-and-set on a version, in one atomic step, e.g. a short Lua script) never lets an older value replace a newer one, whatever order the SETs arrive in. Deleting the key instead of setting it also fixes it, at the cost of a miss after each write, and so does serialising writes per key. A short TTL only bounds how long the wrong value lives. Writing the cache first does not help: two writers can still reach the cache and the database in different orders.',
  },
  {
    id: 'write-through-versioned-staleness',
    kind: 'numeric',
    topic: 'write-strategies',
    prompt:
      'On the write-through-race preset (four app servers, 50 keys, a fifth of requests are writes), plain write-through leaves some reads stale for hundreds of milliseconds. With a version-checked SET, what is the longest staleness, in milliseconds?',
    runs: [
      {
        label: 'Write-through, version-checked SET',
        presetId: 'write-through-race',
        patch: { pattern: { writeThrough: { versioned: true } } },
      },
    ],
    measure: (r) => r[0]?.totals.maxStalenessMs ?? Number.NaN,
    unit: 'ms',
    tolerance: { abs: 5, rel: 0.5 },
    explanation:
      'About 14 ms. An older value can no longer replace a newer one, so what is left is the window between each write’s commit and its own SET, when readers still get the previous value. That window comes with every write, which is why stale reads fall only by about 13% while the longest staleness falls from hundreds of milliseconds to a few.',
  },
  {
    id: 'write-around-fit',
    kind: 'choice',
    topic: 'write-strategies',
    prompt:
      'Which data suits write-around (writes go only to the database; the cache fills on reads)?',
    options: [
      'Account balances, which are read on every page and must be fresh after each payment',
      'Write-once data that is rarely read again: logs, uploads, audit records',
      'Page-view counters, incremented thousands of times a minute and read by a dashboard',
      'Session tokens, written at login and checked on every request that follows',
    ],
    answer: 1,
    explanation:
      'Write-around keeps write-once data from pushing useful entries out of the cache. If a record is read later, the read fills the cache then.',
  },
  {
    id: 'write-behind-lost',
    kind: 'numeric',
    topic: 'write-strategies',
    prompt:
      'Write-behind, 1,000 requests per second with 30% writes, flushed every 5 s; the cache node dies at 32 s. How many writes are lost?',
    runs: [{ label: 'Write-behind and a cache crash', presetId: 'write-behind-crash' }],
    measure: (r) => r[0]?.totals.lostWrites ?? Number.NaN,
    unit: 'writes',
    tolerance: { abs: 50, rel: 0.35 },
    explanation:
      'The last flush before the crash ran at 30 s, so about 2 seconds of writes were waiting in the buffer. At roughly 300 writes per second that is several hundred acknowledged writes that never reach the database (writes to a key already in the buffer replace the buffered value, so the count can be lower).',
  },
  {
    id: 'write-compare-explain',
    kind: 'explain',
    topic: 'write-strategies',
    prompt:
      'Compare write-through, write-behind and write-around: how each works, when to use it, and its risk.',
    modelAnswer:
      'Write-through writes the database and then the cache before acknowledging: reads after a write are fresh while one writer at a time updates a key (concurrent writers need a version-checked SET, or their SETs can leave the older value), and each write pays both latencies; good for read-after-write paths like profile edits. Write-behind writes the cache, acknowledges at once and flushes to the database in batches: sub-millisecond writes for counters and analytics, but unflushed writes are lost if the cache dies. Write-around writes only the database and lets reads fill the cache: good for write-once, rarely re-read data like logs, uploads and audit records; cached copies of rewritten keys stay stale until their TTL ends unless you also delete them. Real systems mix these per data type.',
    rubric: [
      {
        text: 'Write-through: both together, fresh reads, slower writes',
        keywords: ['write-through', 'both', 'fresh'],
      },
      {
        text: 'Write-behind: acknowledge from cache, flush later, can lose writes',
        keywords: ['write-behind', 'flush', 'lost', 'lose', 'batch'],
      },
      {
        text: 'Write-around: database only, cache fills on reads',
        keywords: ['write-around', 'only the database', 'logs', 'audit'],
      },
      { text: 'Mix per data type', keywords: ['mix', 'per data', 'depends'] },
    ],
    explanation:
      'Name a use case and a risk for each; interviewers listen for the write-behind data-loss risk.',
  },

  // ---------------------------------------------------------------- 5. Eviction
  {
    id: 'evict-lfu-viral',
    kind: 'choice',
    topic: 'eviction',
    prompt: 'A key suddenly goes viral. Why can LFU treat it worse than LRU?',
    options: [
      'LFU evicts the most frequently used key first, and a viral key is used the most',
      'A new key starts with a low count, so LFU can evict it before it builds up hits',
      'LFU only considers keys that have a TTL, and newly written keys usually have none yet',
      'LFU has no eviction of its own, so the full cache refuses the new key outright',
    ],
    answer: 1,
    explanation:
      'LFU protects keys with long histories of use. New content starts near zero and competes against old favourites; LRU keeps it because it was used a moment ago.',
  },
  {
    id: 'evict-lru-vs-lfu',
    kind: 'numeric',
    topic: 'eviction',
    prompt:
      'A key nobody read before starts getting 0.5% of all traffic at 20 s. With room for 500 of 10,000 keys, how many percentage points higher will the hit ratio be under allkeys-lru than under allkeys-lfu (negative if LFU wins)?',
    runs: [
      {
        label: 'allkeys-lru',
        presetId: 'lfu-viral-key',
        patch: { cache: { policy: 'allkeys-lru' } },
      },
      { label: 'allkeys-lfu', presetId: 'lfu-viral-key' },
    ],
    measure: (r) => hitPct(r, 0) - hitPct(r, 1),
    unit: 'points',
    tolerance: { abs: 2, rel: 0.3 },
    explanation:
      'The difference comes from two effects that pull in opposite directions: LFU keeps the long-term hot set better, while LRU adapts to the newly popular key. Run both in Compare to see which one wins over time.',
  },
  {
    id: 'evict-noeviction',
    kind: 'choice',
    topic: 'eviction',
    prompt:
      'A Redis instance with maxmemory reached and policy noeviction receives a SET for a new key. What happens?',
    options: [
      'The oldest key is evicted, as FIFO would do, so that the new key fits',
      'The write fails with "OOM command not allowed when used memory > \'maxmemory\'."',
      'Redis grows beyond maxmemory for this one key and logs a warning about the overshoot',
      'A random key that has a TTL is evicted, because such keys were going to expire anyway',
    ],
    answer: 1,
    explanation:
      'noeviction never removes data; writes that need memory fail with the OOM error, while reads keep working. It is right for a cache used as a store, wrong for a general cache.',
  },
  {
    id: 'evict-volatile-none',
    kind: 'choice',
    topic: 'eviction',
    prompt:
      'The policy is volatile-lru, the cache is full, and no key has a TTL. What happens on the next write of a new key?',
    options: [
      'Redis falls back to allkeys-lru for this write and evicts the least recently used key',
      'Nothing is evictable, so the write fails as under noeviction',
      'The least recently used key is evicted anyway, TTL or not, since the cache must make room',
      'Redis sets its default TTL on every key, then evicts the one closest to expiring',
    ],
    answer: 1,
    explanation:
      'volatile-* policies only evict keys that have a TTL. With no candidates, Redis behaves like noeviction for that write and returns the OOM error.',
  },
  {
    id: 'evict-samples',
    kind: 'choice',
    topic: 'eviction',
    prompt: 'How does Redis implement LRU, and what is maxmemory-samples?',
    options: [
      'An exact linked list of all keys, as in textbook LRU; samples is unused',
      'An approximation: it samples keys (5 by default) and evicts the best candidate from a small pool',
      'It evicts a random key; maxmemory-samples sets how many random keys go at once',
      'It sorts all keys by last access on every eviction; samples caps the sort',
    ],
    answer: 1,
    explanation:
      'Redis avoids the memory of a full LRU list by sampling. More samples cost CPU and approach exact LRU; 5 is the default.',
  },
  {
    id: 'evict-lfu-counter',
    kind: 'choice',
    topic: 'eviction',
    prompt: "Which describes Redis's LFU counter?",
    options: [
      'An exact 64-bit hit count per key that only ever grows, so old favourites stay forever',
      'A logarithmic 8-bit counter (lfu-log-factor 10) that decays over time (lfu-decay-time); new keys start at 5',
      'The time of the key’s last access in seconds, compared against the current clock',
      'A counter that starts at zero for every new key and doubles on each access until it overflows',
    ],
    answer: 1,
    explanation:
      'The counter grows more slowly the higher it gets, so 8 bits cover millions of hits; decay lets old favourites cool down, and the starting value of 5 keeps brand-new keys from being evicted instantly.',
  },
  {
    id: 'evict-default',
    kind: 'choice',
    topic: 'eviction',
    prompt:
      'Interview rule of thumb: which eviction policy for a general-purpose cache, and when would you change it?',
    options: [
      'noeviction by default, so nothing is lost; allkeys-lru only for analytics workloads',
      'allkeys-lru by default; allkeys-lfu when there is a clear, long-lived hot set',
      'fifo by default because it is cheapest; volatile-ttl for sessions and other short-lived data',
      'allkeys-random always: with a skewed workload it does about as well as anything else',
    ],
    answer: 1,
    explanation:
      'LRU is the safe default. LFU pays off when the same keys stay hot for a long time, at the cost of slower adaptation to new content.',
  },
  {
    id: 'evict-redis-sampled',
    kind: 'numeric',
    topic: 'eviction',
    prompt:
      "100,000 keys, room for 10,000. How many percentage points does Redis's sampled LRU (5 samples) lose against exact LRU?",
    runs: [
      {
        label: 'exact LRU',
        presetId: 'redis-sampled-lru',
        patch: { cache: { eviction: { mode: 'exact' } } },
      },
      { label: 'Redis LRU, 5 samples', presetId: 'redis-sampled-lru' },
    ],
    measure: (r) => hitPct(r, 0) - hitPct(r, 1),
    unit: 'points',
    tolerance: { abs: 1, rel: 0.5 },
    explanation:
      'Sampling picks a good candidate, not always the best, so a few keys that exact LRU would keep get evicted. The loss is small, which is why Redis accepts it in exchange for not maintaining a full list.',
  },
  {
    id: 'evict-explain',
    kind: 'explain',
    topic: 'eviction',
    prompt: 'When would you pick LFU over LRU, what can go wrong, and how does Redis soften it?',
    modelAnswer:
      'LRU evicts the key used least recently and adapts quickly; it is the default. LFU evicts the least frequently used key and holds a long-lived, stable hot set better, so scans or one-off reads do not flush it. Its weakness is new content: a key that just became popular starts with a low count and can be evicted before it gets hot. Redis softens this with a logarithmic counter that decays over time (lfu-decay-time) and by starting new keys at 5 instead of 0. Both Redis LRU and LFU are sampled approximations (maxmemory-samples, default 5).',
    rubric: [
      { text: 'LFU suits a stable, long-lived hot set', keywords: ['stable', 'long', 'hot set'] },
      {
        text: 'New or viral keys start low and can be evicted early',
        keywords: ['new', 'viral', 'start'],
      },
      {
        text: 'Redis counter decays and starts new keys above zero',
        keywords: ['decay', '5', 'log'],
      },
      { text: 'Redis policies are approximations via sampling', keywords: ['sampl', 'approximat'] },
    ],
    explanation: 'Name the failure case (new content) and the mitigation (decay, initial value).',
  },

  // The policies Redis lacks (syllabus section 12), checked on key sequences with the trace runner.
  {
    id: 'evict-scan-resistant',
    kind: 'choice',
    topic: 'eviction',
    prompt:
      'A cache serves a skewed hot set; now and then a report reads 300 keys once each and never again. Why do SIEVE and S3-FIFO keep more of the hot set through these scans than LRU?',
    options: [
      'They evict at random, so each scanned key is as likely to go as any hot key',
      'They give scanned keys a shorter TTL than the hot keys',
      'A key read once stays unvisited (SIEVE) or leaves through the small queue (S3-FIFO), so it goes first; LRU puts it above the hot keys',
      'They refuse to cache any key on its first request and keep a count of recent misses per key, caching only keys that missed twice within a window',
    ],
    answer: 2,
    explanation:
      'LRU moves every new key to the most-recent end, so 300 one-hit wonders push 300 hot keys out. SIEVE’s hand evicts the first key whose visited bit is clear, which a key read once never sets. S3-FIFO puts new keys in a small FIFO (10% of the cache) and moves to the main queue only those hit there, so a scan churns the small queue and leaves the main one alone. Both still cache every key at first: they do not refuse admission.',
  },
  {
    id: 'evict-arc-adapts',
    kind: 'choice',
    topic: 'eviction',
    prompt: 'ARC (adaptive replacement cache) tunes itself as it runs. What does it adapt?',
    options: [
      'The split between a list of keys seen once and a list of keys seen twice or more, moved by hits on recently evicted keys (ghosts)',
      'How many keys it samples per eviction, raising the count whenever the hit ratio falls below a configured target and lowering it when CPU use climbs',
      'Each key’s TTL, shortening it for rarely read keys and lengthening it for popular ones',
      'Its total capacity, growing when misses rise and shrinking again when memory gets tight',
    ],
    answer: 0,
    explanation:
      'ARC keeps two resident LRU lists, T1 (seen once recently) and T2 (seen at least twice), and two ghost lists of keys just evicted from each. A request for a key in T1’s ghost list says "recency would have hit", so T1’s target grows; a hit in T2’s ghost list shrinks it. A scan only fills T1, so the keys in T2 survive. Its capacity never changes.',
  },
  {
    id: 'evict-wtinylfu-duel',
    kind: 'choice',
    topic: 'eviction',
    prompt:
      'In W-TinyLFU (Caffeine’s policy), a new key first enters a small LRU window. When it is pushed out of the window of a full cache, what decides whether it stays?',
    options: [
      'Nothing: it always enters the main cache, the window only delays it',
      'It stays if it was hit at least twice while in the window, the way S3-FIFO promotes keys from its small queue to its main queue',
      'A random draw weighted by the key’s size, so small keys are more likely to be admitted',
      'A duel: a frequency sketch estimates how often it and the main cache’s victim were requested, and only a higher count gets in',
    ],
    answer: 3,
    explanation:
      'TinyLFU is an admission filter: a count-min sketch counts every request, hit or miss, in a few bits per key and is halved periodically so old counts fade. The candidate from the window replaces the main cache’s victim only if its estimate is higher; otherwise the candidate is dropped. One-hit wonders lose the duel. The price: when popularity shifts fast, yesterday’s favourites keep winning until their counts are halved away.',
  },
  {
    id: 'evict-opt-ceiling',
    kind: 'choice',
    topic: 'eviction',
    prompt: 'Why is Belady’s OPT used as a ceiling on traces and never deployed?',
    options: [
      'It is too slow: it sorts every key on every eviction, which no production cache could afford at a million requests per second',
      'It only evicts keys that have a TTL, so most production caches would never free memory',
      'It evicts the key needed farthest in the future, which only a recorded trace knows',
      'It needs twice the memory of LRU for the same hit ratio',
    ],
    answer: 2,
    explanation:
      'OPT evicts the key whose next request is farthest away (or never comes). With keys of equal size no policy gets more hits at the same cache size, so the gap between a policy and OPT is the most any smarter policy could win. A live cache does not know the future, which is why OPT runs only on a recorded trace; its cost is not the issue.',
  },
  {
    id: 'evict-s3fifo-scan-points',
    kind: 'numeric',
    topic: 'eviction',
    prompt: `A trace of ${formatCount(SCAN_TRACE_ZIPF.requests)} Zipf requests (alpha ${SCAN_TRACE_ZIPF.alpha}, ${formatCount(SCAN_TRACE_ZIPF.keySpace)} keys) has a scan of ${SCAN_TRACE_SCAN.scanKeys} never-repeated keys after every ${formatCount(SCAN_TRACE_SCAN.everyRequests)} requests. With room for ${SCAN_DRILL_SIZE_KEYS} keys, how many percentage points higher is S3-FIFO's hit ratio than LRU's (negative if LRU wins)?`,
    runs: [],
    trace: `a Zipf trace with scans (${SCAN_DRILL_SIZE_KEYS}-key cache)`,
    measure: () => {
      const t = zipfWithScansTrace();
      return (
        traceHitPct('s3fifo', t, SCAN_DRILL_SIZE_KEYS) -
        traceHitPct('allkeys-lru', t, SCAN_DRILL_SIZE_KEYS)
      );
    },
    unit: 'points',
    tolerance: { abs: 2, rel: 0.3 },
    explanation:
      'About 9 points (LRU about 41%, S3-FIFO about 50%). Every scan key lands at the top of LRU’s list and pushes a hot key out; in S3-FIFO it only passes through the small queue, and it is the hot keys, hit again and again, that sit in the main queue. OPT on the same trace and size reaches about 60%: S3-FIFO closes nearly half of LRU’s gap to the ceiling.',
  },
  {
    id: 'evict-opt-loop',
    kind: 'numeric',
    topic: 'eviction',
    prompt: `A batch job reads ${OPT_LOOP.keys} keys in the same order, ${OPT_LOOP.rounds} times over, through a cache that holds ${OPT_LOOP.sizeKeys}. LRU hits 0%: each key is evicted just before it is needed again. What hit ratio, in percent, does Belady's OPT reach?`,
    runs: [],
    trace: `a loop of ${OPT_LOOP.keys} keys (${OPT_LOOP.sizeKeys}-key cache)`,
    measure: () => traceHitPct('opt', loopTrace(OPT_LOOP.keys, OPT_LOOP.rounds), OPT_LOOP.sizeKeys),
    unit: '%',
    tolerance: { abs: 3, rel: 0 },
    explanation:
      'About 77%. On a miss OPT evicts the key needed farthest ahead, the one just read before, so the next four reads hit and only every fifth misses: 80% in the long run, a little less here because the first round starts cold. A loop one key larger than the cache is LRU’s worst case; OPT shows how much of it is the policy’s fault rather than the cache size’s.',
  },
  {
    id: 'evict-new-policy-explain',
    kind: 'explain',
    topic: 'eviction',
    prompt:
      'A colleague read that SIEVE and S3-FIFO beat LRU and wants to switch the cache over. How do you decide, and what would you measure?',
    modelAnswer:
      'Published results are averages over other people’s traces, so measure on ours: record a trace of real key requests, replay it through LRU, SIEVE, S3-FIFO and the others at several cache sizes (a miss-ratio curve) and add Belady’s OPT as the ceiling, which shows how much any policy could still win. These FIFO-based policies win most where the trace has many one-hit wonders or scans, because a key read once leaves quickly instead of pushing a hot key out; check that share in our trace. Each policy also has workloads where it loses (W-TinyLFU when popularity shifts fast, SIEVE on some large caches), so look at every size we might run, not one number. Finally, Redis has none of them, so switching means a different cache or a client-side layer; the win must pay for that.',
    rubric: [
      {
        text: 'Replays a real trace at several sizes instead of trusting published numbers',
        keywords: ['trace', 'replay', 'curve', 'sizes'],
      },
      {
        text: 'Uses OPT as the ceiling to judge how much can still be won',
        keywords: ['opt', 'belady', 'ceiling', 'optimum'],
      },
      {
        text: 'Knows where they win: one-hit wonders and scans',
        keywords: ['one-hit', 'scan', 'once'],
      },
      {
        text: 'Notes they are not in Redis and each has losing workloads',
        keywords: ['redis', 'lose', 'worse'],
      },
    ],
    explanation:
      'The answer should be an experiment, not a belief: a trace replay with a ceiling, a reason to expect a win, and the cost of leaving Redis’s built-in policies.',
  },

  // ---------------------------------------------------------------- 6. TTL
  {
    id: 'ttl-short-long',
    kind: 'choice',
    topic: 'ttl',
    prompt: 'What goes wrong with a TTL that is too short, and with one that is too long?',
    options: [
      'Too short: users see stale data; too long: the hit ratio drops because keys keep expiring',
      'Too short: low hit ratio and database pressure; too long: users see stale data',
      'Too short: memory use grows with every refill; too long: memory shrinks as fewer keys arrive',
      'Neither matters as long as every write deletes its key, because the cache is then always fresh',
    ],
    answer: 1,
    explanation:
      'Every expiry costs a miss, so short TTLs lower the hit ratio and load the database. Long TTLs keep copies around after the data changed, so users can see old values.',
  },
  {
    id: 'ttl-jitter',
    kind: 'choice',
    topic: 'ttl',
    prompt: 'Why add random jitter (for example +/-10%) to TTLs?',
    options: [
      'To make the cache harder to attack, since an attacker cannot predict when keys expire',
      'Keys written together expire together and miss together; jitter spreads those expiries',
      'To save memory: keys with shorter random TTLs leave the cache earlier on average',
      'To protect a single hot key from a stampede, by moving its one expiry to an unpredictable moment',
    ],
    answer: 1,
    explanation:
      'A warm-up job or a burst of traffic writes many keys at once. With identical TTLs they all expire in the same instant and the database gets a wall of misses. Jitter spreads that wall; it does not help one hot key.',
  },
  {
    id: 'ttl-typical-price',
    kind: 'choice',
    topic: 'ttl',
    prompt: 'Which TTL fits live prices or inventory?',
    options: [
      '24 hours, like static configuration',
      '5 minutes, like a user profile',
      '5 to 15 seconds',
      'No TTL at all; delete on write is enough',
    ],
    answer: 2,
    explanation:
      'Live prices and stock change constantly and users act on them, so a stale value costs money. Very short TTLs (5-15 s) bound the staleness; reference config can live 24 h and profiles about 5 min.',
  },
  {
    id: 'ttl-typical-table',
    kind: 'choice',
    topic: 'ttl',
    prompt: 'Which pairing of data type and typical TTL is off?',
    options: [
      'Static configuration: 24 hours',
      'User profile: 5 minutes',
      'Trending feed: 30 to 60 seconds',
      'Live inventory: 1 hour',
    ],
    answer: 3,
    explanation:
      'Live inventory needs seconds (5-15 s), not an hour. Sessions are the ones that live for the session lifetime, around an hour.',
  },
  {
    id: 'ttl-synchronised',
    kind: 'numeric',
    topic: 'ttl',
    prompt:
      'Every key is loaded at time 0 with the same 20 s TTL and no jitter. What is the p99 read latency, in ms? (The database needs about 50 ms per query and allows 50 concurrent queries.)',
    runs: [{ label: 'Thundering herd: synchronised expiry', presetId: 'synchronised-expiry' }],
    measure: (r) => r[0]?.totals.latencyMs.p99 ?? Number.NaN,
    unit: 'ms',
    tolerance: { abs: 20, rel: 0.5 },
    explanation:
      'Most of the time almost everything hits, but every 20 s all keys expire at once and the misses queue behind a 50-connection pool. The p99 is set by those waves, far above the 50 ms of one query. Compare with the jitter preset to see the tail shrink.',
  },
  {
    id: 'ttl-explain',
    kind: 'explain',
    topic: 'ttl',
    prompt: 'How do you choose TTLs for a service holding config, user profiles and live prices?',
    modelAnswer:
      'Choose per data type by how stale each may be and how often it changes: static config and reference data about 24 h, user profiles about 5 minutes, catalog 1-5 minutes, trending feeds 30-60 s, live prices and inventory 5-15 s, sessions the session lifetime. Too short costs hit ratio and database load; too long shows stale data. Add jitter (about +/-10%) so keys written together do not expire together, and keep a TTL even where you delete on write, as a safety net that bounds how long a missed invalidation can serve stale data.',
    rubric: [
      { text: 'TTL per data type, from how stale each may be', keywords: ['per', 'type', 'each'] },
      {
        text: 'Plausible figures (hours for config, minutes for profiles, seconds for prices)',
        keywords: ['24', 'hour', 'minute', 'second'],
      },
      { text: 'Jitter against synchronised expiry', keywords: ['jitter', 'spread', 'random'] },
      { text: 'TTL as a safety net even with invalidation', keywords: ['safety', 'net', 'bound'] },
    ],
    explanation:
      'A table of TTLs by data type plus jitter plus "always a TTL" is the complete answer.',
  },

  // ---------------------------------------------------------------- 7. Invalidation
  {
    id: 'inv-delete-not-update',
    kind: 'choice',
    topic: 'invalidation',
    prompt:
      'After writing the database, why delete the cache key rather than set it to the new value?',
    options: [
      'Deleting is faster than setting, because Redis does not have to allocate memory for a new value',
      'Two writers can SET in the opposite order to the database and leave the older value cached',
      'Setting would bypass the TTL: a SET keeps the old expiry, so the new value could live forever',
      'Redis cannot overwrite an existing key atomically while other clients are reading it',
    ],
    answer: 1,
    explanation:
      'With updates, the cache ends with whichever writer reached it last, which need not be the one the database committed last. Deleting leaves no value to get wrong: a delete is always safe, because the next read refills the key from the database.',
  },
  {
    id: 'inv-race',
    kind: 'choice',
    topic: 'invalidation',
    prompt:
      'Reader A misses and reads the old value from the database. Writer B then writes the new value and deletes the key. A now stores the old value it read. What happens, and what is the basic safety net?',
    options: [
      'Nothing: B already deleted the key, so the cache is empty and the next read is fresh',
      'The cache serves the old value until its TTL ends; always set a TTL so that window is bounded',
      "A's SET fails because Redis refuses to write a key that was deleted a moment ago",
      "The database rolls back B's write, because A's read of the same row was still open",
    ],
    answer: 1,
    explanation:
      "The delete happened before A's set, so nothing removes the stale copy. A TTL bounds how long it lives; stronger fixes include versioned writes, a delayed second delete and lease tokens (as in Facebook's memcache paper).",
  },
  {
    id: 'inv-event-driven',
    kind: 'choice',
    topic: 'invalidation',
    prompt: 'Another service owns the writes to this data. How do you keep your cache fresh?',
    options: [
      'Poll the database every second for changed rows and delete the matching keys',
      'The writer publishes a change event (Kafka, pub/sub) and your consumer deletes the key',
      'Set no TTL and rely on the other service to tell your team when the data changes',
      'Ask the other service to write new values straight into your cache as part of its writes',
    ],
    answer: 1,
    explanation:
      'When you do not own the write path you cannot delete in it. Events carry the change to you; keep a TTL as a safety net for lost or late events.',
  },
  {
    id: 'inv-repopulate',
    kind: 'choice',
    topic: 'invalidation',
    prompt:
      'Why should an invalidation event handler delete the key instead of re-reading and caching the new value?',
    options: [
      'Re-reading is too slow: the handler would hold up every other event in the queue',
      'It may read a lagging replica and cache the old value again until the TTL ends',
      'Events always arrive before the database commit, so a re-read finds nothing to cache',
      'Deleting frees memory, which matters more than the refill it saves the next reader',
    ],
    answer: 1,
    explanation:
      'Replicas lag the primary. A handler that re-populates can cache exactly the value the event was meant to remove; deleting lets the next read fetch a fresh copy.',
  },
  {
    id: 'inv-update-stale',
    kind: 'numeric',
    topic: 'invalidation',
    prompt:
      'Four app servers update the cache after each database write (instead of deleting the key); 20% of requests are writes to 50 keys. What share of reads, in percent, is stale?',
    runs: [{ label: 'Update on write: the race', presetId: 'update-race' }],
    measure: (r) => {
      const t = r[0]?.totals;
      return t === undefined ? Number.NaN : (t.staleReads / Math.max(t.reads, 1)) * 100;
    },
    unit: '% of reads',
    tolerance: { abs: 1, rel: 0.5 },
    explanation:
      'Two kinds of stale read add up here. Every write leaves a short window between its database commit and its cache update in which the cache still holds the previous value; with few keys and many writes per key per second those windows are frequent. And overlapping writes to one key can reach the cache in the wrong order, leaving the older value there until the next write or the (long) TTL. Switch the preset to invalidate and compare: the commit-to-DEL windows remain, so stale reads only fall by about half, but the long-lived wrong values disappear and the maximum staleness drops from hundreds of milliseconds to a few.',
  },
  {
    id: 'inv-explain',
    kind: 'explain',
    topic: 'invalidation',
    prompt:
      'Describe the classic cache-aside invalidation race step by step and the ways to fix it.',
    modelAnswer:
      "A reader misses and reads the old value from the database. Before it stores it, a writer commits the new value and deletes the key. The reader then SETs the old value, and the cache serves stale data until the TTL ends. The basic fix is to always keep a TTL, which bounds the stale window. Stronger fixes: versioned writes (only store a value if its version is newer), a delayed second delete after the write, or lease tokens as in Facebook's memcache paper, where a delete invalidates the lease the reader needs to store its value.",
    rubric: [
      {
        text: 'Reader reads the old value before the write',
        keywords: ['reader', 'old value', 'miss'],
      },
      { text: 'Writer commits and deletes in between', keywords: ['writer', 'delete', 'commit'] },
      {
        text: 'Reader stores the old value afterwards; stale until TTL',
        keywords: ['stores', 'set', 'stale', 'until'],
      },
      { text: 'TTL as a safety net', keywords: ['ttl', 'safety', 'bound'] },
      {
        text: 'A stronger fix: versions, delayed double delete or leases',
        keywords: ['version', 'double delete', 'lease'],
      },
    ],
    explanation:
      'Draw the three steps in order; the fix list is where strong candidates stand out.',
  },

  // ---------------------------------------------------------------- 8. Stampede
  {
    id: 'stampede-arith',
    kind: 'choice',
    topic: 'stampede',
    prompt:
      'A service gets 10,000 requests per second at a 99% hit ratio. Roughly how many database queries per second is that, normally?',
    options: ['About 1', 'About 100', 'About 1,000', 'About 9,900'],
    answer: 1,
    explanation:
      '1% of 10,000 is 100 queries per second. When a hot key expires, though, every request for it misses at once, and the database can get thousands of identical queries in a moment.',
  },
  {
    id: 'stampede-jitter-one-key',
    kind: 'choice',
    topic: 'stampede',
    prompt: 'Does TTL jitter prevent a stampede on a single hot key?',
    options: [
      'Yes: jitter prevents all stampedes, because no two expiries ever line up',
      'No: jitter spreads many keys’ expiries, but one key still expires at one moment',
      'Yes, provided the jitter is over 50% of the TTL, so the hot key’s expiry is hard to predict',
      'No: only a bigger cache helps, since a stampede happens when the hot key is evicted',
    ],
    answer: 1,
    explanation:
      'Jitter is always worth having against mass synchronised expiry. A single hot key needs a tool that limits rebuilds to one: a lock, stale-while-revalidate, or early refresh.',
  },
  {
    id: 'stampede-lock',
    kind: 'choice',
    topic: 'stampede',
    prompt: 'Which is the right way to take a rebuild lock in Redis?',
    options: [
      'GET lock:key, and if it is empty, SET lock:key token, then rebuild and DEL the lock',
      'SET lock:key token NX EX ttl, atomically, with a TTL longer than the slowest rebuild, released in finally',
      'INCR lock:key and rebuild when it returns 1, with no expiry so the lock cannot vanish mid-rebuild',
      'SET lock:key token EX 1, so that the lock always clears itself after a second',
    ],
    answer: 1,
    explanation:
      "SET with NX and EX takes the lock and gives it an expiry atomically, so a crashed holder cannot block the key for ever. The TTL must outlast the rebuild, and release should check the token so you never delete someone else's lock.",
  },
  {
    id: 'stampede-lock-short',
    kind: 'choice',
    topic: 'stampede',
    prompt: 'The rebuild lock expires after 100 ms but the query takes 300 ms. What happens?',
    options: [
      'The rebuild is cancelled when the lock expires, and the next reader starts a fresh one',
      'The lock lapses mid-rebuild and a second rebuilder gets in',
      'Nothing: Redis extends a lock automatically while the client that set it stays connected',
      'Every waiter gets an error, because the lock they were waiting on no longer exists',
    ],
    answer: 1,
    explanation:
      'A lock TTL shorter than the work defeats the lock: it lapses mid-rebuild and a second rebuilder gets in, and with an unsafe release the first one later deletes a lock it no longer owns. Release only if you still hold the token (compare-and-delete), and size the TTL above the slowest rebuild.',
  },
  {
    id: 'stampede-swr',
    kind: 'choice',
    topic: 'stampede',
    prompt: 'What does stale-while-revalidate do?',
    options: [
      'It blocks readers until the value is refreshed, so nobody ever sees an old value',
      'Serves the old value at once and refreshes it once in the background',
      'It deletes stale values eagerly, before any reader can ask for them',
      'It revalidates with the database on every request and serves whichever copy is newer',
    ],
    answer: 1,
    explanation:
      'After a soft expiry the entry is served as-is while one background refresh runs. HTTP caches have the same idea as Cache-Control: stale-while-revalidate=N.',
  },
  {
    id: 'stampede-lock-effect',
    kind: 'numeric',
    topic: 'stampede',
    prompt:
      'A "Black Friday" hot key: 10,000 requests per second and a 200 ms rebuild. How many times more database reads happen without a rebuild lock than with one?',
    runs: [
      { label: 'Hot-key stampede', presetId: 'hot-key-stampede', patch: { durationMs: 40_000 } },
      { label: 'Rebuild lock', presetId: 'rebuild-lock', patch: { durationMs: 40_000 } },
    ],
    measure: (r) => ratio(r[0]?.totals.dbReads, r[1]?.totals.dbReads),
    unit: 'x',
    tolerance: { abs: 0.5, rel: 0.4 },
    explanation:
      'Without a lock every request that arrives during a rebuild misses and queries the database; with it, one request rebuilds and the rest wait and retry the cache. Only the hot keys are affected, so the whole-run ratio is smaller than the per-expiry one.',
  },
  {
    id: 'stampede-explain',
    kind: 'explain',
    topic: 'stampede',
    prompt: 'What is a cache stampede, and how would you prevent it?',
    modelAnswer:
      'A hot key expires and every concurrent request misses and queries the database for the same value at once; the database queue and latency spike, which can cascade. Prevention: TTL jitter against mass synchronised expiry (it does not protect one key); a rebuild lock with SET key token NX EX ttl, so one request rebuilds while others wait or get the old value, with the lock TTL longer than the slowest rebuild, released in finally and only by its owner; stale-while-revalidate, serving the old value while one background refresh runs; and warming the cache before traffic arrives after a deploy or restart.',
    rubric: [
      {
        text: 'Definition: hot key expires, many concurrent misses hit the DB',
        keywords: ['hot key', 'expire', 'concurrent', 'same'],
      },
      { text: 'Jitter, and its limit (not one key)', keywords: ['jitter'] },
      { text: 'Rebuild lock with SET NX EX and a long-enough lock TTL', keywords: ['lock', 'nx'] },
      {
        text: 'Stale-while-revalidate',
        keywords: ['stale-while-revalidate', 'stale while', 'background'],
      },
      { text: 'Warming after deploy or restart', keywords: ['warm'] },
    ],
    explanation: 'Lead with the mechanism, then list tools with the limits of each.',
  },

  // ---------------------------------------------------------------- 9. What not to cache
  {
    id: 'dont-search',
    kind: 'choice',
    topic: 'what-not-to-cache',
    prompt: 'Why is caching free-text search results usually a poor idea?',
    options: [
      'Search engines forbid caching their results in their terms of service',
      'Most search strings are unique, so the hit ratio stays near zero',
      'Search results are too small to be worth a network round trip to the cache',
      'Results can never be stale, so there is nothing for a cache to improve on',
    ],
    answer: 1,
    explanation:
      'A cache only helps for data that is asked for again. Unique queries fill the cache with entries nobody reads twice.',
  },
  {
    id: 'dont-unique-hit',
    kind: 'numeric',
    topic: 'what-not-to-cache',
    prompt:
      'Every read asks for a key never seen before. What hit ratio do you expect, in percent?',
    runs: [{ label: 'Unique queries', presetId: 'unique-queries' }],
    measure: (r) => hitPct(r),
    unit: '%',
    tolerance: { abs: 2, rel: 0 },
    explanation:
      'No key is ever requested twice, so nothing can hit. The cache only adds a lookup and a write to every request.',
  },
  {
    id: 'dont-large',
    kind: 'choice',
    topic: 'what-not-to-cache',
    prompt: 'What is the problem with caching a 5 MB object next to 1 kB entries?',
    options: [
      'Redis rejects values over 1 MB, so the SET fails and the app falls back to the database',
      'It takes the memory of thousands of small entries and pushes useful keys out',
      'Large objects never expire, because Redis skips them in its expiry cycle',
      'It makes every lookup in the cache 5,000 times slower, small keys included',
    ],
    answer: 1,
    explanation:
      'Memory is the budget. One large value can evict thousands of small, frequently read ones.',
  },
  {
    id: 'dont-sensitive',
    kind: 'choice',
    topic: 'what-not-to-cache',
    prompt:
      'Which of these should not go into a shared cache without access control and encryption?',
    options: [
      'Product descriptions shown on public pages',
      'Feature flags read by every service',
      'Payment data, personal data and tokens',
      'Country lists used in address forms',
    ],
    answer: 2,
    explanation:
      'A shared cache is readable by every service that can reach it, and often less protected than the database. Sensitive data needs the same controls there, or should not be cached.',
  },
  {
    id: 'dont-explain',
    kind: 'explain',
    topic: 'what-not-to-cache',
    prompt: 'Name the kinds of data you would not cache, and why.',
    modelAnswer:
      'Unique or rarely repeated queries, like free-text search (near 0% hits). Highly mutable values, where the TTL would be too short to help and every write invalidates. Large objects, because one can cost the memory of thousands of small entries. Per-user data at huge scale, where most entries are evicted before they are reused. Data with tangled invalidation dependencies, where one change touches many keys and one will be missed. Sensitive data such as PII, payment data and tokens in a shared cache without access control or encryption.',
    rubric: [
      { text: 'Unique or rarely repeated queries', keywords: ['unique', 'search', 'rarely'] },
      { text: 'Highly mutable values', keywords: ['mutable', 'changes', 'frequently written'] },
      { text: 'Large objects', keywords: ['large', 'big', 'blob'] },
      { text: 'Per-user data at huge scale', keywords: ['per-user', 'per user', 'user'] },
      { text: 'Tangled invalidation dependencies', keywords: ['depend', 'tangled', 'many keys'] },
      { text: 'Sensitive data', keywords: ['sensitive', 'pii', 'payment', 'token'] },
    ],
    explanation: 'Six categories; each has a one-line reason.',
  },

  // ---------------------------------------------------------------- 10-11. Decision and rules
  {
    id: 'decide-hit-thresholds',
    kind: 'choice',
    topic: 'decision',
    prompt: 'Which reading of the expected hit ratio matches the usual rule of thumb?',
    options: [
      'Below 50%: rethink the keys or skip it; above 80%: worth it; above 95%: excellent',
      'Anything above 10% is excellent, because each hit saves a full database query',
      'Below 90% the cache is useless, since the misses cost more than all the hits save',
      'Hit ratio does not matter at all; only the latency of the slowest requests tells you anything',
    ],
    answer: 0,
    explanation:
      'Below 80% a cache does less than people assume; below 50% the keys or the decision to cache need rethinking. Measure the hit ratio in production.',
  },
  {
    id: 'decide-cache-dies',
    kind: 'choice',
    topic: 'decision',
    prompt:
      'Your app stops working when the cache is unavailable. What does the decision framework say?',
    options: [
      'Add a second cache behind the first, so one of them is always reachable',
      'Fix the architecture first: the app must be able to fall back to the database',
      'Switch to write-behind, so writes succeed even while the cache is unavailable',
      'Raise the TTL so that entries survive the outage and are there when it comes back',
    ],
    answer: 1,
    explanation:
      'Design for cache failure: with cache-aside, reads fall back to the database. If the app dies instead, the cache has become a critical store and needs a different design.',
  },
  {
    id: 'decide-cheap',
    kind: 'choice',
    topic: 'decision',
    prompt: 'The data is read often but comes from a 1 ms primary-key lookup. Should you cache it?',
    options: [
      'Yes, always cache read-heavy data: any saving adds up over millions of reads',
      'Probably not: under about 5 ms per fetch, the saving is small against staleness',
      'Yes, with write-behind, so that the writes get faster as well as the reads',
      'Only in a CDN, where the lookup is close to the user and costs nothing per read',
    ],
    answer: 1,
    explanation:
      'The second question of the framework: is it expensive to fetch (over about 5 ms, joins, external APIs, heavy compute)? If not, a cache adds staleness and complexity for little gain.',
  },
  {
    id: 'decide-rules',
    kind: 'choice',
    topic: 'decision',
    prompt: 'Which list matches the rules to remember?',
    options: [
      'Write-behind by default; update the cache on writes; no TTL on hot keys; warm on deploy',
      'Cache-aside by default; delete, do not update, on writes; always jitter TTLs; know the stampede; measure the hit ratio; design for failure',
      'Cache everything; use noeviction; warm the cache on every request; alert when the hit ratio drops',
      'LFU by default; never set a TTL; invalidate by polling; add a cache per service',
    ],
    answer: 1,
    explanation: 'These six rules cover most interview follow-ups about caching.',
  },
  {
    id: 'decide-explain',
    kind: 'explain',
    topic: 'decision',
    prompt:
      'Design caching for a product catalog: read thousands of times per second, edited a few times an hour by the catalog service itself, 80 ms to assemble from the database.',
    modelAnswer:
      'It is read-heavy and expensive, so it is worth caching. Slight staleness is acceptable for a catalog, and the same service writes it, so use cache-aside with delete-on-write in the catalog service, plus a TTL in the 1-5 minute range as a safety net, with about 10% jitter. Evict with allkeys-lru (allkeys-lfu if a stable set of products stays hot). Protect hot products against stampedes with a rebuild lock or stale-while-revalidate, and warm the cache after deploys. If the cache fails, reads fall back to the database, so check the database can carry the load for a while. Expect a hit ratio well above 80% and measure it.',
    rubric: [
      {
        text: 'Justifies caching: read-heavy and expensive',
        keywords: ['read-heavy', 'read heavy', 'expensive', '80 ms'],
      },
      {
        text: 'Cache-aside with delete-on-write in the owning service',
        keywords: ['cache-aside', 'delete', 'invalidate'],
      },
      { text: 'TTL of minutes, with jitter', keywords: ['minute', 'jitter'] },
      { text: 'Eviction policy named', keywords: ['lru', 'lfu'] },
      {
        text: 'Stampede protection or warming',
        keywords: ['stampede', 'lock', 'stale-while', 'warm'],
      },
      {
        text: 'Failure plan and hit-ratio target',
        keywords: ['fall back', 'fallback', 'fail', 'hit ratio', 'hit rate'],
      },
    ],
    explanation:
      'Walk the six questions of the decision wizard out loud; each answer picks a piece of the design.',
  },
];
