/**
 * Lessons for syllabus sections 9-11: what not to cache, and measuring the hit ratio before
 * trusting a cache (the decision framework's last question and the cheat sheet's rule).
 */
import { lessonMeta } from './lesson-catalog';
import type { LessonDefinition } from './lesson-types';
import { count, isCacheCommand, totalFact } from './lesson-measures';

const FAST_DB = { latencyVariation: 'fixed', readLatencyMs: 20 } as const;

export const UNIQUE_QUERIES: LessonDefinition = {
  ...lessonMeta('unique-queries'),
  intro:
    'Think of free-text search: almost every query string is new. Here every read asks for a key nobody asked for before. The cache holds 5 keys with LRU.',
  scenario: {
    seed: 2,
    durationMs: 3000,
    warmupMs: 0,
    workload: { requestsPerSec: 10, writeFraction: 0, popularity: { kind: 'unique' } },
    cache: { capacityKeys: 5, ttlMs: 60_000, jitterPct: 0 },
    db: FAST_DB,
  },
  show: isCacheCommand,
  untilMs: 1200,
  keys: [0, 1],
  beats: [
    {
      id: 'miss',
      match: { type: 'cache.miss' },
      text: 'A search for something new: a miss.',
    },
    {
      id: 'set',
      match: { type: 'cache.set' },
      text: 'The result is cached, in case anyone asks again. Nobody will.',
    },
    {
      id: 'evict',
      match: { type: 'cache.set', detailIncludes: 'evicted' },
      text: 'The cache is full, so caching yet another one-off result evicts an older one-off result. The cache is churning: writing entries that are never read.',
    },
  ],
  predictions: [
    {
      beforeBeat: 'miss',
      revealAtBeat: 'evict',
      question: 'Every read is for a new key. What hit ratio will the cache reach?',
      choices: [
        { label: 'About 0%', value: 0 },
        { label: 'About 50%', value: 0.5 },
        { label: 'About 90%', value: 0.9 },
      ],
      measure: (run) => run.totals.hitRatio,
      unit: '(hit ratio, 0-1)',
      explain:
        'Zero: a cache only helps when the same thing is asked for again. Every miss also paid for a cache lookup and a cache write on top of the database query.',
    },
  ],
  facts: [
    totalFact('Hits', 'fact-hits', 'hits'),
    {
      label: 'Cache writes never read',
      testId: 'fact-wasted',
      value: (run) => String(count(run, 'cache.set')),
    },
  ],
  comparisons: [
    { label: 'Unique keys', patch: {} },
    {
      label: 'Zipf (repeating) keys',
      patch: { workload: { keys: 50, popularity: { kind: 'zipf', alpha: 1 } } },
    },
  ],
  comparisonColumns: ['hitRatio', 'hits', 'misses', 'evictions'],
  takeaway:
    'Do not cache what is never asked for twice: unique queries, highly mutable values (a TTL short enough to be correct is too short to help), and per-user data at huge scale that is evicted before anyone re-reads it.',
  playground: { presetId: 'unique-queries' },
};

export const LARGE_VALUES: LessonDefinition = {
  ...lessonMeta('large-values'),
  intro:
    'The cache has 100 kB of memory (maxmemory). Each value here is 40 kB, so only two fit. Six keys are read, some more often than others.',
  scenario: {
    seed: 3,
    durationMs: 6000,
    warmupMs: 0,
    workload: {
      requestsPerSec: 10,
      writeFraction: 0,
      keys: 6,
      valueBytes: 40_000,
      popularity: { kind: 'zipf', alpha: 1 },
    },
    cache: { capacityKeys: null, capacityBytes: 100_000, ttlMs: null, jitterPct: 0 },
    db: FAST_DB,
  },
  show: isCacheCommand,
  untilMs: 2400,
  keys: [0, 1, 4],
  beats: [
    {
      id: 'first',
      match: { type: 'cache.set' },
      text: 'A 40 kB value goes in: 40% of the cache’s memory for one key.',
    },
    {
      id: 'full',
      match: { type: 'cache.set', detailIncludes: 'evicted' },
      text: 'The third value does not fit next to the first two, so one of them is evicted. Two entries are all this cache can hold.',
    },
    {
      id: 'churn',
      match: { type: 'cache.miss', key: 0 },
      text: 'So even the most popular key keeps getting pushed out and missing. With 1 kB values the same memory would hold all six keys a hundred times over.',
    },
  ],
  facts: [
    totalFact('Evictions', 'fact-evictions', 'evictions'),
    {
      label: 'Hit ratio',
      testId: 'fact-hit-ratio',
      value: (run) => `${Math.round(run.totals.hitRatio * 100)}%`,
    },
  ],
  comparisons: [
    { label: '40 kB values', patch: {} },
    { label: '1 kB values', patch: { workload: { valueBytes: 1000 } } },
  ],
  comparisonColumns: ['hitRatio', 'hits', 'misses', 'evictions'],
  takeaway:
    'One 5 MB blob costs the memory of thousands of small entries. Cache large objects only if they are very hot; otherwise cache a smaller derived form, or use a CDN or object store for them.',
  playground: { presetId: 'large-values' },
};

export const HIT_RATIO: LessonDefinition = {
  ...lessonMeta('hit-ratio'),
  intro:
    'A cache with room for 10 keys in front of 100 keys with a gentle popularity skew (Zipf 0.8). Cache-aside, 100 reads a second. The diagram shows the first half second; the numbers cover 10 seconds.',
  scenario: {
    seed: 5,
    durationMs: 10_000,
    warmupMs: 0,
    workload: {
      requestsPerSec: 100,
      writeFraction: 0,
      keys: 100,
      popularity: { kind: 'zipf', alpha: 0.8 },
    },
    cache: { capacityKeys: 10, ttlMs: null, jitterPct: 0 },
    db: FAST_DB,
  },
  // Steps cover the first half second; the run (and the measured hit ratio) covers all 10 s.
  show: (e) => isCacheCommand(e) && e.tMs < 500,
  keys: [0, 1, 2],
  beats: [
    {
      id: 'start',
      match: { type: 'cache.miss' },
      text: 'The cache starts empty, so the first reads miss. That is expected; what matters is where the hit ratio settles.',
    },
    {
      id: 'hit',
      match: { type: 'cache.hit' },
      text: 'Popular keys begin to hit. But with 100 keys and room for 10, many reads are for keys that were evicted or never cached.',
    },
    {
      id: 'evict',
      match: { type: 'cache.set', detailIncludes: 'evicted' },
      text: 'Each miss now evicts something to make room, often a key that will be wanted again soon.',
    },
  ],
  predictions: [
    {
      beforeBeat: 'start',
      revealAtBeat: 'evict',
      question: 'Over 10 seconds, what hit ratio will this cache reach?',
      choices: [
        { label: 'Above 90%', value: 0.95 },
        { label: 'About 60%', value: 0.6 },
        { label: 'About 25%', value: 0.25 },
      ],
      measure: (run) => run.totals.hitRatio,
      unit: '(hit ratio over 10 s, 0-1)',
      explain:
        'About a quarter: room for a tenth of the keys cannot cover a gently skewed workload, so most reads still go to the database. The comparison below shows the same traffic with bigger caches. Measure before you trust a cache: below 50% rethink the keys or do not cache, above 80% it is worth it, above 95% excellent.',
    },
  ],
  comparisons: [
    { label: '10 keys of room', patch: {} },
    { label: '30 keys of room', patch: { cache: { capacityKeys: 30 } } },
    { label: '100 keys of room', patch: { cache: { capacityKeys: 100 } } },
  ],
  comparisonColumns: ['hitRatio', 'hits', 'misses', 'dbReads'],
  takeaway:
    'The rules to remember: cache-aside by default; delete, don’t update, on writes; always jitter TTLs; know the stampede and its cures; measure the hit ratio (below 80% the cache is doing less than you think); design for cache failure. Before caching at all, ask: read often, written rarely? Expensive to fetch? How stale may it be?',
  playground: {
    presetId: 'cache-aside',
    patch: {
      workload: { keys: 100, popularity: { kind: 'zipf', alpha: 0.8 } },
      cache: { capacityKeys: 10 },
    },
  },
};

export const JUDGEMENT_LESSONS: readonly LessonDefinition[] = [
  UNIQUE_QUERIES,
  LARGE_VALUES,
  HIT_RATIO,
];
