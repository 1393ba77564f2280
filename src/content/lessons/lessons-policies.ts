/**
 * Lessons for syllabus section 5 on the policies Redis lacks: the workloads where LRU and LFU
 * lose (scans of one-hit wonders; a hot set that moves), with OPT (Belady) as the ceiling. Both
 * scenarios are ones the trace runner matches exactly (reads only, no TTL, zero latencies), so the
 * OPT row is computed on the very requests the engine served.
 */
import type { PolicyId } from '../../sim/cache/cache-types';
import type { TraceEvent } from '../../sim/engine/engine-types';
import type { ScenarioInput } from '../../sim/scenario/scenario-schema';
import { lessonMeta } from './lesson-catalog';
import type { LessonDefinition, RunMeasures } from './lesson-types';
import { isCacheCommand, ms } from './lesson-measures';

const KEYS = 1000;

type WorkloadShape = Pick<NonNullable<ScenarioInput['workload']>, 'scan' | 'shift'>;

/**
 * Both lessons' scenario: 30 s of Zipf reads over 1,000 keys into a 100-key cache, no TTL and
 * zero latencies (so the engine's hit counts equal the trace runner's), with a workload shape.
 */
function lessonScenarioWith(policy: PolicyId, shape: WorkloadShape): ScenarioInput {
  return {
    seed: 2,
    durationMs: 30_000,
    warmupMs: 0,
    workload: {
      requestsPerSec: 200,
      writeFraction: 0,
      keys: KEYS,
      popularity: { kind: 'zipf', alpha: 1 },
      ...shape,
    },
    cache: { policy, capacityKeys: 100, ttlMs: null, jitterPct: 0, latencyMs: 0 },
    db: { latencyVariation: 'fixed', readLatencyMs: 0 },
  };
}

/** Hit ratio of client reads finished in [fromMs, toMs), optionally only of some keys. */
function hitRatioBetween(
  run: RunMeasures,
  fromMs: number,
  toMs: number,
  keep: (key: number) => boolean = () => true,
): number {
  let reads = 0;
  let hits = 0;
  for (const e of run.trace) {
    if (e.type !== 'request.done' || e.tMs < fromMs || e.tMs >= toMs) continue;
    if (e.key === null || !keep(e.key)) continue;
    reads++;
    if (e.outcome === 'hit') hits++;
  }
  return reads === 0 ? 0 : hits / reads;
}

/** The same idea at Playground scale: 10,000 keys, a 1,000-key cache, 2,000 reads/s for 2 min. */
function playgroundWith(policy: PolicyId, shape: WorkloadShape): LessonDefinition['playground'] {
  return {
    presetId: null,
    patch: {
      durationMs: 120_000,
      warmupMs: 0,
      workload: { requestsPerSec: 2000, writeFraction: 0, keys: 10_000, ...shape },
      cache: { policy, capacityKeys: 1000, ttlMs: null },
    },
  };
}

/** `part` as a whole percentage of `whole` (0 when `whole` is 0). */
const percentOf = (part: number, whole: number): number =>
  whole === 0 ? 0 : Math.round((part / whole) * 100);

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** Cache commands and the evictions they cause. */
const isCacheOp = (e: TraceEvent): boolean => isCacheCommand(e) || e.type === 'cache.evict';

/** The policies compared in both lessons (OPT is added as the ceiling). */
const POLICY_COMPARISONS = [
  { label: 'allkeys-lru', patch: { cache: { policy: 'allkeys-lru' } } },
  { label: 'allkeys-lfu', patch: { cache: { policy: 'allkeys-lfu' } } },
  { label: 'sieve', patch: { cache: { policy: 'sieve' } } },
  { label: 's3fifo', patch: { cache: { policy: 's3fifo' } } },
  { label: 'arc', patch: { cache: { policy: 'arc' } } },
  { label: 'wtinylfu', patch: { cache: { policy: 'wtinylfu' } } },
] as const;

// ---- Scans ----------------------------------------------------------------------------------

const SCAN_AT = 6000;
const SCAN_UNTIL = 9000;
/** The first scan key: scan keys are fresh ids after the key space. */
const FIRST_SCAN_KEY = KEYS;
/** The hot key whose eviction the lesson narrates. */
const SCAN_VICTIM = 4;
const ordinary = (key: number): boolean => key < KEYS;

export const SCAN_LRU: LessonDefinition = {
  ...lessonMeta('scans-one-hit-wonders'),
  intro: `1,000 keys with Zipf popularity, a cache of 100 keys, LRU. From ${ms(SCAN_AT)} on, every ${ms(SCAN_AT)} a batch job scans 300 keys nobody else reads (keys 1000, 1001, …), taking half the requests while it runs. The steps follow the first scan key and hot key ${SCAN_VICTIM}. At the end the same requests run under six policies, with OPT, the offline optimum, as the ceiling.`,
  scenario: lessonScenarioWith('allkeys-lru', {
    scan: { everyMs: SCAN_AT, lengthKeys: 300, requestFraction: 0.5 },
  }),
  show: (e) =>
    isCacheOp(e) &&
    e.tMs >= SCAN_AT &&
    (e.key === FIRST_SCAN_KEY || (e.key === SCAN_VICTIM && e.type !== 'cache.hit')),
  untilMs: SCAN_UNTIL,
  keys: [0, SCAN_VICTIM, FIRST_SCAN_KEY],
  beats: [
    {
      id: 'scan-miss',
      match: { type: 'cache.miss', key: FIRST_SCAN_KEY },
      text: 'The scan begins: key 1000 misses. Nobody read it before and nobody will read it again: a one-hit wonder. Ordinary Zipf reads go on alongside.',
    },
    {
      id: 'scan-set',
      match: { type: 'cache.set', key: FIRST_SCAN_KEY },
      text: 'LRU stores key 1000 as its most recently used key and evicts the least recently used one to make room. A key read once now outranks every key not read in the last moment.',
    },
    {
      id: 'scan-evicted',
      match: { type: 'cache.evict', key: FIRST_SCAN_KEY },
      text: 'Key 1000 leaves, never hit: by now 100 other keys, most of them scan keys, were used after it. It held a slot for nothing and cost another key its place.',
    },
    {
      id: 'hot-evicted',
      match: { type: 'cache.evict', key: SCAN_VICTIM },
      text: `Now hot key ${SCAN_VICTIM}, the fifth most popular, is evicted to make room for a scan key: for a moment it was the least recently used key in the cache.`,
    },
    {
      id: 'hot-miss',
      match: { type: 'cache.miss', key: SCAN_VICTIM },
      text: `The next read of key ${SCAN_VICTIM} misses and goes to the database. Every scan repeats this: LRU cannot tell a key read once from a key read every second.`,
    },
  ],
  predictions: [
    {
      beforeBeat: 'scan-miss',
      revealAtBeat: 'hot-miss',
      question: `While the scan runs (${ms(SCAN_AT)} to ${ms(SCAN_UNTIL)}), how will LRU's hit ratio on the ordinary reads (keys below 1000) compare with the ${ms(SCAN_AT)} before it?`,
      choices: [
        { label: 'About the same: scan keys are extra traffic', value: 100 },
        { label: 'Lower by about a sixth', value: 83 },
        { label: 'Halved or worse', value: 50 },
      ],
      measure: (run) =>
        percentOf(
          hitRatioBetween(run, SCAN_AT, SCAN_UNTIL, ordinary),
          hitRatioBetween(run, 0, SCAN_AT, ordinary),
        ),
      unit: '% of the hit ratio before the scan',
      explain:
        'Scan keys miss anyway, but under LRU each one also takes the slot of the least recently used key, which is often a warm key about to be read again. The ordinary reads lose hits they would have had.',
    },
  ],
  facts: [
    {
      label: `Hit ratio on ordinary reads, 0 to ${ms(SCAN_AT)}`,
      testId: 'fact-scan-before',
      value: (run) => pct(hitRatioBetween(run, 0, SCAN_AT, ordinary)),
    },
    {
      label: `Hit ratio on ordinary reads, ${ms(SCAN_AT)} to ${ms(SCAN_UNTIL)} (scanning)`,
      testId: 'fact-scan-during',
      value: (run) => pct(hitRatioBetween(run, SCAN_AT, SCAN_UNTIL, ordinary)),
    },
  ],
  comparisons: POLICY_COMPARISONS,
  comparisonColumns: ['hitRatio', 'hits', 'misses'],
  optCeiling: true,
  takeaway:
    'Scans and one-hit wonders flush LRU. Policies that make a new key prove itself before it can push an old one out (S3-FIFO’s small FIFO, ARC’s recency/frequency split, W-TinyLFU’s admission duel, SIEVE’s visited bit) keep the hot set and get closer to OPT. Redis has none of them; there allkeys-lfu resists scans best.',
  playground: playgroundWith('allkeys-lru', {
    scan: { everyMs: 10_000, lengthKeys: 5000, requestFraction: 0.5 },
  }),
  link: { href: '#/traces', label: 'Traces: every policy and OPT on a Zipf + scans sample' },
};

// ---- Shifting popularity --------------------------------------------------------------------

const SHIFT_AT = 15_000;
const SHIFT_SHOWN_UNTIL = 17_000;
/** Second most popular key before the shift, and the key that takes its rank after it. */
const OLD_FAVOURITE = 1;
const NEW_FAVOURITE = 501;

export const SHIFT_LFU: LessonDefinition = {
  ...lessonMeta('shifting-popularity'),
  intro: `1,000 keys with Zipf popularity, a cache of 100 keys, LFU (evict the key used least often; in-cache counts that never fade). At ${ms(SHIFT_AT)} the hot set moves half the key space along: key ${NEW_FAVOURITE} takes key ${OLD_FAVOURITE}'s place, key 500 key 0's, and so on. The steps follow keys ${OLD_FAVOURITE} and ${NEW_FAVOURITE}. At the end the same requests run under six policies, with OPT as the ceiling.`,
  scenario: lessonScenarioWith('allkeys-lfu', { shift: { everyMs: SHIFT_AT, keyFraction: 0.5 } }),
  show: (e) =>
    isCacheOp(e) &&
    ((e.key === OLD_FAVOURITE && e.tMs >= SHIFT_AT - 500) ||
      (e.key === NEW_FAVOURITE && e.tMs >= SHIFT_AT)),
  untilMs: SHIFT_SHOWN_UNTIL,
  keys: [0, OLD_FAVOURITE, NEW_FAVOURITE],
  beats: [
    {
      id: 'favourite',
      match: { type: 'cache.hit', key: OLD_FAVOURITE },
      text: `Key ${OLD_FAVOURITE} is the second most popular key. LFU counts the reads of every cached key; key ${OLD_FAVOURITE}'s count is high, so LFU will not evict it.`,
    },
    {
      id: 'new-hot',
      match: { type: 'cache.miss', key: NEW_FAVOURITE },
      text: `The hot set has moved: key ${NEW_FAVOURITE} now gets the reads key ${OLD_FAVOURITE} used to get. Its first read misses.`,
    },
    {
      id: 'stored',
      match: { type: 'cache.set', key: NEW_FAVOURITE },
      text: `Key ${NEW_FAVOURITE} is stored with a count of 1. The rest of the cache holds keys with counts from before the shift, key ${OLD_FAVOURITE} among them, though it is no longer read.`,
    },
    {
      id: 'evicted',
      match: { type: 'cache.evict', key: NEW_FAVOURITE },
      text: `Another newcomer needs room, and LFU evicts the entry with the lowest count: key ${NEW_FAVOURITE}, now one of the hottest keys.`,
    },
    {
      id: 'miss-again',
      match: { type: 'cache.miss', key: NEW_FAVOURITE },
      text: `Key ${NEW_FAVOURITE} misses again. New hot keys keep evicting each other while the old favourites sit on high counts that never fade. Redis’s LFU decays counts over time (lfu-decay-time) for this reason.`,
    },
  ],
  predictions: [
    {
      beforeBeat: 'new-hot',
      revealAtBeat: 'miss-again',
      question: `In the ${ms(SHIFT_SHOWN_UNTIL - SHIFT_AT)} after the hot set moves, what happens to LFU's hit ratio compared with the ${ms(5000)} before the shift?`,
      choices: [
        { label: 'It recovers at once: the new hot keys are read most', value: 100 },
        { label: 'It falls to about half', value: 50 },
        { label: 'It falls to almost nothing', value: 10 },
      ],
      measure: (run) =>
        percentOf(
          hitRatioBetween(run, SHIFT_AT, SHIFT_SHOWN_UNTIL),
          hitRatioBetween(run, SHIFT_AT - 5000, SHIFT_AT),
        ),
      unit: '% of the hit ratio before the shift',
      explain:
        'Keys that are cached keep hitting, but the new hot keys enter with a count of 1 and are the first evicted, so most of them miss again and again. The old favourites are no longer read, yet their counts keep them cached.',
    },
  ],
  facts: [
    {
      label: `LFU hit ratio, ${ms(SHIFT_AT - 5000)} to ${ms(SHIFT_AT)}`,
      testId: 'fact-shift-before',
      value: (run) => pct(hitRatioBetween(run, SHIFT_AT - 5000, SHIFT_AT)),
    },
    {
      label: `LFU hit ratio, ${ms(SHIFT_AT)} to ${ms(SHIFT_SHOWN_UNTIL)}`,
      testId: 'fact-shift-after',
      value: (run) => pct(hitRatioBetween(run, SHIFT_AT, SHIFT_SHOWN_UNTIL)),
    },
    {
      label: `Key ${OLD_FAVOURITE} at ${ms(SHIFT_SHOWN_UNTIL)}`,
      testId: 'fact-shift-old-favourite',
      value: (run) =>
        run.keys.find((k) => k.key === OLD_FAVOURITE)?.cache == null
          ? 'not cached'
          : 'still cached',
    },
  ],
  comparisons: POLICY_COMPARISONS,
  comparisonColumns: ['hitRatio', 'hits', 'misses'],
  optCeiling: true,
  takeaway:
    'LFU suits a stable hot set; when popularity moves, old counts keep yesterday’s keys cached and the new hot keys evict each other. LRU, which looks only at recency, follows the move. Counts that fade (Redis’s lfu-decay-time, W-TinyLFU’s periodic halving) or a recency window (ARC, S3-FIFO) recover; OPT shows how much is left.',
  playground: playgroundWith('allkeys-lfu', { shift: { everyMs: 40_000, keyFraction: 0.3 } }),
};

export const POLICY_LESSONS: readonly LessonDefinition[] = [SCAN_LRU, SHIFT_LFU];
