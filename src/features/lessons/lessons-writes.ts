/** Lessons for syllabus section 4: write-through, write-behind (and losing writes), write-around. */
import type { LessonDefinition } from './lesson-types';
import { cachedVersion, count, dbVersion, readsWith } from './lesson-measures';

const FIXED_DB = { latencyVariation: 'fixed' } as const;

export const WRITE_THROUGH: LessonDefinition = {
  id: 'write-through',
  title: 'Write-through: fresh reads, slower writes',
  section: '4',
  summary: 'Each write goes to the database and the cache before it is acknowledged.',
  intro:
    'One app server, one key, reads and writes mixed. With write-through, every write updates the database and then the cache, and only then tells the client it is done. Database writes take 20 ms.',
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
      text: 'Only now is the client told the write succeeded: about 20.5 ms, the database write plus the cache write. Every write pays both.',
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
    { label: 'Stale reads', testId: 'fact-stale', value: (run) => String(run.totals.staleReads) },
    { label: 'Misses', testId: 'fact-misses', value: (run) => String(run.totals.misses) },
    { label: 'Cache now', testId: 'fact-cache', value: (run) => cachedVersion(run, 0) },
    { label: 'Database now', testId: 'fact-db', value: (run) => dbVersion(run, 0) },
  ],
  takeaway:
    'Write-through suits strict read-after-write paths, such as a user editing their own profile: reads after writes are fresh and written keys stay warm. Each write pays both latencies, and if the cache is down the write cannot complete.',
  playground: { presetId: 'write-through' },
};

export const WRITE_BEHIND: LessonDefinition = {
  id: 'write-behind',
  title: 'Write-behind, and a cache crash that loses writes',
  section: '4',
  summary:
    'Writes are acknowledged from the cache and flushed to the database later. A crash before the flush loses them.',
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
      match: { type: 'write.failed' },
      text: 'While the node is down, new writes have nowhere to go and fail: write-behind cannot fall back to the database the way cache-aside reads can.',
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
    { label: 'Lost writes', testId: 'fact-lost', value: (run) => String(run.totals.lostWrites) },
    { label: 'Failed writes', testId: 'fact-errors', value: (run) => String(run.totals.errors) },
    {
      label: 'Database writes (batches)',
      testId: 'fact-db-writes',
      value: (run) => String(run.totals.dbWrites),
    },
  ],
  takeaway:
    'Write-behind gives sub-millisecond writes and batched database load, which is fine for counters and analytics. Anything still buffered when the cache dies is lost, so never use it for data you cannot afford to lose.',
  playground: { presetId: 'write-behind-crash' },
};

export const WRITE_AROUND: LessonDefinition = {
  id: 'write-around',
  title: 'Write-around: writes skip the cache',
  section: '4',
  summary:
    'Writes go only to the database; the cache fills on reads, and a cached copy can go stale.',
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
  WRITE_BEHIND,
  WRITE_AROUND,
];
