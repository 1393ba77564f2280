/** Lessons for syllabus section 5: eviction policies when the cache is full. */
import type { TraceEvent } from '../../sim/engine/engine-types';
import { lessonMeta } from './lesson-catalog';
import type { LessonDefinition } from './lesson-types';
import { count, isCacheCommand, totalFact } from './lesson-measures';

const FAST_DB = { latencyVariation: 'fixed', readLatencyMs: 20 } as const;

/** True when a SET's detail says it evicted `key` (the engine lists evicted keys in the detail). */
function evicts(e: TraceEvent, key: number): boolean {
  const m = /evicted ([\d, ]+)/.exec(e.detail ?? '');
  return m?.[1]?.split(',').some((k) => Number(k.trim()) === key) ?? false;
}

export const EVICTION_POLICIES: LessonDefinition = {
  ...lessonMeta('eviction-policies'),
  intro:
    'The cache holds at most 3 keys; 6 keys are read, key 0 most often (a Zipf-like spread). No TTL, so keys leave only by eviction. This run uses LRU (evict the least recently used key); at the end the same requests are replayed under LFU, FIFO and random eviction.',
  scenario: {
    seed: 3,
    durationMs: 20_000,
    warmupMs: 0,
    workload: {
      requestsPerSec: 10,
      writeFraction: 0,
      keys: 6,
      popularity: { kind: 'zipf', alpha: 1 },
    },
    cache: { policy: 'allkeys-lru', capacityKeys: 3, ttlMs: null, jitterPct: 0 },
    db: FAST_DB,
  },
  show: isCacheCommand,
  untilMs: 2400,
  keys: [0, 1, 3, 4, 5],
  beats: [
    {
      id: 'fill',
      match: { type: 'cache.set', key: 0 },
      text: 'Keys 4, 1 and 0 have been read once each. The cache now holds three keys: it is full.',
    },
    {
      id: 'hot',
      match: { type: 'cache.hit', key: 0 },
      text: 'Key 0 is the popular one: it will be read far more often than the others.',
    },
    {
      id: 'new-key',
      match: { type: 'cache.miss', key: 3 },
      text: 'A read for key 3, which is not cached. To store it, the cache must evict one of keys 0, 1 and 4.',
    },
    {
      id: 'evict-hot',
      match: { type: 'cache.set', key: 3, detailIncludes: 'evicted 0' },
      text: 'LRU evicts the key whose last use is oldest. By bad luck that is key 0, the most popular key: it had a short quiet spell while keys 4 and 1 were read. LRU looks only at recency, never at how often.',
    },
    {
      id: 'hot-miss',
      match: { type: 'cache.miss', key: 0 },
      text: 'The next read of key 0 misses and pays the database again. LFU (least frequently used) would have kept key 0, because it counts uses; FIFO would evict whatever was inserted first, ignoring use entirely.',
    },
  ],
  predictions: [
    {
      beforeBeat: 'new-key',
      revealAtBeat: 'evict-hot',
      question:
        'The cache is full of keys 4, 1 and 0. Which one will LRU evict to make room for key 3?',
      choices: [
        { label: 'Key 4', value: 4 },
        { label: 'Key 1', value: 1 },
        { label: 'Key 0', value: 0 },
      ],
      measure: (run) => {
        const set = run.trace.find((e) => e.type === 'cache.set' && e.key === 3);
        const m = /evicted (\d+)/.exec(set?.detail ?? '');
        return m?.[1] === undefined ? -1 : Number(m[1]);
      },
      unit: '(the key evicted)',
      explain:
        'LRU evicts the least recently used key. Key 0 had not been read for a few hundred milliseconds, longer than keys 4 and 1, so it went, however popular it is overall.',
    },
  ],
  comparisons: [
    { label: 'allkeys-lru', patch: {} },
    { label: 'allkeys-lfu', patch: { cache: { policy: 'allkeys-lfu' } } },
    { label: 'fifo', patch: { cache: { policy: 'fifo' } } },
    { label: 'allkeys-random', patch: { cache: { policy: 'allkeys-random' } } },
  ],
  comparisonColumns: ['hitRatio', 'hits', 'misses', 'evictions'],
  takeaway:
    'LRU is the usual default (allkeys-lru in Redis): it adapts as popularity shifts. LFU suits a stable, long-lived hot set. FIFO ignores use and is rarely right. In interviews: allkeys-lru for a general cache, allkeys-lfu for a clear long-term hot set.',
  playground: { presetId: 'redis-sampled-lru', patch: { cache: { eviction: { mode: 'exact' } } } },
};

const VIRAL_KEY = 7;

export const LFU_VIRAL: LessonDefinition = {
  ...lessonMeta('lfu-viral'),
  intro:
    'The same small cache (3 keys), now with LFU: evict the key used least often. Keys 0-6 have been read for a while. At 2.5 s, key 7, never read before, suddenly gets 30% of all traffic: it is going viral. The diagram shows only key 7 and what happens to it.',
  scenario: {
    seed: 3,
    durationMs: 6000,
    warmupMs: 0,
    workload: {
      requestsPerSec: 10,
      writeFraction: 0,
      keys: 8,
      popularity: { kind: 'zipf', alpha: 1 },
      viral: { atMs: 2500, key: VIRAL_KEY, requestFraction: 0.3 },
    },
    cache: { policy: 'allkeys-lfu', capacityKeys: 3, ttlMs: null, jitterPct: 0 },
    db: FAST_DB,
  },
  show: (e) => isCacheCommand(e) && (e.key === VIRAL_KEY || evicts(e, VIRAL_KEY)),
  untilMs: 4000,
  keys: [0, VIRAL_KEY],
  beats: [
    {
      id: 'arrives',
      match: { type: 'cache.miss', key: VIRAL_KEY },
      text: 'The first reads of key 7 miss: nobody asked for it before.',
    },
    {
      id: 'stored',
      match: { type: 'cache.set', key: VIRAL_KEY },
      text: 'Key 7 is stored. Under LFU it enters with a use count of 1, while the old favourites have counts in the tens.',
    },
    {
      id: 'hit',
      match: { type: 'cache.hit', key: VIRAL_KEY },
      text: 'A hit on key 7: its count goes up by one. It is climbing, but from far behind.',
    },
    {
      id: 'evicted',
      match: { type: 'cache.set', detailIncludes: 'evicted' },
      text: 'Another key needs room, and LFU evicts the key with the lowest count: key 7, the one that is about to be the hottest key of all.',
    },
    {
      id: 'miss-again',
      match: { type: 'cache.miss', key: VIRAL_KEY },
      text: 'The next read of key 7 misses and goes back to the database. The cycle repeats: stored with a low count, evicted again.',
    },
  ],
  predictions: [
    {
      beforeBeat: 'hit',
      revealAtBeat: 'miss-again',
      question: 'Key 7 now gets almost a third of all reads. Will LFU keep it cached?',
      choices: [
        { label: 'Yes, it is the hottest key now', value: 0 },
        { label: 'No, it will be evicted again and again', value: 3 },
      ],
      measure: (run) => count(run, 'cache.set', (e) => evicts(e, VIRAL_KEY)),
      unit: 'evictions of key 7',
      explain:
        'LFU ranks by accumulated use. A new key cannot out-count keys that have been popular for a long time, so it keeps losing. Redis softens this: new keys start at a count of 5 and counts decay over time (lfu-decay-time), so old favourites fade.',
    },
  ],
  facts: [
    {
      label: 'Reads of key 7 that missed',
      testId: 'fact-viral-misses',
      value: (run) => String(count(run, 'cache.miss', (e) => e.key === VIRAL_KEY)),
    },
    {
      label: 'Times key 7 was evicted',
      testId: 'fact-viral-evictions',
      value: (run) => String(count(run, 'cache.set', (e) => evicts(e, VIRAL_KEY))),
    },
  ],
  comparisons: [
    { label: 'allkeys-lfu', patch: {} },
    { label: 'allkeys-lru', patch: { cache: { policy: 'allkeys-lru' } } },
  ],
  comparisonMeasure: {
    label: 'Key 7 misses',
    measure: (run) => count(run, 'cache.miss', (e) => e.key === VIRAL_KEY),
  },
  comparisonColumns: ['hitRatio', 'misses', 'evictions'],
  takeaway:
    'LFU protects a long-lived hot set but is slow to notice new hot content. If popularity shifts (news, launches, viral posts), prefer LRU, or an LFU with decay and a non-zero starting count, as Redis does.',
  playground: { presetId: 'lfu-viral-key' },
};

export const NOEVICTION: LessonDefinition = {
  ...lessonMeta('noeviction'),
  intro:
    'The cache has room for 2 keys and the policy is noeviction: when full it evicts nothing and refuses new keys instead. Four keys are read.',
  scenario: {
    seed: 2,
    durationMs: 2000,
    warmupMs: 0,
    workload: { requestsPerSec: 8, writeFraction: 0, keys: 4, popularity: { kind: 'uniform' } },
    cache: { policy: 'noeviction', capacityKeys: 2, ttlMs: null, jitterPct: 0 },
    db: FAST_DB,
  },
  untilMs: 1700,
  keys: [0, 1, 2, 3],
  beats: [
    {
      id: 'first',
      match: { type: 'cache.set', key: 1 },
      text: 'Key 1 is cached. One slot left.',
    },
    {
      id: 'full',
      match: { type: 'cache.set', key: 3 },
      text: 'Key 3 is cached. The cache is now full.',
    },
    {
      id: 'oom',
      match: { type: 'cache.oom', key: 0 },
      text: 'Key 0 missed and the app tries to store it. Redis refuses: “OOM command not allowed when used memory > ’maxmemory’.” Nothing is evicted to make room.',
    },
    {
      id: 'served',
      match: { type: 'request.done', key: 0 },
      text: 'The read itself still succeeds (the app already has the row from the database), but key 0 is not cached.',
    },
    {
      id: 'again',
      match: { type: 'cache.oom', key: 2, nth: 2 },
      text: 'So keys 0 and 2 miss on every read, forever: each one is a database query. Only the two keys that got in first ever hit.',
    },
  ],
  predictions: [
    {
      beforeBeat: 'full',
      revealAtBeat: 'oom',
      question: 'The cache is full. What happens when the app tries to cache a third key?',
      choices: [
        { label: 'The oldest key is evicted', value: 0 },
        { label: 'The SET is refused with an error', value: 1 },
      ],
      measure: (run) => (count(run, 'cache.oom') > 0 ? 1 : 0),
      unit: '(1 = refused)',
      explain:
        'noeviction never evicts. Redis replies with an OOM error to any write that needs more memory. Right for a cache used as a source of truth (you would rather fail than silently drop data); wrong for a general cache.',
    },
  ],
  facts: [
    {
      label: 'SETs refused (OOM)',
      testId: 'fact-oom',
      value: (run) => String(count(run, 'cache.oom')),
    },
    {
      label: 'Redis said',
      testId: 'fact-oom-text',
      value: () => "OOM command not allowed when used memory > 'maxmemory'.",
    },
    totalFact('Database reads', 'fact-db-reads', 'dbReads'),
  ],
  takeaway:
    'noeviction is for caches that must not lose data silently (a cache used as a store, queues, locks). The volatile-* policies evict only keys that have a TTL and behave like noeviction when none qualify. For a general cache, use allkeys-lru.',
  playground: { presetId: 'noeviction-oom' },
};

export const REDIS_SAMPLED_LRU: LessonDefinition = {
  ...lessonMeta('redis-sampled-lru'),
  intro:
    'Redis does not keep every key in a recency list. On eviction it samples maxmemory-samples keys (default 5), keeps the best candidates in a small pool and evicts the least recently used of them. Here: 200 keys, room for 20, Zipf-skewed reads, Redis-mode eviction with 5 samples. The diagram shows only SETs that evicted something.',
  scenario: {
    seed: 7,
    durationMs: 20_000,
    warmupMs: 0,
    workload: {
      requestsPerSec: 200,
      writeFraction: 0,
      keys: 200,
      popularity: { kind: 'zipf', alpha: 0.9 },
    },
    cache: {
      policy: 'allkeys-lru',
      capacityKeys: 20,
      ttlMs: null,
      jitterPct: 0,
      eviction: { mode: 'redis', samples: 5 },
    },
    db: FAST_DB,
  },
  show: (e) => e.type === 'cache.set' && (e.detail ?? '').includes('evicted'),
  untilMs: 400,
  keys: [0, 1, 2],
  beats: [
    {
      id: 'first-eviction',
      match: { type: 'cache.set', detailIncludes: 'evicted' },
      text: 'The cache is full, so storing this key evicts another. Redis picked the victim from a random sample of 5 keys, not from the whole cache: a fairly old key, but not necessarily the oldest.',
    },
    {
      id: 'second-eviction',
      match: { type: 'cache.set', detailIncludes: 'evicted' },
      text: 'Each eviction samples again. Sampling costs almost nothing in memory or time, which is why Redis does it; the price is that a fairly recent key is sometimes evicted.',
    },
  ],
  comparisons: [
    { label: 'exact LRU', patch: { cache: { eviction: { mode: 'exact' } } } },
    { label: 'redis, 1 sample', patch: { cache: { eviction: { mode: 'redis', samples: 1 } } } },
    { label: 'redis, 5 samples', patch: {} },
    { label: 'redis, 10 samples', patch: { cache: { eviction: { mode: 'redis', samples: 10 } } } },
  ],
  comparisonColumns: ['hitRatio', 'hits', 'misses', 'evictions'],
  takeaway:
    'Redis LRU and LFU are approximations. With 1 sample eviction is close to random; the default 5 is close to true LRU; 10 is very close, at a little more CPU per eviction. LFU is approximated too: an 8-bit logarithmic counter per key (lfu-log-factor, default 10) that decays over time (lfu-decay-time, default 1 minute).',
  playground: { presetId: 'redis-sampled-lru' },
};

export const EVICTION_LESSONS: readonly LessonDefinition[] = [
  EVICTION_POLICIES,
  LFU_VIRAL,
  NOEVICTION,
  REDIS_SAMPLED_LRU,
];
