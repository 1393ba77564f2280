/**
 * Lessons for syllabus sections 1-3: why cache, where caches live, cache-aside and its write,
 * delete-vs-update, and what cache-aside does when the cache fails. Seeds were chosen so each
 * story happens within the first second or two of simulated time; the consistency test replays
 * them and fails if the engine stops producing the narrated events.
 */
import { lessonMeta } from './lesson-catalog';
import type { LessonDefinition } from './lesson-types';
import {
  cachedVersion,
  count,
  dbVersion,
  ms,
  readsWith,
  totalFact,
  totalLatencyMs,
} from './lesson-measures';

/** Fixed latencies keep the numbers in the narration exact (50 ms reads, 20 ms writes, 0.5 ms cache). */
const FIXED_DB = { latencyVariation: 'fixed' } as const;

export const WHY_CACHE: LessonDefinition = {
  ...lessonMeta('why-cache'),
  intro:
    'One app server, a cache and a database. A database query takes 50 ms; a cache lookup takes 0.5 ms. Six clients read the same key during one second, and nobody changes it.',
  scenario: {
    seed: 2,
    durationMs: 1000,
    warmupMs: 0,
    workload: { requestsPerSec: 10, writeFraction: 0, keys: 1 },
    cache: { ttlMs: 60_000, jitterPct: 0 },
    db: FIXED_DB,
  },
  keys: [0],
  beats: [
    {
      id: 'first-read',
      match: { type: 'request.start' },
      text: 'A client asks the app for key 0. The cache has only just started, so it holds nothing yet: it is "cold".',
    },
    {
      id: 'first-miss',
      match: { type: 'cache.miss', key: 0 },
      text: 'The app always looks in the cache first. Key 0 is not there: a miss. A miss costs a cache round trip and still leaves the app without an answer.',
    },
    {
      id: 'first-query',
      match: { type: 'db.read', key: 0 },
      text: 'So the app queries the database. This is the slow part: 50 ms, about a hundred times longer than asking the cache.',
    },
    {
      id: 'first-reply',
      match: { type: 'db.reply', key: 0 },
      text: 'The database answers with version 0 of the value (Cachescope names values by their version: v0, v1, …).',
    },
    {
      id: 'first-set',
      match: { type: 'cache.set', key: 0 },
      text: 'Before answering, the app stores a copy in the cache with a 60-second TTL (time to live). Every reader in the next minute can now skip the database.',
    },
    {
      id: 'first-done',
      match: { type: 'request.done', outcome: 'miss' },
      text: 'The first reader waited about 50.5 ms: the cache lookup plus the full query. Someone always pays for the first read.',
    },
    {
      id: 'first-hit',
      match: { type: 'cache.hit', key: 0 },
      text: 'The next read finds the copy in the cache: a hit. No database work at all.',
    },
    {
      id: 'first-hit-done',
      match: { type: 'request.done', outcome: 'hit' },
      text: 'This reader waited 0.5 ms instead of 50. Every later read in this lesson goes the same way, which is the whole case for caching: data read far more often than it changes.',
    },
  ],
  predictions: [
    {
      beforeBeat: 'first-read',
      revealAtBeat: 'first-hit-done',
      question:
        'Six reads of the same, unchanging key arrive during this second. How many of them will reach the database?',
      choices: [
        { label: 'All 6', value: 6 },
        { label: 'About half', value: 3 },
        { label: 'Just 1', value: 1 },
        { label: 'None', value: 0 },
      ],
      measure: (run) => run.totals.dbReads,
      unit: 'database queries',
      explain:
        'Only the first read misses: it fills the cache, and the copy stays valid for 60 s while nobody writes. With real traffic the same holds per key: the database sees about one query per key per TTL or per change, not one per read.',
    },
  ],
  facts: [
    totalFact('Reads', 'fact-reads', 'reads'),
    totalFact('Database queries', 'fact-db-reads', 'dbReads'),
    {
      label: 'Time spent reading, with the cache',
      testId: 'fact-with-cache',
      value: (run) => ms(totalLatencyMs(run)),
    },
    {
      label: 'The same reads without a cache',
      testId: 'fact-without-cache',
      value: (run) => ms(run.totals.reads * 50),
    },
  ],
  takeaway:
    'A cache is a fast copy of slow data. It pays off when data is read many times per change: one slow read fills it, the rest are nearly free. The price is that the copy can fall behind the truth.',
  playground: { presetId: 'why-cache' },
  link: { href: '#/why-cache', label: 'Try your own numbers in the “Why cache?” calculator' },
};

export const LAYERS: LessonDefinition = {
  ...lessonMeta('layers'),
  intro:
    'Two app servers, each with a tiny in-process cache (L1, a map in the server’s memory, 2 s TTL) in front of a shared distributed cache (L2, like Redis). Requests alternate between the servers. Writes use cache-aside: update the database, then delete the key from the shared cache.',
  scenario: {
    seed: 3,
    durationMs: 3000,
    warmupMs: 0,
    app: { instances: 2, l1: { capacityKeys: 10, ttlMs: 2000 } },
    workload: { requestsPerSec: 4, writeFraction: 0.2, keys: 1 },
    cache: { ttlMs: 30_000, jitterPct: 0 },
    db: FIXED_DB,
  },
  untilMs: 1500,
  keys: [0],
  laneLabels: { 'app:0': 'App 1 (+L1)', 'app:1': 'App 2 (+L1)' },
  beats: [
    {
      id: 'l1-miss-1',
      match: { type: 'l1.miss', actor: 'app:0' },
      text: 'App 1 first checks its own memory (L1). Nothing there. An L1 lookup costs no network trip at all, which is why in-process caches are the fastest layer.',
    },
    {
      id: 'l2-miss',
      match: { type: 'cache.miss', actor: 'app:0' },
      text: 'Then the shared cache (L2): also empty, so this is a miss everywhere.',
    },
    {
      id: 'db',
      match: { type: 'db.read', actor: 'app:0' },
      text: 'App 1 reads the database: 50 ms.',
    },
    {
      id: 'set-l2',
      match: { type: 'cache.set', actor: 'app:0' },
      text: 'App 1 stores v0 in the shared cache, and as it answers it also keeps v0 in its own L1.',
    },
    {
      id: 'l1-miss-2',
      match: { type: 'l1.miss', actor: 'app:1' },
      text: 'The next read lands on App 2. Its L1 is separate memory in a separate process: it does not have what App 1 cached. L1 copies are not shared.',
    },
    {
      id: 'l2-hit',
      match: { type: 'cache.hit', actor: 'app:1' },
      text: 'The shared cache does have it: an L2 hit in 0.5 ms. App 2 now keeps its own L1 copy of v0 too.',
    },
    {
      id: 'l1-hit',
      match: { type: 'l1.hit', actor: 'app:0' },
      text: 'App 1 answers the next read from its own memory: an L1 hit, no network at all. Fast — as long as nothing changes.',
    },
    {
      id: 'write',
      match: { type: 'db.commit', version: 1 },
      text: 'A write to key 0 arrives at App 1. The database commits v1.',
    },
    {
      id: 'del',
      match: { type: 'cache.del' },
      text: 'App 1 deletes the key from the shared cache, as cache-aside should. But the copies inside each server’s L1 are untouched: nothing tells them about the write.',
    },
    {
      id: 'stale',
      match: { type: 'request.done', outcome: 'stale' },
      text: 'A read on App 1 is answered from its L1: v0, while the database holds v2. A stale read. Each L1 copy stays wrong until its own TTL runs out, independently of the shared cache.',
    },
  ],
  facts: [
    { label: 'L1 hits', testId: 'fact-l1-hits', value: (run) => String(count(run, 'l1.hit')) },
    totalFact('Stale reads', 'fact-stale', 'staleReads'),
    { label: 'Shared cache now', testId: 'fact-l2', value: (run) => cachedVersion(run, 0) },
    { label: 'Database now', testId: 'fact-db', value: (run) => dbVersion(run, 0) },
  ],
  takeaway:
    'Caches live in layers: in-process (fastest, per server, lost on restart), distributed (shared by the fleet, ~0.5-5 ms), CDN edges and the database’s own buffer cache. Each extra copy is one more thing a write must reach; an L1 needs a short TTL or its own invalidation.',
  playground: { presetId: 'two-tier-l1' },
};

export const CACHE_ASIDE: LessonDefinition = {
  ...lessonMeta('cache-aside'),
  intro:
    'One app server using cache-aside. Reads look in the cache and fall back to the database on a miss, storing what they read with a 30 s TTL. Writes update the database and then delete the cached key.',
  scenario: {
    seed: 1,
    durationMs: 2600,
    warmupMs: 0,
    workload: { requestsPerSec: 3, writeFraction: 0.2, keys: 1 },
    cache: { ttlMs: 30_000, jitterPct: 0 },
    db: FIXED_DB,
  },
  untilMs: 2300,
  keys: [0],
  beats: [
    {
      id: 'miss',
      match: { type: 'cache.miss', key: 0 },
      text: 'Read: look in the cache first. Key 0 is not there (the cache has just started): a miss.',
    },
    {
      id: 'query',
      match: { type: 'db.read', key: 0 },
      text: 'On a miss the app itself queries the database — the cache sits “aside”, it never talks to the database on its own.',
    },
    {
      id: 'populate',
      match: { type: 'cache.set', key: 0 },
      text: 'The app stores the row in the cache with a TTL of 30 s, then answers. Only data somebody asked for gets cached.',
    },
    {
      id: 'hit',
      match: { type: 'cache.hit', key: 0 },
      text: 'The next reads are hits: answered in 0.5 ms without touching the database.',
    },
    {
      id: 'write-arrives',
      match: { type: 'request.start', detailIncludes: 'write' },
      text: 'Now a write to key 0 arrives.',
    },
    {
      id: 'write-db',
      match: { type: 'db.commit', key: 0 },
      text: 'Write step 1: update the database, the source of truth. It now holds v1; the cache still holds v0.',
    },
    {
      id: 'write-del',
      match: { type: 'cache.del', key: 0 },
      text: 'Write step 2: delete the cached key — do not overwrite it. The next read will fetch the new value itself.',
    },
    {
      id: 'refill-miss',
      match: { type: 'cache.miss', key: 0 },
      text: 'The next read misses, because the key was deleted. That miss is the cost of delete-on-write.',
    },
    {
      id: 'refill-query',
      match: { type: 'db.read', key: 0 },
      text: 'It reads the database, which now returns v1.',
    },
    {
      id: 'refill-set',
      match: { type: 'cache.set', key: 0, version: 1 },
      text: 'The fresh v1 goes into the cache. Cache and database agree again.',
    },
  ],
  predictions: [
    {
      beforeBeat: 'write-del',
      revealAtBeat: 'refill-set',
      question:
        'The write has just deleted key 0 from the cache. Which version will the next read return?',
      choices: [
        { label: 'v0, the old value, still cached', value: 0 },
        { label: 'v1, the new value, from the database', value: 1 },
      ],
      measure: (run) => {
        const del = run.trace.findIndex((e) => e.type === 'cache.del');
        const next = run.trace.find(
          (e, i) => i > del && e.type === 'request.done' && e.outcome !== 'write',
        );
        return next?.version ?? -1;
      },
      unit: '(the version served)',
      explain:
        'The delete left nothing to serve, so the next read missed and fetched v1 from the database. Deleting trades one extra miss per write for never serving what the write replaced.',
    },
  ],
  facts: [
    totalFact('Misses', 'fact-misses', 'misses'),
    totalFact('Hits', 'fact-hits', 'hits'),
    { label: 'Cache now', testId: 'fact-cache', value: (run) => cachedVersion(run, 0) },
    { label: 'Database now', testId: 'fact-db', value: (run) => dbVersion(run, 0) },
  ],
  takeaway:
    'Cache-aside is the default: read through the cache, fill it on a miss with a TTL, and on a write update the database and then delete the key. Every miss pays full database latency, and a cold cache misses everything until it warms.',
  playground: { presetId: 'cache-aside' },
};

export const DELETE_NOT_UPDATE: LessonDefinition = {
  ...lessonMeta('delete-not-update'),
  intro:
    'Two app servers share a cache. This time writes use “update on write”: write the database, then SET the new value in the cache. A database write takes about 40 ms (some more, some less); after it commits, the acknowledgement takes a millisecond or two to get back to the app. Watch two writes to the same key overlap.',
  scenario: {
    seed: 305,
    durationMs: 20_000,
    warmupMs: 0,
    app: { instances: 2 },
    workload: { requestsPerSec: 8, writeFraction: 0.5, keys: 1 },
    cache: { ttlMs: 60_000, jitterPct: 0 },
    db: { writeLatencyMs: 40 },
    pattern: { write: 'update' },
  },
  untilMs: 1245,
  keys: [0],
  laneLabels: { 'app:0': 'App 1', 'app:1': 'App 2' },
  beats: [
    {
      id: 'filled',
      match: { type: 'cache.set', version: 0 },
      text: 'A first read filled the cache with v0. So far, so normal.',
    },
    {
      id: 'single-update',
      match: { type: 'cache.set', version: 1 },
      text: 'A write on App 2 committed v1 and then SET v1 in the cache. With one writer at a time, update-on-write works: the next reads hit the new value.',
    },
    {
      id: 'write-a',
      match: { type: 'db.write', actor: 'app:0' },
      text: 'Writer A, on App 1, sends an update for key 0.',
    },
    {
      id: 'write-b',
      match: { type: 'db.write', actor: 'app:1' },
      text: 'Before A’s write has finished, writer B, on App 2, sends an update for the same key.',
    },
    {
      id: 'commit-a',
      match: { type: 'db.commit', version: 2 },
      text: 'The database commits A’s write as v2…',
    },
    {
      id: 'commit-b',
      match: { type: 'db.commit', version: 3 },
      text: '…and a moment later B’s as v3. The database now holds v3, the newest value.',
    },
    {
      id: 'set-b',
      match: { type: 'cache.set', version: 3 },
      text: 'The acknowledgements travel back with small random delays. B’s arrives first, so B sets the cache to v3. Correct, for now.',
    },
    {
      id: 'set-a',
      match: { type: 'cache.set', version: 2 },
      text: 'A’s acknowledgement arrives about a millisecond later, and A sets the cache to what it wrote: v2. This overwrites the newer v3. The cache now holds an older value than the database.',
    },
    {
      id: 'stale-read',
      match: { type: 'request.done', outcome: 'stale' },
      text: 'A reader gets v2: stale. Nothing will correct it until another write or the 60 s TTL. With delete-on-write, both writers would have deleted the key and the next read would have fetched v3.',
    },
  ],
  predictions: [
    {
      beforeBeat: 'commit-a',
      revealAtBeat: 'stale-read',
      question:
        'Both writers will SET the cache to the value they wrote as soon as their write is acknowledged. Which version will the cache end up holding?',
      choices: [
        { label: 'The newest one (v3)', value: 3 },
        { label: 'The older one (v2)', value: 2 },
      ],
      measure: (run) => run.keys.find((k) => k.key === 0)?.cache?.version ?? -1,
      unit: '(the cached version)',
      explain:
        'The cache SETs land in the order the acknowledgements arrive, not the order of the commits. Two commits a millisecond apart plus a little network jitter, and the older value wins. Deleting is order-proof: two deletes in any order leave the same empty key.',
    },
  ],
  facts: [
    { label: 'Cache now', testId: 'fact-cache', value: (run) => cachedVersion(run, 0) },
    { label: 'Database now', testId: 'fact-db', value: (run) => dbVersion(run, 0) },
    { label: 'Stale reads', testId: 'fact-stale', value: (run) => String(readsWith(run, 'stale')) },
  ],
  comparisons: [
    { label: 'Update on write (SET)', patch: {} },
    { label: 'Delete on write (DEL)', patch: { pattern: { write: 'invalidate' } } },
  ],
  comparisonColumns: ['staleReads', 'maxStalenessMs', 'hits', 'misses'],
  takeaway:
    'On a write, update the database and delete the cache key. Updating the cache lets two concurrent writers leave the older value behind; a delete cannot, because the next read refills from the database.',
  playground: { presetId: 'update-race' },
};

export const CACHE_FAILURE: LessonDefinition = {
  ...lessonMeta('cache-failure'),
  intro:
    'One app server reading two keys with cache-aside. Half a second in, the cache node becomes unreachable for 300 ms. When it returns, its memory is gone.',
  scenario: {
    seed: 5,
    durationMs: 1000,
    warmupMs: 0,
    workload: { requestsPerSec: 8, writeFraction: 0, keys: 2, popularity: { kind: 'uniform' } },
    cache: { ttlMs: 60_000, jitterPct: 0 },
    db: FIXED_DB,
    faults: [{ atMs: 500, kind: 'cache-down', forMs: 300 }],
  },
  keys: [0, 1],
  beats: [
    {
      id: 'warm',
      match: { type: 'cache.hit' },
      text: 'Both keys were read once and cached, so reads are hits.',
    },
    {
      id: 'down',
      match: { type: 'fault' },
      text: 'The cache node goes down (a crash, a network partition). Everything in its memory is lost.',
    },
    {
      id: 'get-fails',
      match: { type: 'cache.get' },
      text: 'A read arrives and the app asks the cache as usual. No answer: the node is unreachable.',
    },
    {
      id: 'fallback',
      match: { type: 'cache.down' },
      text: 'Cache-aside treats an unreachable cache as a miss and goes to the database itself. The app keeps working.',
    },
    {
      id: 'direct-read',
      match: { type: 'db.read', state: 'loadingDirect' },
      text: 'It reads the database directly and does not try to store the result in a cache that is not there.',
    },
    {
      id: 'served',
      match: { type: 'request.done', outcome: 'miss' },
      text: 'The client gets the right answer, only slower: 50 ms instead of 0.5 ms. Every read now hits the database, which must be able to take that load.',
    },
    {
      id: 'up',
      match: { type: 'cache.up' },
      text: 'The node is back, but empty: a cold cache.',
    },
    {
      id: 'cold-miss',
      match: { type: 'cache.miss' },
      text: 'Keys that were cached before the failure now miss again, until reads warm the cache back up. After a restart, expect a wave of misses.',
    },
  ],
  predictions: [
    {
      beforeBeat: 'down',
      revealAtBeat: 'served',
      question: 'While the cache is down, what happens to reads?',
      choices: [
        { label: 'They fail with errors', value: 1 },
        { label: 'They are answered from the database, slower', value: 0 },
      ],
      measure: (run) => run.totals.errors,
      unit: 'errors',
      explain:
        'No errors: with cache-aside the cache is an optimisation, not a dependency. Patterns that need the cache to hold writes (write-through, write-behind) cannot fall back like this.',
    },
  ],
  facts: [
    totalFact('Errors', 'fact-errors', 'errors'),
    totalFact('Database reads', 'fact-db-reads', 'dbReads'),
    totalFact('Hits', 'fact-hits', 'hits'),
  ],
  takeaway:
    'Design for cache failure: the app must fall back to the database and the database must survive the extra load for a while. A restarted cache is cold; warm it, or expect every popular key to miss at once.',
  playground: { presetId: 'cache-down-fallback' },
};

export const FOUNDATION_LESSONS: readonly LessonDefinition[] = [
  WHY_CACHE,
  LAYERS,
  CACHE_ASIDE,
  DELETE_NOT_UPDATE,
  CACHE_FAILURE,
];
