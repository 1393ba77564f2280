/**
 * The cheat sheet's tables, generated from the engine's registries and presets: patterns and
 * stampede tools from the pattern registry, eviction policies from the policy registry, Redis
 * eviction defaults from the scenario schema, and the TTL guide from the presets' key classes
 * and TTL demonstrations. Nothing here restates data that lives in those registries.
 */
import { ALL_POLICY_IDS, type AnyPolicyId } from '../../../sim/cache/cache-types';
import { POLICY_REGISTRY } from '../../../sim/cache/policies/policy-registry';
import { PATTERNS, type PatternInfo } from '../../../sim/patterns/pattern-registry';
import { PRESETS, presetScenario, type Preset } from '../../../sim/scenario/presets';
import { scenarioOrThrow } from '../../../sim/scenario/scenario-schema';

/** Pattern ids that belong in the invalidation table rather than the write-strategy table. */
const INVALIDATION_IDS = new Set(['invalidate', 'update']);

export interface PatternGroups {
  /** Reading, writing and failure behaviour (syllabus sections 3-4). */
  readonly strategies: readonly PatternInfo[];
  /** Keeping copies fresh (delete vs update on write, events; section 7). */
  readonly invalidation: readonly PatternInfo[];
  /** Stampede tools (section 8). */
  readonly stampede: readonly PatternInfo[];
  /** TTL techniques (section 6). */
  readonly ttl: readonly PatternInfo[];
}

/** Split the pattern registry into the cheat sheet's tables; every pattern lands in one. */
export function patternGroups(patterns: readonly PatternInfo[] = PATTERNS): PatternGroups {
  const invalidation = patterns.filter(
    (p) => INVALIDATION_IDS.has(p.id) || p.contentSection === '7',
  );
  const rest = patterns.filter((p) => !invalidation.includes(p));
  return {
    invalidation,
    stampede: rest.filter((p) => p.contentSection === '8'),
    ttl: rest.filter((p) => p.contentSection === '6'),
    strategies: rest.filter((p) => !['6', '8'].includes(p.contentSection)),
  };
}

/**
 * When each policy Redis lacks beats LRU, in the cheat sheet's words. The registry's summary says
 * how a policy works; this says when to reach for it (syllabus section 12: published results to
 * demonstrate on traces, each with a workload where it loses).
 */
const BEATS_LRU: Readonly<Partial<Record<AnyPolicyId, string>>> = {
  fifo: 'Rarely: it ignores hits, so a hot key is evicted as soon as it is oldest.',
  clock:
    'About as well as LRU at a lower cost: a hit only sets a bit, no list move, so it suits hot paths shared by many threads.',
  sieve:
    'On traces full of one-hit wonders and short scans: a new key that is never hit again leaves at the hand’s next pass, while visited keys stay put. Can lose on some large caches.',
  s3fifo:
    'On traces with many one-hit wonders or scans: a key read once leaves through the small FIFO without touching the main queue, and the ghost queue lets a key that returns go straight to main.',
  arc: 'When the workload shifts between recency and frequency: ghost hits move the split, so a scan cannot flush the frequently used keys.',
  '2q': 'On scans and one-time reads: a key enters the LRU only when it is seen again after leaving the FIFO, so a scan passes through the FIFO alone.',
  wtinylfu:
    'On skewed, stable popularity with scans: a new key must beat the victim’s sketch count to get in. Loses when popularity shifts fast, since old counts linger until they are halved.',
  opt: 'Always: it is the optimum, the ceiling for every policy. It needs the future, so it runs only on traces.',
};

/**
 * The lesson that shows a policy at its best or worst, when one does (else the eviction topic's):
 * the policies Redis lacks against LRU on scans; LFU against a hot set that moves.
 */
const POLICY_LESSON: Readonly<Partial<Record<AnyPolicyId, string>>> = {
  'allkeys-lru': 'scans-one-hit-wonders',
  'allkeys-lfu': 'shifting-popularity',
  'volatile-lfu': 'shifting-popularity',
  sieve: 'scans-one-hit-wonders',
  s3fifo: 'scans-one-hit-wonders',
  arc: 'scans-one-hit-wonders',
  '2q': 'scans-one-hit-wonders',
  wtinylfu: 'scans-one-hit-wonders',
  opt: 'scans-one-hit-wonders',
};

export interface PolicyRow {
  readonly id: AnyPolicyId;
  readonly summary: string;
  readonly candidates: string;
  /** Redis has no such policy; the row says so. */
  readonly notInRedis: boolean;
  /** Runs only on a whole trace (needs the future): no live scenario or playground link. */
  readonly offlineOnly: boolean;
  /** When it beats LRU, for the policies Redis lacks; null for Redis's own. */
  readonly beatsLru: string | null;
  /** Presets that run with this policy (demonstrations). */
  readonly presets: readonly Preset[];
  /** Id of a lesson that shows this policy winning or losing, or null for the topic's lesson. */
  readonly lessonId: string | null;
}

/** One row per registered policy, in registry order (live policies, then offline ones). */
export function policyRows(): PolicyRow[] {
  return ALL_POLICY_IDS.map((id) => {
    const info = POLICY_REGISTRY[id];
    return {
      id,
      summary: info.summary,
      candidates: info.volatileOnly
        ? 'Only keys with a TTL; with none, writes fail as under noeviction'
        : id === 'noeviction'
          ? 'None: a full cache refuses new writes'
          : 'Any key',
      notInRedis: info.notInRedis,
      offlineOnly: info.needsFuture,
      beatsLru: info.notInRedis ? (BEATS_LRU[id] ?? null) : null,
      presets: PRESETS.filter((p) => p.input.cache?.policy === id),
      lessonId: POLICY_LESSON[id] ?? null,
    };
  });
}

/** Redis-mode eviction defaults, read from the scenario schema's defaults. */
export function redisEvictionDefaults(): {
  samples: number;
  lfuLogFactor: number;
  lfuDecayTimeMs: number;
} {
  const s = scenarioOrThrow({ cache: { eviction: { mode: 'redis' } } });
  const e = s.cache.eviction;
  if (e.mode !== 'redis') throw new Error('expected redis eviction mode');
  return { samples: e.samples, lfuLogFactor: e.lfuLogFactor, lfuDecayTimeMs: e.lfuDecayTimeMs };
}

/** Presets that use Redis-mode eviction (to demonstrate sampling). */
export function redisModePresets(): Preset[] {
  return PRESETS.filter((p) => p.input.cache?.eviction?.mode === 'redis');
}

export interface TtlRow {
  /** Data type (key class) or the preset's title. */
  readonly name: string;
  readonly ttlMs: number | null;
  readonly jitterPct: number;
  /** Share of requests that are writes for this data, when it differs from the workload's. */
  readonly writeFraction: number;
  readonly preset: Preset;
}

/**
 * The TTL guide: every key class defined in a preset (a data type with its own TTL and write
 * share), then the presets that demonstrate TTL behaviour (syllabus section 6).
 */
export function ttlRows(): TtlRow[] {
  const rows: TtlRow[] = [];
  for (const preset of PRESETS) {
    const s = presetScenario(preset.id);
    for (const kc of s.workload.keyClasses) {
      rows.push({
        name: kc.name,
        ttlMs: kc.ttlMs,
        jitterPct: s.cache.jitterPct,
        writeFraction: kc.writeFraction ?? s.workload.writeFraction,
        preset,
      });
    }
  }
  rows.sort(
    (a, b) => (b.ttlMs ?? Number.POSITIVE_INFINITY) - (a.ttlMs ?? Number.POSITIVE_INFINITY),
  );
  for (const preset of PRESETS.filter(
    (p) => p.contentSection === '6' && !p.input.workload?.keyClasses,
  )) {
    const s = presetScenario(preset.id);
    rows.push({
      name: preset.title,
      ttlMs: s.cache.ttlMs,
      jitterPct: s.cache.jitterPct,
      writeFraction: s.workload.writeFraction,
      preset,
    });
  }
  return rows;
}

/** Playground link for a preset. */
export function presetHref(presetId: string): string {
  return `#/playground?preset=${encodeURIComponent(presetId)}`;
}
