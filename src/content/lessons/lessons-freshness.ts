/** Lessons for syllabus sections 6 and 7: TTL and jitter, invalidation and its races. */
import type { TraceEvent } from '../../sim/engine/engine-types';
import { lessonMeta } from './lesson-catalog';
import type { LessonDefinition, RunMeasures } from './lesson-types';
import { cachedVersion, count, dbVersion, peakDbReadsPerSec, readsWith } from './lesson-measures';
import { localeNumber } from '../../ui/format';

const FIXED_DB = { latencyVariation: 'fixed' } as const;

/** The most DB queries started within any `windowMs` (how hard the database gets hit at once). */
export function peakDbReads(run: RunMeasures, windowMs: number): number {
  const times = run.trace.filter((e) => e.type === 'db.read').map((e) => e.tMs);
  let best = 0;
  let from = 0;
  for (let to = 0; to < times.length; to++) {
    while ((times[to] ?? 0) - (times[from] ?? 0) >= windowMs) from++;
    best = Math.max(best, to - from + 1);
  }
  return best;
}

/**
 * Jitter at production scale, for the TTL lesson's table: thousands of keys loaded together with
 * a TTL of minutes, where ±10% spreads the expiries over tens of seconds. Too long to trace, so
 * the table reads the runs' per-second windows.
 */
export const JITTER_AT_SCALE = {
  keys: 2000,
  ttlMs: 120_000,
  requestsPerSec: 400,
  durationMs: 140_000,
  readLatencyMs: 50,
} as const;

function jitterAtScale(jitterPct: number) {
  const s = JITTER_AT_SCALE;
  return {
    durationMs: s.durationMs,
    windowMs: 1000,
    workload: { requestsPerSec: s.requestsPerSec, keys: s.keys },
    cache: { ttlMs: s.ttlMs, jitterPct },
    db: { readLatencyMs: s.readLatencyMs },
  };
}

const SYNC_EXPIRY_TYPES = new Set([
  'cache.warm',
  'cache.expired',
  'cache.miss',
  'db.read',
  'cache.set',
]);

export const TTL_JITTER: LessonDefinition = {
  ...lessonMeta('ttl'),
  intro:
    'A warm-up job loads 50 keys at time 0, each with the same 1 s TTL and no jitter. Reads arrive at 200 per second, spread evenly over the keys; a database read takes 100 ms. The diagram starts just before the 1 s mark; the table shows the first five keys.',
  scenario: {
    seed: 4,
    durationMs: 3000,
    warmupMs: 0,
    workload: { requestsPerSec: 200, writeFraction: 0, keys: 50, popularity: { kind: 'uniform' } },
    cache: { capacityKeys: null, ttlMs: 1000, jitterPct: 0 },
    db: { latencyVariation: 'fixed', readLatencyMs: 100 },
    stampede: { warmOnStart: true },
  },
  show: (e) => SYNC_EXPIRY_TYPES.has(e.type) && (e.type === 'cache.warm' || e.tMs >= 990),
  untilMs: 1160,
  keys: [0, 1, 2, 3, 4],
  beats: [
    {
      id: 'warm',
      match: { type: 'cache.warm' },
      text: 'At time 0 the warm-up job stores all 50 keys, each with exactly 1 s to live. They will all expire at the same moment.',
    },
    {
      id: 'first-expiry',
      match: { type: 'cache.expired' },
      text: 'One second later every key reaches the end of its TTL at the same instant, and the cache drops them: whichever comes first, a read finding one or the background expire cycle, removes it.',
    },
    {
      id: 'herd',
      match: { type: 'db.read', nth: 3 },
      text: 'Every key misses at once, so every read in the next 100 ms goes to the database, including several for the same key, because nobody has refilled it yet.',
    },
    {
      id: 'refill',
      match: { type: 'cache.set' },
      text: 'The first query returns and refills its key, 100 ms after the wave started. Until then the database took the whole load that the cache normally absorbs.',
    },
  ],
  predictions: [
    {
      beforeBeat: 'warm',
      revealAtBeat: 'refill',
      question:
        'All 50 keys expire at 1 s. How many database queries start in the 100 ms after the first expired read?',
      choices: [
        { label: 'About 1: only the first miss', value: 1 },
        { label: 'About 5', value: 5 },
        { label: 'About 20: nearly every read', value: 20 },
      ],
      measure: (run) => {
        const first = run.trace.find((e) => e.type === 'cache.miss')?.tMs ?? 0;
        return count(run, 'db.read', (e) => e.tMs >= first && e.tMs < first + 100);
      },
      unit: 'database queries in that 100 ms',
      explain:
        'Every key expired at once, so every read in those 100 ms missed and queried the database: at 200 reads per second, about 20. A moment earlier the database was idle. Synchronised expiry turns a calm cache into a burst of database load; jitter spreads the same misses out, and the table at the end shows how much at production scale.',
    },
  ],
  comparisons: [
    { label: 'No jitter', patch: jitterAtScale(0) },
    { label: '±10% jitter', patch: jitterAtScale(10) },
  ],
  comparisonCaption: `At production scale: ${localeNumber(JITTER_AT_SCALE.keys)} keys loaded together with a ${JITTER_AT_SCALE.ttlMs / 60_000}-minute TTL, ${JITTER_AT_SCALE.requestsPerSec} reads a second spread evenly over them, ${JITTER_AT_SCALE.durationMs / 1000} s, with each jitter setting`,
  comparisonMeasure: {
    label: 'Peak DB reads per second',
    measure: (run) => peakDbReadsPerSec(run).perSec,
    reads: 'windows',
  },
  comparisonColumns: ['dbReads', 'misses', 'expirations'],
  takeaway:
    'Choose TTLs per data type (config 24 h, profiles 5 min, catalog 1-5 min, feeds 30-60 s, prices 5-15 s): too short costs hit rate, too long shows stale data. Always add jitter (e.g. ±10%) so entries written together do not expire together. Jitter spreads load; it does not reduce the total. Its effect scales with the TTL: ±10% of the 1 s TTL in the steps above is only ±100 ms, about one rebuild, so it barely helps there; ±10% of a 2-minute TTL is ±12 s, and the table shows what that does to the database’s busiest second while the total number of DB reads stays about the same.',
  playground: { presetId: 'synchronised-expiry' },
};

export const INVALIDATION: LessonDefinition = {
  ...lessonMeta('invalidation'),
  intro:
    'The simplest invalidation: none. Writes go to the database only; cached copies live for 800 ms and then expire. Staleness is bounded by the TTL, and that is all.',
  scenario: {
    seed: 1,
    durationMs: 3000,
    warmupMs: 0,
    workload: { requestsPerSec: 6, writeFraction: 0.25, keys: 1 },
    cache: { ttlMs: 800, jitterPct: 0 },
    db: FIXED_DB,
    pattern: { write: 'write-around' },
  },
  untilMs: 2110,
  keys: [0],
  beats: [
    {
      id: 'cached',
      match: { type: 'cache.set', version: 0 },
      text: 'The first read caches v0 for 800 ms.',
    },
    {
      id: 'filled',
      match: { type: 'cache.set', version: 1 },
      text: 'The old copy expired on its own, so this read missed and cached the current value, v1.',
    },
    {
      id: 'write',
      match: { type: 'db.commit', version: 2 },
      text: 'A write commits v2 in the database. Nothing touches the cache: it still holds v1 for most of its 800 ms.',
    },
    {
      id: 'stale',
      match: { type: 'request.done', outcome: 'stale' },
      text: 'Reads now get v1: stale. Every read until the TTL ends will too.',
    },
    {
      id: 'expired',
      match: { type: 'cache.expired' },
      text: 'The TTL runs out and the cache drops the stale copy. The next read will miss…',
    },
    {
      id: 'fresh',
      match: { type: 'cache.set', version: 2 },
      text: '…and caches v2. The stale window was at most one TTL long: that is the whole guarantee TTL-only invalidation gives.',
    },
  ],
  facts: [
    { label: 'Stale reads', testId: 'fact-stale', value: (run) => String(readsWith(run, 'stale')) },
    { label: 'Cache now', testId: 'fact-cache', value: (run) => cachedVersion(run, 0) },
  ],
  comparisons: [
    { label: 'TTL only', patch: {} },
    { label: 'Delete on write', patch: { pattern: { write: 'invalidate' } } },
    {
      label: 'Event-driven delete (200 ms)',
      patch: { pattern: { eventInvalidation: { delayMs: 200 } } },
    },
  ],
  comparisonColumns: ['staleReads', 'maxStalenessMs', 'hits', 'misses'],
  takeaway:
    'TTL-only invalidation is the simplest and is underused: if readers can live with data up to one TTL old, it needs no code on the write path. Delete on write when one service owns the writes and the cache; use events when another service owns the writes.',
  playground: { presetId: 'write-around', patch: { cache: { ttlMs: 5000 } } },
};

export const EVENT_DRIVEN: LessonDefinition = {
  ...lessonMeta('event-driven'),
  intro:
    'The data is owned by another service, so our write path cannot delete the key. Instead every database commit publishes a change event; our consumer deletes the key when the event arrives, 200 ms later. The cache TTL is long (30 s).',
  scenario: {
    seed: 1,
    durationMs: 3000,
    warmupMs: 0,
    workload: { requestsPerSec: 6, writeFraction: 0.25, keys: 1 },
    cache: { ttlMs: 30_000, jitterPct: 0 },
    db: FIXED_DB,
    pattern: { write: 'write-around', eventInvalidation: { delayMs: 200 } },
  },
  untilMs: 1490,
  keys: [0],
  laneLabels: { bus: 'Event bus + consumer' },
  beats: [
    {
      id: 'publish',
      match: { type: 'event.publish', version: 1 },
      text: 'The owner commits v1 and publishes a “key 0 changed” event (think Kafka or a pub/sub topic).',
    },
    {
      id: 'deliver',
      match: { type: 'event.deliver', version: 1 },
      text: 'The event reaches our consumer 200 ms later: the propagation delay.',
    },
    {
      id: 'delete',
      match: { type: 'cache.del' },
      text: 'The consumer deletes the key. It does not fetch the new value itself; the next read will.',
    },
    {
      id: 'refill',
      match: { type: 'cache.set', version: 1 },
      text: 'The next read misses and caches v1 from the database.',
    },
    {
      id: 'publish-2',
      match: { type: 'event.publish', version: 2 },
      text: 'Another change, v2, another event.',
    },
    {
      id: 'window',
      match: { type: 'request.done', outcome: 'stale' },
      text: 'Until the event arrives, reads still get v1: stale. The stale window is the delivery delay, 200 ms, not the 30 s TTL.',
    },
    {
      id: 'delete-2',
      match: { type: 'cache.del' },
      text: 'The event lands and the key is deleted; the next read gets v2.',
    },
  ],
  facts: [
    { label: 'Stale reads', testId: 'fact-stale', value: (run) => String(readsWith(run, 'stale')) },
    {
      label: 'Longest staleness',
      testId: 'fact-max-stale',
      value: (run) => `${Math.round(run.totals.maxStalenessMs)} ms`,
    },
  ],
  takeaway:
    'Event-driven invalidation lets a service keep its cache honest when someone else owns the writes. Expect a small stale window (the delivery delay), keep a TTL as a safety net for lost events, and delete in the handler rather than re-populating.',
  playground: { presetId: 'event-driven-invalidation' },
};

export const EVENT_REPOPULATE: LessonDefinition = {
  ...lessonMeta('event-repopulate'),
  intro:
    'Same event-driven set-up, with two changes: reads go to a read replica that is 500 ms behind the primary, and the event handler “helpfully” re-reads the key and SETs it instead of deleting it.',
  scenario: {
    seed: 1,
    durationMs: 3000,
    warmupMs: 0,
    workload: { requestsPerSec: 6, writeFraction: 0.25, keys: 1 },
    cache: { ttlMs: 30_000, jitterPct: 0 },
    db: { latencyVariation: 'fixed', replica: { lagMs: 500 }, readsFromReplica: true },
    pattern: { write: 'write-around', eventInvalidation: { delayMs: 100, repopulate: true } },
  },
  untilMs: 1130,
  keys: [0],
  laneLabels: { bus: 'Event bus + consumer' },
  beats: [
    {
      id: 'commit',
      match: { type: 'db.commit', version: 1 },
      text: 'The primary database commits v1. The replica will only see it 500 ms from now.',
    },
    {
      id: 'deliver',
      match: { type: 'event.deliver', version: 1 },
      text: 'The change event arrives after 100 ms. Instead of deleting the key, this handler re-reads the value to refresh the cache.',
    },
    {
      id: 'reread',
      match: { type: 'db.read', to: 'replica' },
      text: 'It reads from the replica, which has not caught up: it still returns v0.',
    },
    {
      id: 'bad-set',
      match: { type: 'cache.set', version: 0 },
      text: 'The handler SETs v0, the old value, with a fresh 30 s TTL. The event meant to remove stale data just stored it again.',
    },
    {
      id: 'stale',
      match: { type: 'request.done', outcome: 'stale' },
      text: 'Readers now get v0 until another event or the TTL: up to 30 s of stale data. A plain delete would have made the next read go to the database instead.',
    },
  ],
  predictions: [
    {
      beforeBeat: 'deliver',
      revealAtBeat: 'bad-set',
      question:
        'The handler will re-read key 0 from the replica and cache it. Which version will it cache?',
      choices: [
        { label: 'v1, the value that just changed', value: 1 },
        { label: 'v0, the old value', value: 0 },
      ],
      measure: (run) => {
        const e = run.trace.find((t: TraceEvent) => t.type === 'cache.set' && t.actor === 'bus');
        return e?.version ?? -1;
      },
      unit: '(the version cached)',
      explain:
        'The replica lags the primary by 500 ms and the event arrived after 100 ms, so the replica still had v0. Any read path that can return old data (replicas, other caches) makes re-populating unsafe.',
    },
  ],
  facts: [
    { label: 'Cache now', testId: 'fact-cache', value: (run) => cachedVersion(run, 0) },
    { label: 'Database now', testId: 'fact-db', value: (run) => dbVersion(run, 0) },
    { label: 'Stale reads', testId: 'fact-stale', value: (run) => String(readsWith(run, 'stale')) },
  ],
  comparisons: [
    { label: 'Handler re-populates', patch: {} },
    { label: 'Handler deletes', patch: { pattern: { eventInvalidation: { repopulate: false } } } },
  ],
  comparisonColumns: ['staleReads', 'maxStalenessMs', 'dbReads'],
  takeaway:
    'In an invalidation handler, delete the key; do not re-populate it. A lagging replica or any other out-of-date source can hand back the old value, and you would cache it with a brand-new TTL.',
  playground: { presetId: 'event-repopulate-replica' },
};

/** The race's script: reader A on App A (instance 0), writer B and later readers on App B. */
const RACE_READS_AFTER = [300, 450, 600, 750, 900, 1050, 1250, 1400];

export const INVALIDATION_RACE: LessonDefinition = {
  ...lessonMeta('invalidation-race'),
  intro:
    'Cache-aside with delete-on-write: one database, two app servers. A database read takes 80 ms, a write 10 ms; cached copies have a 1 s TTL. Reader A’s server stalls for 140 ms (think of a garbage-collection pause) just as A’s query is about to return. Watch what A does when it wakes up.',
  scenario: {
    seed: 1,
    durationMs: 1600,
    warmupMs: 0,
    app: { instances: 2 },
    workload: {
      requestsPerSec: 0,
      keys: 1,
      script: [
        { atMs: 0, op: 'read', key: 0, instance: 0 },
        { atMs: 100, op: 'write', key: 0, instance: 1 },
        ...RACE_READS_AFTER.map((atMs) => ({ atMs, op: 'read' as const, key: 0, instance: 1 })),
      ],
    },
    cache: { ttlMs: 1000, jitterPct: 0 },
    db: { readLatencyMs: 80, writeLatencyMs: 10, latencyVariation: 'fixed' },
    faults: [{ atMs: 60, kind: 'pause-app', instance: 0, forMs: 140 }],
  },
  untilMs: 1500,
  keys: [0],
  laneLabels: { 'app:0': 'App A', 'app:1': 'App B' },
  beats: [
    {
      id: 'a-miss',
      match: { type: 'cache.miss', actor: 'app:0' },
      text: 'Reader A misses…',
    },
    {
      id: 'a-read',
      match: { type: 'db.read', actor: 'app:0' },
      text: '…and queries the database. The key holds v0 at this moment.',
    },
    {
      id: 'pause',
      match: { type: 'fault', detailIncludes: 'pause-app 0' },
      text: 'A’s server stalls: a garbage-collection pause, a slow disk, an overloaded host. For 140 ms it handles nothing.',
    },
    {
      id: 'old-reply',
      match: { type: 'db.reply', actor: 'db', to: 'app:0', version: 0 },
      text: 'A’s query returns v0, correct when it was read. But A is frozen: it cannot store the value yet.',
    },
    {
      id: 'write',
      match: { type: 'db.commit', version: 1 },
      text: 'Meanwhile writer B, on App B, commits v1.',
    },
    {
      id: 'delete',
      match: { type: 'cache.del', actor: 'app:1' },
      text: 'B deletes the key, exactly as cache-aside says. The cache is empty; so far correct.',
    },
    {
      id: 'resume',
      match: { type: 'app.resume', actor: 'app:0' },
      text: 'A’s server wakes up and carries on exactly where it stopped: with v0 in hand.',
    },
    {
      id: 'stale-set',
      match: { type: 'cache.set', actor: 'app:0', version: 0 },
      text: 'A stores what it read: v0. The delete already happened, so nothing will remove this old value. The cache holds v0 while the database holds v1.',
    },
    {
      id: 'stale-read',
      match: { type: 'request.done', outcome: 'stale' },
      text: 'Every read now gets v0: stale, and it stays so until the TTL.',
    },
    {
      id: 'expired',
      match: { type: 'cache.expired' },
      text: 'The 1 s TTL ends and the cache drops the old value: the safety net. The next read will miss…',
    },
    {
      id: 'fresh',
      match: { type: 'cache.set', version: 1 },
      text: '…and caches v1. Without a TTL, v0 could have stayed until the next write. Always keep a TTL.',
    },
  ],
  predictions: [
    {
      beforeBeat: 'delete',
      revealAtBeat: 'stale-read',
      question:
        'The key has been deleted after the write. Six more reads arrive before A’s copy would expire. How many of them will be stale?',
      choices: [
        { label: 'None: the delete fixed it', value: 0 },
        { label: 'One or two', value: 2 },
        { label: 'All of them, until the TTL ends', value: 6 },
      ],
      measure: (run) => readsWith(run, 'stale'),
      unit: 'stale reads',
      explain:
        'The delete ran before A stored its old value, so it protected nothing. Reads got v0 until the TTL expired it. The TTL bounds this window; stronger fixes are versioned writes (refuse to overwrite a newer version), a delayed second delete, or lease tokens as in Facebook’s memcache paper.',
    },
  ],
  facts: [
    { label: 'Stale reads', testId: 'fact-stale', value: (run) => String(readsWith(run, 'stale')) },
    { label: 'Cache now', testId: 'fact-cache', value: (run) => cachedVersion(run, 0) },
    { label: 'Database now', testId: 'fact-db', value: (run) => dbVersion(run, 0) },
  ],
  takeaway:
    'Delete-on-write still has a race: a read that fetched the old value before the write can store it after the delete, whenever the reader is delayed between its query and its SET. Always keep a TTL as the safety net that bounds the stale window. Going further: versioned writes, delayed double delete, lease tokens.',
  playground: {
    presetId: 'cache-aside',
    patch: {
      app: { instances: 4 },
      workload: { writeFraction: 0.2, keys: 50 },
      faults: [
        { atMs: 20_000, kind: 'pause-app', instance: 0, forMs: 200 },
        { atMs: 30_000, kind: 'pause-app', instance: 1, forMs: 200 },
        { atMs: 40_000, kind: 'pause-app', instance: 2, forMs: 200 },
      ],
    },
  },
};

export const FRESHNESS_LESSONS: readonly LessonDefinition[] = [
  TTL_JITTER,
  INVALIDATION,
  EVENT_DRIVEN,
  EVENT_REPOPULATE,
  INVALIDATION_RACE,
];
