/**
 * Lessons for syllabus section 8: the stampede on one hot key and its cures. All share one
 * "Black Friday" set-up: one hot key, loaded by a warm-up job with a 1 s TTL, a 200 ms rebuild.
 */
import type { TraceEvent } from '../../sim/engine/engine-types';
import type { ScenarioInput } from '../../sim/scenario/scenario-schema';
import { lessonMeta } from './lesson-catalog';
import type { LessonDefinition, RunMeasures } from './lesson-types';
import { count, totalFact } from './lesson-measures';

/** One hot key read by everyone; it expires at 1 s and takes 200 ms to rebuild. */
function hotKey(
  stampede: NonNullable<ScenarioInput['stampede']>,
  requestsPerSec = 40,
): ScenarioInput {
  return {
    seed: 3,
    durationMs: 2000,
    warmupMs: 0,
    workload: { requestsPerSec, writeFraction: 0, keys: 1 },
    cache: { capacityKeys: null, ttlMs: 1000, jitterPct: 0 },
    db: { latencyVariation: 'fixed', readLatencyMs: 200 },
    stampede: { warmOnStart: true, ...stampede },
  };
}

/** From just before the expiry on, without the per-request bookkeeping rows. */
function around(types: readonly string[]): (e: TraceEvent) => boolean {
  const set = new Set(types);
  return (e) => set.has(e.type) && (e.type === 'cache.warm' || e.tMs >= 990);
}

/** Database queries in the lesson's run (each one a rebuild of the hot key). */
function rebuildQueries(run: RunMeasures): number {
  return count(run, 'db.read');
}

export const STAMPEDE: LessonDefinition = {
  ...lessonMeta('stampede'),
  intro:
    'A “Black Friday” product page: one hot key read 40 times a second. A warm-up job loaded it with a 1 s TTL; rebuilding it is a 200 ms query. No protection of any kind. The diagram starts just before the key expires.',
  scenario: hotKey({}),
  show: around(['cache.warm', 'cache.expired', 'cache.miss', 'db.read', 'cache.set']),
  untilMs: 1260,
  keys: [0],
  beats: [
    {
      id: 'warm',
      match: { type: 'cache.warm' },
      text: 'At time 0 the hot key is loaded with a 1 s TTL. For a second every read is a hit and the database rests.',
    },
    {
      id: 'expired',
      match: { type: 'cache.expired' },
      text: 'At 1 s the key expires and the cache drops it. The next read will miss…',
    },
    {
      id: 'rebuild',
      match: { type: 'db.read' },
      text: '…and starts the 200 ms query to rebuild it.',
    },
    {
      id: 'second',
      match: { type: 'cache.miss' },
      text: 'Another read arrives during the rebuild. The key is still missing (the first query has not returned), so it misses too.',
    },
    {
      id: 'duplicate',
      match: { type: 'db.read' },
      text: 'And it runs the same query again. Nothing tells it that someone is already rebuilding this key.',
    },
    {
      id: 'refilled',
      match: { type: 'cache.set' },
      text: 'The first query finally returns and refills the key. By now every read that arrived in those 200 ms has sent its own identical query; each of them will store the same value again.',
    },
  ],
  predictions: [
    {
      beforeBeat: 'expired',
      revealAtBeat: 'refilled',
      question:
        '40 reads a second, a 200 ms rebuild, no protection. How many database queries will this one expiry cause?',
      choices: [
        { label: 'Just 1', value: 1 },
        { label: 'About 3', value: 3 },
        { label: 'About 8: one per read during the rebuild', value: 8 },
      ],
      measure: (run) => rebuildQueries(run),
      unit: 'database queries',
      explain:
        'Every read in the 200 ms rebuild window missed and queried: about 40 × 0.2 = 8. Scale it up: at 10,000 reads per second a 200 ms rebuild means about 2,000 identical queries at once, exactly when the database is needed most.',
    },
  ],
  facts: [
    {
      label: 'Database queries',
      testId: 'fact-db-reads',
      value: (run) => String(rebuildQueries(run)),
    },
    totalFact('Misses', 'fact-misses', 'misses'),
  ],
  comparisons: [
    { label: 'No protection', patch: {} },
    { label: 'TTL jitter ±10%', patch: { cache: { jitterPct: 10 } } },
    { label: 'Rebuild lock', patch: { stampede: { lock: { ttlMs: 1000, retryMs: 50 } } } },
    {
      label: 'Stale-while-revalidate',
      patch: { cache: { ttlMs: 2000 }, stampede: { staleWhileRevalidate: { softTtlMs: 1000 } } },
    },
  ],
  comparisonColumns: ['dbReads', 'misses', 'lockWaits'],
  takeaway:
    'A hot key that expires under load turns into a burst of identical queries (a stampede, or thundering herd). TTL jitter does not help a single key; a rebuild lock, stale-while-revalidate or warming does.',
  playground: { presetId: 'hot-key-stampede' },
};

const LOCK_TYPES = [
  'cache.warm',
  'cache.expired',
  'cache.miss',
  'lock.acquired',
  'lock.busy',
  'db.read',
  'cache.set',
  'lock.released',
  'lock.lost',
  'lock.released-foreign',
];

/** Hits after waiting: the waiters' re-checks that finally find the rebuilt key. */
function isRelookupHit(e: TraceEvent): boolean {
  return e.type === 'cache.hit' && e.state === 'relookup';
}

export const REBUILD_LOCK: LessonDefinition = {
  ...lessonMeta('rebuild-lock'),
  intro:
    'The same hot key, now 20 reads a second, with a rebuild lock. On a miss, a request tries `SET lock:key token NX EX 1` (set only if absent, with a 1 s expiry, atomically). Whoever gets it rebuilds; the others wait 50 ms and look in the cache again.',
  scenario: hotKey({ lock: { ttlMs: 1000, retryMs: 50 } }, 20),
  show: (e) => around(LOCK_TYPES)(e) || (isRelookupHit(e) && e.tMs < 1300),
  untilMs: 1300,
  keys: [0],
  beats: [
    {
      id: 'miss',
      match: { type: 'cache.expired' },
      text: 'The key expires; the next read will miss.',
    },
    {
      id: 'acquire',
      match: { type: 'lock.acquired' },
      text: 'It sets lock:0 with NX (only if nobody holds it) and an expiry. It got the lock, so it is the one rebuilder.',
    },
    {
      id: 'query',
      match: { type: 'db.read' },
      text: 'The lock holder runs the 200 ms query.',
    },
    {
      id: 'busy',
      match: { type: 'lock.busy' },
      text: 'The next read also misses, but its SET NX fails: the lock is taken. Instead of querying, it waits 50 ms and will look in the cache again.',
    },
    {
      id: 'set',
      match: { type: 'cache.set' },
      text: 'The rebuild finishes and the holder stores the fresh value…',
    },
    {
      id: 'release',
      match: { type: 'lock.released' },
      text: '…and releases the lock, in a `finally` block in real code so a crash cannot leave it held. (Safer still: delete it only if it still holds your token.)',
    },
    {
      id: 'waiter-hit',
      match: { type: 'cache.hit', state: 'relookup' },
      text: 'A waiter re-checks the cache and finds the rebuilt key: a hit, with no query of its own. It paid in waiting time instead.',
    },
  ],
  predictions: [
    {
      beforeBeat: 'busy',
      revealAtBeat: 'waiter-hit',
      question: 'With the lock, how many database queries will this expiry cause?',
      choices: [
        { label: '1', value: 1 },
        { label: 'About 4, one per read during the rebuild', value: 4 },
      ],
      measure: (run) => count(run, 'db.read'),
      unit: 'database queries',
      explain:
        'Only the lock holder queried; everyone else waited and then hit. The cost moves to latency: waiters sit out the rebuild. The lock’s TTL must be longer than the slowest rebuild, as the next lesson shows.',
    },
  ],
  facts: [
    {
      label: 'Database queries',
      testId: 'fact-db-reads',
      value: (run) => String(count(run, 'db.read')),
    },
    totalFact('Lock waits', 'fact-lock-waits', 'lockWaits'),
  ],
  takeaway:
    'A rebuild lock (SET lock:key token NX EX ttl, atomically) turns a stampede into one query per expiry. Give the lock a TTL longer than the slowest rebuild, release it in finally, and release only if you still own it.',
  playground: { presetId: 'rebuild-lock' },
};

export const LOCK_TTL_TOO_SHORT: LessonDefinition = {
  ...lessonMeta('lock-ttl-too-short'),
  intro:
    'The rebuild lock again (40 reads a second), but its TTL is 80 ms while the query takes 200 ms. Release is safe: a holder only deletes the lock if it still owns it.',
  scenario: hotKey({ lock: { ttlMs: 80, retryMs: 50, safeRelease: true } }),
  show: around(LOCK_TYPES.filter((t) => t !== 'lock.busy' && t !== 'cache.miss')),
  untilMs: 1320,
  keys: [0],
  beats: [
    {
      id: 'first',
      match: { type: 'lock.acquired' },
      text: 'The key expired; the first request takes the lock (80 ms TTL) and starts a 200 ms query.',
    },
    {
      id: 'first-query',
      match: { type: 'db.read' },
      text: 'Its query is running. Other reads find the lock taken and wait.',
    },
    {
      id: 'second',
      match: { type: 'lock.acquired' },
      text: '80 ms in, the lock expires on its own while the first query is still running. A waiter retries, finds no lock and takes it: a second rebuilder.',
    },
    {
      id: 'second-query',
      match: { type: 'db.read' },
      text: 'It runs the same query again: exactly the duplicate work the lock was meant to prevent.',
    },
    {
      id: 'lost',
      match: { type: 'lock.lost' },
      text: 'When the first rebuilder finishes, its lock is long gone (someone else holds lock:0 now). Safe release checks the token and leaves the other holder’s lock alone.',
    },
  ],
  predictions: [
    {
      beforeBeat: 'first-query',
      revealAtBeat: 'lost',
      question:
        'The lock lasts 80 ms; the query takes 200 ms. How many rebuild queries will this expiry cause?',
      choices: [
        { label: '1: the lock prevents duplicates', value: 1 },
        { label: 'About 3: a new one each time the lock lapses', value: 3 },
      ],
      measure: (run) => count(run, 'db.read'),
      unit: 'database queries',
      explain:
        'Each time the lock expired mid-rebuild, a waiter took it and queried again: one rebuilder per 80 ms of a 200 ms query. Set the lock TTL comfortably above the slowest rebuild you expect.',
    },
  ],
  facts: [
    {
      label: 'Rebuild queries',
      testId: 'fact-db-reads',
      value: (run) => String(count(run, 'db.read')),
    },
    {
      label: 'Times the lock was taken',
      testId: 'fact-lock-acquired',
      value: (run) => String(count(run, 'lock.acquired')),
    },
  ],
  comparisons: [
    { label: 'Lock TTL 80 ms', patch: {} },
    { label: 'Lock TTL 1 s', patch: { stampede: { lock: { ttlMs: 1000 } } } },
  ],
  comparisonColumns: ['dbReads', 'lockWaits'],
  takeaway:
    'A lock that expires before the work is done is no lock. Make the lock TTL longer than the slowest rebuild; it exists only so a crashed holder cannot block everyone forever.',
  playground: {
    presetId: 'lock-ttl-too-short',
    patch: { stampede: { lock: { safeRelease: true } } },
  },
};

export const UNSAFE_LOCK_RELEASE: LessonDefinition = {
  ...lessonMeta('unsafe-lock-release'),
  intro:
    'The same short 80 ms lock, but release is a plain `DEL lock:key` with no check that the lock is still yours.',
  scenario: hotKey({ lock: { ttlMs: 80, retryMs: 50, safeRelease: false } }),
  show: around(LOCK_TYPES.filter((t) => t !== 'lock.busy' && t !== 'cache.miss')),
  untilMs: 1320,
  keys: [0],
  beats: [
    {
      id: 'first',
      match: { type: 'lock.acquired' },
      text: 'The first rebuilder takes the lock with an 80 ms TTL and starts a 200 ms query.',
    },
    {
      id: 'second',
      match: { type: 'lock.acquired' },
      text: 'The lock lapses mid-query and a second request takes it.',
    },
    {
      id: 'third',
      match: { type: 'lock.acquired' },
      text: 'It lapses again and a third request takes it. The lock now belongs to this third rebuilder.',
    },
    {
      id: 'foreign',
      match: { type: 'lock.released-foreign' },
      text: 'The first rebuilder finishes and runs DEL lock:0 without checking the token. It deletes the third rebuilder’s lock, not its own.',
    },
    {
      id: 'foreign-2',
      match: { type: 'lock.released-foreign' },
      text: 'The second rebuilder finishes and does the same, deleting a lock it no longer owns. Here the value was already cached, so no extra query followed; but any holder still working now has no lock, and the next request to miss would walk straight in.',
    },
  ],
  facts: [
    {
      label: 'Locks deleted that were not the holder’s',
      testId: 'fact-foreign',
      value: (run) => String(count(run, 'lock.released-foreign')),
    },
    {
      label: 'Rebuild queries',
      testId: 'fact-db-reads',
      value: (run) => String(count(run, 'db.read')),
    },
  ],
  comparisons: [
    { label: 'Unsafe release (DEL)', patch: {} },
    { label: 'Safe release (check token)', patch: { stampede: { lock: { safeRelease: true } } } },
  ],
  comparisonColumns: ['dbReads', 'lockWaits'],
  takeaway:
    'Release a lock only if you still own it: store a random token in it and delete it only when the token matches, atomically (in Redis, a small Lua script). A lock that expired may already belong to someone else.',
  playground: { presetId: 'lock-ttl-too-short' },
};

export const STALE_WHILE_REVALIDATE: LessonDefinition = {
  ...lessonMeta('stale-while-revalidate'),
  intro:
    'The hot key again (40 reads a second), with a soft TTL of 1 s inside a hard TTL of 2 s. After the soft TTL, a hit still returns the cached copy at once and starts one background refresh. HTTP has the same idea: `Cache-Control: stale-while-revalidate=N`.',
  scenario: {
    ...hotKey({ staleWhileRevalidate: { softTtlMs: 1000 } }),
    cache: { capacityKeys: null, ttlMs: 2000, jitterPct: 0 },
  },
  show: around(['cache.warm', 'swr.stale', 'refresh.start', 'db.read', 'cache.set', 'cache.miss']),
  // Ends as the refresh lands: the copy is replaced 200 ms after the refresh started.
  untilMs: 1205.16,
  keys: [0],
  beats: [
    {
      id: 'soft',
      match: { type: 'swr.stale' },
      text: 'The key is past its 1 s soft TTL. The read is still answered from the cache immediately, with the old copy.',
    },
    {
      id: 'refresh',
      match: { type: 'refresh.start' },
      text: 'And it kicks off one refresh in the background. The client does not wait for it.',
    },
    {
      id: 'query',
      match: { type: 'db.read' },
      text: 'The background refresh runs the 200 ms query.',
    },
    {
      id: 'more-soft',
      match: { type: 'swr.stale' },
      text: 'Reads during the refresh are served the cached copy too, and none starts another refresh: one is already running.',
    },
    {
      id: 'replaced',
      match: { type: 'cache.set' },
      text: 'The refresh stores the new copy with a fresh TTL. No miss, no wait, one query.',
    },
  ],
  predictions: [
    {
      beforeBeat: 'soft',
      revealAtBeat: 'replaced',
      question: 'How many reads will miss while the key is refreshed?',
      choices: [
        { label: 'None', value: 0 },
        { label: 'About 8', value: 8 },
      ],
      measure: (run) => count(run, 'cache.miss'),
      unit: 'misses',
      explain:
        'None: the hard TTL has not passed, so the old copy is still there to serve. The trade-off is freshness: readers may see a value up to the hard TTL old. Fine for a product page; not for a balance.',
    },
  ],
  facts: [
    totalFact('Misses', 'fact-misses', 'misses'),
    {
      label: 'Database queries',
      testId: 'fact-db-reads',
      value: (run) => String(count(run, 'db.read')),
    },
  ],
  takeaway:
    'Stale-while-revalidate serves the old value and refreshes once in the background: no one waits and the database sees one query. Use it where slightly old data is acceptable.',
  playground: { presetId: 'stale-while-revalidate' },
};

export const WARMING: LessonDefinition = {
  ...lessonMeta('warming'),
  intro:
    'Right after a deploy or a restart the cache is empty. Five keys, 40 reads a second, a 200 ms query. This run starts cold; the table at the end compares a run where a warm-up job loaded the keys first.',
  scenario: {
    seed: 3,
    durationMs: 2000,
    warmupMs: 0,
    workload: { requestsPerSec: 40, writeFraction: 0, keys: 5, popularity: { kind: 'uniform' } },
    cache: { capacityKeys: null, ttlMs: 60_000, jitterPct: 0 },
    db: { latencyVariation: 'fixed', readLatencyMs: 200 },
  },
  show: (e) => ['cache.miss', 'db.read', 'cache.set', 'cache.hit'].includes(e.type),
  untilMs: 330,
  keys: [0, 1, 2, 3, 4],
  beats: [
    {
      id: 'cold',
      match: { type: 'cache.miss' },
      text: 'The very first read misses: the cache is cold.',
    },
    {
      id: 'query',
      match: { type: 'db.read' },
      text: 'It queries the database, 200 ms.',
    },
    {
      id: 'pileup',
      match: { type: 'db.read', nth: 3 },
      text: 'More reads arrive before anything has been cached. They all miss and query too, several of them for the same key.',
    },
    {
      id: 'first-set',
      match: { type: 'cache.set' },
      text: 'Only after 200 ms do the first results land in the cache.',
    },
    {
      id: 'first-hit',
      match: { type: 'cache.hit' },
      text: 'From here reads start to hit. Every query before this was the price of starting cold.',
    },
  ],
  predictions: [
    {
      beforeBeat: 'cold',
      revealAtBeat: 'first-hit',
      question: 'How many database queries will the cold start cause before the first hit?',
      choices: [
        { label: '5, one per key', value: 5 },
        { label: 'About 10', value: 10 },
        { label: 'About 20', value: 20 },
      ],
      measure: (run) => {
        const firstHit = run.trace.find((e) => e.type === 'cache.hit')?.tMs ?? Infinity;
        return count(run, 'db.read', (e) => e.tMs < firstHit);
      },
      unit: 'database queries',
      explain:
        'Every read in the first 200 ms missed, including repeats of keys already being fetched. A warm-up job that loads the popular keys before traffic arrives avoids the whole wave (see the table).',
    },
  ],
  comparisons: [
    { label: 'Cold start', patch: {} },
    { label: 'Warmed on start', patch: { stampede: { warmOnStart: true } } },
  ],
  comparisonColumns: ['misses', 'dbReads', 'hitRatio'],
  takeaway:
    'Warm the cache before sending traffic to it (after a deploy or a cache restart): load the keys you know are popular. Warmed keys share a TTL, so add jitter or they will all expire together.',
  playground: { presetId: 'warm-on-start' },
};

export const STAMPEDE_LESSONS: readonly LessonDefinition[] = [
  STAMPEDE,
  REBUILD_LOCK,
  LOCK_TTL_TOO_SHORT,
  UNSAFE_LOCK_RELEASE,
  STALE_WHILE_REVALIDATE,
  WARMING,
];
