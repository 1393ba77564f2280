/**
 * Lessons for syllabus section 4: write-through (one writer, then two racing writers and the
 * version-checked SET), write-behind (and losing writes), write-around.
 */
import { lessonMeta } from './lesson-catalog';
import type { LessonDefinition, RunMeasures } from './lesson-types';
import { cachedVersion, count, dbVersion, readsWith, totalFact } from './lesson-measures';

const FIXED_DB = { latencyVariation: 'fixed' } as const;

export const WRITE_THROUGH: LessonDefinition = {
  ...lessonMeta('write-through'),
  intro:
    'One app server, one key, reads and writes mixed, and never two writes at once. With write-through, every write updates the database and then the cache, and only then tells the client it is done. Database writes take 20 ms.',
  scenario: {
    seed: 1,
    durationMs: 1500,
    warmupMs: 0,
    workload: { requestsPerSec: 6, writeFraction: 0.4, keys: 1 },
    cache: { ttlMs: 30_000, jitterPct: 0 },
    db: FIXED_DB,
    pattern: { write: 'write-through' },
  },
  untilMs: 600,
  keys: [0],
  beats: [
    {
      id: 'write',
      match: { type: 'db.commit', version: 1 },
      text: 'A write arrives. Step 1: the database commits v1.',
    },
    {
      id: 'set',
      match: { type: 'cache.set', version: 1 },
      text: 'Step 2, in the same operation: the app writes v1 into the cache too. Cache and database agree.',
    },
    {
      id: 'ack',
      match: { type: 'request.done', outcome: 'write' },
      text: 'Only now is the client told the write succeeded: 22.5 ms after it arrived. That is the 20 ms database write, 2 ms for its acknowledgement to come back, and the 0.5 ms cache write. Every write pays both the database and the cache.',
    },
    {
      id: 'hit',
      match: { type: 'cache.hit', version: 1 },
      text: 'A read right after the write is a hit on the new value. No miss after a write, and no chance of reading what the write replaced: read-after-write is fresh.',
    },
    {
      id: 'write-2',
      match: { type: 'cache.set', version: 2 },
      text: 'The next write does the same: database, then cache, then the acknowledgement.',
    },
    {
      id: 'hit-2',
      match: { type: 'cache.hit', version: 2 },
      text: 'And reads keep hitting the newest value.',
    },
  ],
  predictions: [
    {
      beforeBeat: 'write',
      revealAtBeat: 'hit',
      question: 'After a write-through write, will the next read hit or miss?',
      choices: [
        { label: 'Miss: it must refetch from the database', value: 0 },
        { label: 'Hit, on the new value', value: 1 },
      ],
      measure: (run) => (count(run, 'cache.hit', (e) => e.version === 1) > 0 ? 1 : 0),
      unit: '(1 = a hit on the new value)',
      explain:
        'Write-through leaves the fresh value in the cache, so the read after a write hits. Compare cache-aside, where the write deletes the key and the next read misses.',
    },
  ],
  facts: [
    totalFact('Stale reads', 'fact-stale', 'staleReads'),
    totalFact('Misses', 'fact-misses', 'misses'),
    { label: 'Cache now', testId: 'fact-cache', value: (run) => cachedVersion(run, 0) },
    { label: 'Database now', testId: 'fact-db', value: (run) => dbVersion(run, 0) },
  ],
  takeaway:
    'Write-through suits strict read-after-write paths, such as a user editing their own profile: with one writer per key at a time, reads after writes are fresh and written keys stay warm. Each write pays both latencies, and if the cache is down the write cannot complete. Two writers updating the same key at once are another story: see the next lesson.',
  playground: { presetId: 'write-through' },
};

/**
 * The two-writer script shared by the race and its fix: writer A on App A (instance 0) writes
 * first, then stalls before its SET; writer B on App B writes in the meantime; readers on App B.
 */
const TWO_WRITERS = {
  seed: 1,
  durationMs: 1500,
  warmupMs: 0,
  app: { instances: 2 },
  workload: {
    requestsPerSec: 0,
    keys: 1,
    script: [
      { atMs: 0, op: 'write' as const, key: 0, instance: 0 },
      { atMs: 20, op: 'write' as const, key: 0, instance: 1 },
      ...[100, 250, 400, 550, 700, 850, 1000, 1150].map((atMs) => ({
        atMs,
        op: 'read' as const,
        key: 0,
        instance: 1,
      })),
    ],
  },
  cache: { ttlMs: 1000, jitterPct: 0 },
  db: { readLatencyMs: 20, writeLatencyMs: 10, latencyVariation: 'fixed' as const },
  pattern: { write: 'write-through' as const },
  faults: [{ atMs: 5, kind: 'pause-app' as const, instance: 0, forMs: 50 }],
};

const TWO_WRITER_LANES = { 'app:0': 'App A', 'app:1': 'App B' };

/** The version the first read after both writes was served: what the writers left cached. */
function firstReadVersion(run: RunMeasures): number {
  return run.trace.find((e) => e.type === 'request.done' && e.outcome !== 'write')?.version ?? -1;
}

/** Scaled up: the update-race set-up (4 app servers, 50 keys, 20% writes) with write-through. */
const TWO_WRITERS_PLAYGROUND = {
  presetId: 'write-through-race',
} as const;

export const WRITE_THROUGH_RACE: LessonDefinition = {
  ...lessonMeta('write-through-race'),
  intro:
    'Write-through as it is usually coded: write the database, then SET the cache. Two app servers write the same key 20 ms apart; a database write takes 10 ms and the TTL is 1 s. Just after writer A sends its write, A’s server stalls for 50 ms (a garbage-collection pause, say). At scale, a few milliseconds of network jitter does the same, only less visibly.',
  scenario: TWO_WRITERS,
  keys: [0],
  laneLabels: TWO_WRITER_LANES,
  beats: [
    {
      id: 'a-write',
      match: { type: 'db.write', actor: 'app:0' },
      text: 'Writer A, on App A, sends its write for key 0 to the database.',
    },
    {
      id: 'pause',
      match: { type: 'fault', detailIncludes: 'pause-app 0' },
      text: 'App A stalls for 50 ms. The database carries on without it.',
    },
    {
      id: 'a-commit',
      match: { type: 'db.commit', version: 1 },
      text: 'The database commits A’s write as v1. The acknowledgement is on its way to App A, which is frozen and cannot act on it yet.',
    },
    {
      id: 'b-commit',
      match: { type: 'db.commit', version: 2 },
      text: 'Writer B, on App B, writes the same key. The database commits it as v2: the newest value.',
    },
    {
      id: 'b-set',
      match: { type: 'cache.set', actor: 'app:1', version: 2 },
      text: 'B does its write-through step and SETs v2 in the cache. Cache and database agree, for now.',
    },
    {
      id: 'resume',
      match: { type: 'app.resume', actor: 'app:0' },
      text: 'App A wakes up and carries on where it stopped: its write is acknowledged, so next comes its SET.',
    },
    {
      id: 'a-set',
      match: { type: 'cache.set', actor: 'app:0', version: 1 },
      text: 'A SETs what it wrote: v1. A plain SET does not look at what is there, so it overwrites the newer v2. The cache now holds v1 while the database holds v2.',
    },
    {
      id: 'stale-read',
      match: { type: 'request.done', outcome: 'stale' },
      text: 'A reader gets v1: stale. Write-through promised fresh reads, and with two writers it does not deliver them.',
    },
    {
      id: 'expired',
      match: { type: 'cache.expired' },
      text: 'Only the 1 s TTL ends it (or a later write to this key): the cache drops the old value. The next read will miss…',
    },
    {
      id: 'fresh',
      match: { type: 'cache.set', version: 2 },
      text: '…and fills the cache with v2 from the database. Every read in between was stale.',
    },
  ],
  predictions: [
    {
      beforeBeat: 'b-set',
      revealAtBeat: 'stale-read',
      question:
        'B has just SET v2. When App A wakes up it will SET v1, the value it wrote. Which version will the next read get?',
      choices: [
        { label: 'v2: the newest value is already cached', value: 2 },
        { label: 'v1: A’s SET lands last and wins', value: 1 },
      ],
      measure: firstReadVersion,
      unit: '(the version served)',
      explain:
        'The cache keeps whichever SET arrives last, and A’s arrived last although A committed first. Write-through that does DB-then-SET races exactly like update-on-write.',
    },
  ],
  facts: [
    { label: 'Stale reads', testId: 'fact-stale', value: (run) => String(readsWith(run, 'stale')) },
    {
      label: 'Longest staleness',
      testId: 'fact-max-stale',
      value: (run) => `${Math.round(run.totals.maxStalenessMs)} ms`,
    },
    { label: 'Cache now', testId: 'fact-cache', value: (run) => cachedVersion(run, 0) },
    { label: 'Database now', testId: 'fact-db', value: (run) => dbVersion(run, 0) },
  ],
  comparisons: [
    { label: 'Write-through, plain SET', patch: {} },
    {
      label: 'Write-through, version-checked SET',
      patch: { pattern: { writeThrough: { versioned: true } } },
    },
    { label: 'Delete on write', patch: { pattern: { write: 'invalidate' } } },
  ],
  comparisonColumns: ['staleReads', 'maxStalenessMs', 'hits', 'misses'],
  takeaway:
    'Write-through is fresh for one writer at a time. With two writers on one key, DB-then-SET can leave the older value cached until the TTL or the next write, exactly like update-on-write. Fix it with a version-checked SET (next lesson), by serialising writes per key, or by deleting instead of setting; always keep a TTL.',
  playground: TWO_WRITERS_PLAYGROUND,
};

export const WRITE_THROUGH_VERSIONED: LessonDefinition = {
  ...lessonMeta('write-through-versioned'),
  intro:
    'The same script as the last lesson: writer A stalls between its database commit and its SET, and writer B writes in the meantime. This time every SET is version-checked: in one atomic step (a short Lua script in Redis) the cache compares the version it holds with the one offered and keeps the newer.',
  scenario: {
    ...TWO_WRITERS,
    pattern: { write: 'write-through', writeThrough: { versioned: true } },
  },
  keys: [0],
  laneLabels: TWO_WRITER_LANES,
  beats: [
    {
      id: 'a-commit',
      match: { type: 'db.commit', version: 1 },
      text: 'Writer A’s write commits as v1, and App A is stalled before it can SET.',
    },
    {
      id: 'b-commit',
      match: { type: 'db.commit', version: 2 },
      text: 'Writer B’s write to the same key commits as v2.',
    },
    {
      id: 'b-set',
      match: { type: 'cache.set', actor: 'app:1', version: 2 },
      text: 'B’s SET offers v2. The cache holds no version of key 0 yet, so the check passes and v2 is stored.',
    },
    {
      id: 'resume',
      match: { type: 'app.resume', actor: 'app:0' },
      text: 'App A wakes up and sends its SET of v1, as before.',
    },
    {
      id: 'skipped',
      match: { type: 'cache.set-skipped', actor: 'app:0', version: 1 },
      text: 'This time the cache compares versions: it already holds v2, newer than v1, so it keeps v2 and drops A’s SET. Check and write happen in one step, so nothing can slip in between.',
    },
    {
      id: 'fresh-read',
      match: { type: 'request.done', outcome: 'hit', version: 2 },
      text: 'Readers get v2, the newest value, and keep getting it: no stale reads after both SETs.',
    },
  ],
  predictions: [
    {
      beforeBeat: 'resume',
      revealAtBeat: 'fresh-read',
      question: 'App A is about to SET v1 with a version check. Which version will readers get?',
      choices: [
        { label: 'v2: the check refuses the older value', value: 2 },
        { label: 'v1: A’s SET still lands last', value: 1 },
      ],
      measure: firstReadVersion,
      unit: '(the version served)',
      explain:
        'A version-checked SET never replaces a newer cached value, so the order in which the SETs arrive no longer matters.',
    },
  ],
  facts: [
    { label: 'Stale reads', testId: 'fact-stale', value: (run) => String(readsWith(run, 'stale')) },
    {
      label: 'SETs skipped',
      testId: 'fact-skipped',
      value: (run) => String(count(run, 'cache.set-skipped')),
    },
    { label: 'Cache now', testId: 'fact-cache', value: (run) => cachedVersion(run, 0) },
    { label: 'Database now', testId: 'fact-db', value: (run) => dbVersion(run, 0) },
  ],
  comparisons: [
    { label: 'Version-checked SET', patch: {} },
    { label: 'Plain SET', patch: { pattern: { writeThrough: { versioned: false } } } },
  ],
  comparisonColumns: ['staleReads', 'maxStalenessMs', 'hits', 'misses'],
  takeaway:
    'A version-checked SET (compare-and-set on a version, in one atomic step) makes write-through safe with concurrent writers: the older value can no longer overwrite the newer one. What remains is the short window between a commit and its SET, when readers still get the previous value. It needs a version that only grows, such as a row version or commit timestamp stored with the value.',
  playground: {
    ...TWO_WRITERS_PLAYGROUND,
    patch: { pattern: { writeThrough: { versioned: true } } },
  },
};

export const WRITE_BEHIND: LessonDefinition = {
  ...lessonMeta('write-behind'),
  intro:
    'Write-behind (write-back): a write lands in the cache, is acknowledged at once and waits in a buffer; a flusher writes the buffer to the database in batches every 400 ms. Near the end the cache node crashes.',
  scenario: {
    seed: 1,
    durationMs: 2000,
    warmupMs: 0,
    workload: {
      requestsPerSec: 6,
      writeFraction: 0.6,
      keys: 2,
      popularity: { kind: 'uniform' },
    },
    cache: { ttlMs: 30_000, jitterPct: 0 },
    db: FIXED_DB,
    pattern: { write: 'write-behind', writeBehind: { flushIntervalMs: 400, batchSize: 100 } },
    faults: [{ atMs: 1450, kind: 'cache-down', forMs: 100 }],
  },
  untilMs: 1560,
  // One failed write is one error: the engine records the failure and then the reply to the
  // client; the diagram draws only the reply, so a single write never shows two error arrows.
  show: (e) => e.type !== 'write.failed',
  keys: [0, 1],
  beats: [
    {
      id: 'buffered',
      match: { type: 'writebehind.buffer', version: 1 },
      text: 'A write to key 1 goes only to the cache, which also puts it in the write buffer. The database still has v0.',
    },
    {
      id: 'fast-ack',
      match: { type: 'request.done', outcome: 'write' },
      text: 'The client is told “done” after 0.5 ms: no database in the way. That is the appeal for counters and analytics.',
    },
    {
      id: 'ahead',
      match: { type: 'cache.hit', key: 1 },
      text: 'Reads are served from the cache, which is now ahead of the database: the newest value exists only in cache memory.',
    },
    {
      id: 'flush',
      match: { type: 'flush.batch' },
      text: 'The flusher wakes up and writes the buffered changes to the database in one batch: fewer, bigger database writes.',
    },
    {
      id: 'flushed',
      match: { type: 'db.reply', to: 'flusher' },
      text: 'The batch is committed. For these keys, the database has caught up.',
    },
    {
      id: 'pending',
      match: { type: 'writebehind.buffer', version: 7 },
      text: 'More writes arrive and wait in the buffer for the next flush. Each one has been acknowledged to its client.',
    },
    {
      id: 'crash',
      match: { type: 'fault' },
      text: 'The cache node crashes before the next flush.',
    },
    {
      id: 'lost',
      match: { type: 'write.lost' },
      text: 'Every write still in the buffer dies with it. The clients were told these writes succeeded; the database never saw them. They are lost for good.',
    },
    {
      id: 'write-fails',
      match: { type: 'request.done', outcome: 'error' },
      text: 'While the node is down, new writes have nowhere to go: the app answers this one with an error. Write-behind cannot fall back to the database the way cache-aside reads can.',
    },
  ],
  predictions: [
    {
      beforeBeat: 'crash',
      revealAtBeat: 'lost',
      question: 'The cache node is about to crash. How many acknowledged writes will be lost?',
      choices: [
        { label: 'None: they were acknowledged', value: 0 },
        { label: 'Only the last one', value: 1 },
        { label: 'Every write since the last flush', value: 3 },
      ],
      measure: (run) => run.totals.lostWrites,
      unit: 'lost writes',
      explain:
        'An acknowledgement from write-behind only means “in cache memory”. Everything written since the last flush was in the buffer, so all of it went down with the node. A shorter flush interval shrinks the window; it never closes it.',
    },
  ],
  facts: [
    totalFact('Lost writes', 'fact-lost', 'lostWrites'),
    totalFact('Failed writes', 'fact-errors', 'errors'),
    totalFact('Database writes (batches)', 'fact-db-writes', 'dbWrites'),
  ],
  takeaway:
    'Write-behind gives sub-millisecond writes and batched database load, which is fine for counters and analytics. Anything still buffered when the cache dies is lost, so never use it for data you cannot afford to lose.',
  playground: { presetId: 'write-behind-crash' },
};

export const WRITE_AROUND: LessonDefinition = {
  ...lessonMeta('write-around'),
  intro:
    'With write-around, a write goes to the database only; the cache is filled by reads (cache-aside). It suits data that is written once and rarely read again: logs, uploads, audit records. Here, though, the key is read again after it changes.',
  scenario: {
    seed: 1,
    durationMs: 1500,
    warmupMs: 0,
    workload: { requestsPerSec: 6, writeFraction: 0.4, keys: 1 },
    cache: { ttlMs: 30_000, jitterPct: 0 },
    db: FIXED_DB,
    pattern: { write: 'write-around' },
  },
  untilMs: 600,
  keys: [0],
  beats: [
    {
      id: 'write',
      match: { type: 'db.commit', version: 1 },
      text: 'A write goes straight to the database (v1). The cache is not touched: no cache write, no delete.',
    },
    {
      id: 'fill',
      match: { type: 'cache.set', version: 1 },
      text: 'Reads fill the cache on a miss, exactly as in cache-aside.',
    },
    {
      id: 'write-2',
      match: { type: 'db.commit', version: 2 },
      text: 'Another write: the database now holds v2. The cache still holds v1, and nothing removes it.',
    },
    {
      id: 'stale',
      match: { type: 'request.done', outcome: 'stale' },
      text: 'The next read hits the old copy: stale. It stays stale until the 30 s TTL ends. Fine for data nobody rewrites; wrong for data that changes and is read again.',
    },
  ],
  predictions: [
    {
      beforeBeat: 'write-2',
      revealAtBeat: 'stale',
      question: 'After this write, which version will the next read get?',
      choices: [
        { label: 'v2, the new one', value: 2 },
        { label: 'v1, the cached one', value: 1 },
      ],
      measure: (run) => {
        const w = run.trace.findIndex((e) => e.type === 'db.commit' && e.version === 2);
        return (
          run.trace.find((e, i) => i > w && e.type === 'request.done' && e.outcome !== 'write')
            ?.version ?? -1
        );
      },
      unit: '(the version served)',
      explain:
        'Write-around never touches the cache on a write, so an existing copy survives until its TTL. Pair it with delete-on-write, or use it only where data is not rewritten.',
    },
  ],
  facts: [
    { label: 'Stale reads', testId: 'fact-stale', value: (run) => String(readsWith(run, 'stale')) },
    { label: 'Cache now', testId: 'fact-cache', value: (run) => cachedVersion(run, 0) },
    { label: 'Database now', testId: 'fact-db', value: (run) => dbVersion(run, 0) },
  ],
  comparisons: [
    { label: 'Write-around', patch: {} },
    { label: 'Write-through', patch: { pattern: { write: 'write-through' } } },
    { label: 'Delete on write', patch: { pattern: { write: 'invalidate' } } },
  ],
  comparisonColumns: ['staleReads', 'hits', 'misses', 'dbReads'],
  takeaway:
    'Write-around keeps write-once data out of the cache, so it does not push out data people actually read. Real systems mix strategies per data type: write-through for profiles, write-behind for counters, write-around for logs.',
  playground: { presetId: 'write-around' },
};

export const WRITE_LESSONS: readonly LessonDefinition[] = [
  WRITE_THROUGH,
  WRITE_THROUGH_RACE,
  WRITE_THROUGH_VERSIONED,
  WRITE_BEHIND,
  WRITE_AROUND,
];
