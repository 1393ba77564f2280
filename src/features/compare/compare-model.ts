/**
 * Compare mode's model: 2 to 4 lanes, each a full scenario, that share one seeded workload.
 *
 * The URL holds one `lane=` parameter per lane, each the lane's scenario encoded by the scenario
 * URL codec (so it reads like a Playground link). Lane A owns the shared part — seed, timing and
 * workload — and every other lane takes it from lane A, so all lanes see the same requests and
 * differ only in cache, database, pattern, stampede and fault settings.
 */
import type { Totals } from '../../sim/engine/engine-types';
import { presetScenario } from '../../sim/scenario/presets';
import {
  applyScenarioPatch,
  type Scenario,
  type ScenarioPatch,
} from '../../sim/scenario/scenario-schema';
import { decodeScenarioParams, encodeScenarioParams } from '../../sim/scenario/url-codec';

export const MIN_LANES = 2;
export const MAX_LANES = 4;
export const LANE_NAMES = ['A', 'B', 'C', 'D'] as const;

/** Compare lanes draw full series; keep runs within what the charts show well. */
export const MAX_COMPARE_WINDOWS = 600;

export interface CompareLane {
  readonly scenario: Scenario;
  /** Preset the lane was built from; only used to keep its URL short. */
  readonly presetId: string | null;
}

/** Copy the shared fields (seed, timing, workload) of `from` into `to`. */
export function withSharedWorkload(to: Scenario, from: Scenario): Scenario {
  return {
    ...to,
    seed: from.seed,
    durationMs: from.durationMs,
    warmupMs: from.warmupMs,
    windowMs: from.windowMs,
    workload: from.workload,
  };
}

/** Make every lane use lane A's seed, timing and workload. */
export function alignLanes(lanes: readonly CompareLane[]): CompareLane[] {
  const first = lanes[0];
  if (first === undefined) return [];
  return lanes.map((lane, i) =>
    i === 0 ? lane : { ...lane, scenario: withSharedWorkload(lane.scenario, first.scenario) },
  );
}

export interface DecodedCompare {
  readonly lanes: readonly CompareLane[];
  /** Problems found in the URL, each naming the lane and parameter; shown as a notice. */
  readonly notices: readonly string[];
}

/** Read lanes from the compare route's search string; falls back to a useful default set. */
export function decodeCompare(search: string): DecodedCompare {
  const params = new URLSearchParams(search);
  const raw = params.getAll('lane');
  const notices: string[] = [];
  if (raw.length > MAX_LANES) {
    notices.push(
      `Only ${MAX_LANES} lanes fit side by side; lanes after ${LANE_NAMES[MAX_LANES - 1] ?? 'D'} were dropped.`,
    );
  }
  const lanes = raw.slice(0, MAX_LANES).map((enc, i): CompareLane => {
    const decoded = decodeScenarioParams(enc);
    for (const n of decoded.notices) notices.push(`Lane ${LANE_NAMES[i] ?? i + 1}: ${n.message}`);
    return { scenario: decoded.scenario, presetId: decoded.presetId };
  });
  if (lanes.length < MIN_LANES) {
    if (raw.length > 0)
      notices.push('Compare needs at least two lanes; the default comparison was loaded.');
    return { lanes: defaultComparison().lanes, notices };
  }
  const aligned = alignLanes(lanes);
  const first = aligned[0]?.scenario;
  if (first && first.durationMs / first.windowMs > MAX_COMPARE_WINDOWS) {
    notices.push(
      `Compare charts show at most ${MAX_COMPARE_WINDOWS} windows; the window was widened to ${Math.ceil(first.durationMs / MAX_COMPARE_WINDOWS)} ms.`,
    );
    const windowMs = Math.ceil(first.durationMs / MAX_COMPARE_WINDOWS);
    return {
      lanes: aligned.map((l) => ({ ...l, scenario: { ...l.scenario, windowMs } })),
      notices,
    };
  }
  return { lanes: aligned, notices };
}

/** The URL search string for a set of lanes. */
export function encodeCompare(lanes: readonly CompareLane[]): string {
  const params = new URLSearchParams();
  for (const lane of lanes)
    params.append('lane', encodeScenarioParams(lane.scenario, lane.presetId).toString());
  return params.toString();
}

function patched(scenario: Scenario, patch: ScenarioPatch): Scenario {
  const r = applyScenarioPatch(scenario, patch);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.scenario;
}

/** The variant "compare this with…" suggests: the other one of LRU and LFU. */
export function suggestedVariant(scenario: Scenario): ScenarioPatch {
  return {
    cache: { policy: scenario.cache.policy === 'allkeys-lfu' ? 'allkeys-lru' : 'allkeys-lfu' },
  };
}

/**
 * A link to Compare with `scenario` as lane A and a variant of it as lane B (by default the other
 * one of LRU/LFU; pass a patch to choose). The Playground's "compare this with…" uses it.
 */
export function compareHref(
  scenario: Scenario,
  variant: ScenarioPatch = suggestedVariant(scenario),
  presetId: string | null = null,
): string {
  const lanes: CompareLane[] = [
    { scenario, presetId },
    { scenario: patched(scenario, variant), presetId },
  ];
  return `#/compare?${encodeCompare(lanes)}`;
}

export interface Comparison {
  readonly id: string;
  readonly title: string;
  /** What to look for in the results. */
  readonly description: string;
  readonly lanes: readonly CompareLane[];
}

function fromPreset(presetId: string, patches: readonly ScenarioPatch[]): CompareLane[] {
  const base = presetScenario(presetId);
  return patches.map((p) => ({ scenario: patched(base, p), presetId }));
}

/** Ready-made comparisons, built from presets (the lanes differ only by the patches shown). */
export function comparisons(): readonly Comparison[] {
  return [
    {
      id: 'eviction',
      title: 'LRU vs LFU vs Redis sampled LRU',
      description:
        'The same Zipf workload with room for 10% of the keys. Compare hit ratio and database reads: LFU keeps a stable hot set slightly better, and sampled LRU comes close to exact LRU.',
      lanes: fromPreset('cache-aside', [
        { cache: { policy: 'allkeys-lru', eviction: { mode: 'exact' } } },
        { cache: { policy: 'allkeys-lfu', eviction: { mode: 'exact' } } },
        { cache: { policy: 'allkeys-lru', eviction: { mode: 'redis', samples: 5 } } },
      ]),
    },
    {
      id: 'jitter',
      title: 'TTL jitter off vs on',
      description:
        'Every key loaded at once with a 20 s TTL. Without jitter they all expire together and the p99 latency explodes; with ±10% the expiries spread out.',
      lanes: fromPreset('synchronised-expiry', [
        { cache: { jitterPct: 0 } },
        { cache: { jitterPct: 10 } },
      ]),
    },
    {
      id: 'writes',
      title: 'Invalidate vs write-through vs write-behind',
      description:
        'A write-heavy workload with a cache crash at 32 s. Watch stale reads, errors and lost writes: write-behind acknowledges fast but loses what it had not flushed.',
      lanes: fromPreset('write-behind-crash', [
        { pattern: { write: 'invalidate' } },
        { pattern: { write: 'write-through' } },
        { pattern: { write: 'write-behind' } },
      ]),
    },
    {
      id: 'stampede',
      title: 'Stampede: nothing vs rebuild lock vs stale-while-revalidate',
      description:
        'A hot key with a 200 ms rebuild under 10,000 requests per second. Compare database reads and p99 latency.',
      lanes: fromPreset('hot-key-stampede', [
        {},
        { stampede: { lock: { ttlMs: 10_000, retryMs: 50 } } },
        { stampede: { staleWhileRevalidate: { softTtlMs: 8_000 } } },
      ]),
    },
  ];
}

export function defaultComparison(): Comparison {
  const first = comparisons()[0];
  if (first === undefined) throw new Error('no comparisons defined');
  return first;
}

// ------------------------------------------------------------------------------ lane labels

/** Short description of how a lane differs from lane A (or its main settings for lane A). */
export function laneSummary(lane: Scenario, reference: Scenario): string {
  const parts: string[] = [];
  const c = lane.cache;
  const r = reference.cache;
  const same = lane === reference;
  if (same || c.policy !== r.policy) parts.push(c.policy);
  if (
    same ||
    c.eviction.mode !== r.eviction.mode ||
    JSON.stringify(c.eviction) !== JSON.stringify(r.eviction)
  ) {
    parts.push(c.eviction.mode === 'redis' ? `Redis sampling (${c.eviction.samples})` : 'exact');
  }
  if (same || c.ttlMs !== r.ttlMs)
    parts.push(c.ttlMs === null ? 'no TTL' : `TTL ${formatSeconds(c.ttlMs)}`);
  if (same || c.jitterPct !== r.jitterPct) parts.push(`jitter ${c.jitterPct}%`);
  if (same || c.capacityKeys !== r.capacityKeys) {
    parts.push(
      c.capacityKeys === null ? 'unlimited keys' : `${c.capacityKeys.toLocaleString('en-US')} keys`,
    );
  }
  if (same || writeLabel(lane) !== writeLabel(reference)) parts.push(writeLabel(lane));
  const tool = stampedeTool(lane);
  if (same || tool !== stampedeTool(reference)) parts.push(STAMPEDE_TOOL_LABELS[tool]);
  if (!same && JSON.stringify(lane.faults) !== JSON.stringify(reference.faults))
    parts.push('different faults');
  if (!same && JSON.stringify(lane.db) !== JSON.stringify(reference.db))
    parts.push('different database');
  if (!same && JSON.stringify(lane.app) !== JSON.stringify(reference.app))
    parts.push('different app tier');
  return parts.length === 0 ? 'same settings as A' : parts.join(' · ');
}

/** The write pattern, naming write-through's version-checked SET when it is on. */
function writeLabel(s: Scenario): string {
  return s.pattern.write === 'write-through' && s.pattern.writeThrough.versioned
    ? 'write-through, version-checked SET'
    : s.pattern.write;
}

function formatSeconds(ms: number): string {
  if (ms >= 3_600_000) return `${ms / 3_600_000} h`;
  if (ms >= 60_000) return `${ms / 60_000} min`;
  return `${ms / 1000} s`;
}

export const STAMPEDE_TOOLS = ['none', 'lock', 'swr', 'early-refresh', 'coalescing'] as const;
export type StampedeTool = (typeof STAMPEDE_TOOLS)[number];
export const STAMPEDE_TOOL_LABELS: Record<StampedeTool, string> = {
  none: 'no stampede protection',
  lock: 'rebuild lock',
  swr: 'stale-while-revalidate',
  'early-refresh': 'early refresh',
  coalescing: 'request coalescing',
};

/** The one stampede tool a lane uses (compare lanes switch between them, one at a time). */
export function stampedeTool(s: Scenario): StampedeTool {
  if (s.stampede.lock !== null) return 'lock';
  if (s.stampede.staleWhileRevalidate !== null) return 'swr';
  if (s.stampede.earlyRefresh !== null) return 'early-refresh';
  if (s.stampede.coalescing) return 'coalescing';
  return 'none';
}

/** Switch a lane to one stampede tool, keeping each tool's defaults. */
export function withStampedeTool(s: Scenario, tool: StampedeTool): Scenario {
  const softTtlMs = s.cache.ttlMs === null ? 30_000 : Math.max(1, Math.floor(s.cache.ttlMs * 0.8));
  return patched(s, {
    stampede: {
      lock: tool === 'lock' ? { ttlMs: 10_000, retryMs: 50 } : null,
      staleWhileRevalidate: tool === 'swr' ? { softTtlMs } : null,
      earlyRefresh: tool === 'early-refresh' ? { beta: 1 } : null,
      coalescing: tool === 'coalescing',
    },
  });
}

/** Apply a patch to one lane, re-validating; returns an error message when invalid. */
export function patchLane(lane: CompareLane, patch: ScenarioPatch): CompareLane | string {
  const r = applyScenarioPatch(lane.scenario, patch);
  return r.ok ? { ...lane, scenario: r.scenario } : r.issues.map((i) => i.message).join('; ');
}

// ------------------------------------------------------------------------------ totals table

export interface TotalsRow {
  readonly id: string;
  readonly label: string;
  /** One value per lane. */
  readonly values: readonly number[];
  readonly format: 'pct' | 'count' | 'ms';
  /** Which direction is better. */
  readonly better: 'higher' | 'lower';
  /** Lane indexes holding the best value, when the lanes differ; empty when all are equal. */
  readonly best: readonly number[];
  /** Lane indexes holding the worst value, when the lanes differ. */
  readonly worst: readonly number[];
  /** Whether the lanes differ meaningfully on this row. */
  readonly differs: boolean;
}

const ROWS: readonly {
  id: string;
  label: string;
  pick: (t: Totals) => number;
  format: TotalsRow['format'];
  better: TotalsRow['better'];
}[] = [
  { id: 'hit-ratio', label: 'Hit ratio', pick: (t) => t.hitRatio, format: 'pct', better: 'higher' },
  { id: 'db-reads', label: 'DB reads', pick: (t) => t.dbReads, format: 'count', better: 'lower' },
  { id: 'p99', label: 'p99 latency', pick: (t) => t.latencyMs.p99, format: 'ms', better: 'lower' },
  {
    id: 'db-queue-peak',
    label: 'Peak DB queue',
    pick: (t) => t.dbQueuePeak,
    format: 'count',
    better: 'lower',
  },
  {
    id: 'db-saturated',
    label: 'Time DB saturated',
    pick: (t) => t.dbSaturatedMs,
    format: 'ms',
    better: 'lower',
  },
  {
    id: 'stale-reads',
    label: 'Stale reads',
    pick: (t) => t.staleReads,
    format: 'count',
    better: 'lower',
  },
  {
    id: 'lost-writes',
    label: 'Lost writes',
    pick: (t) => t.lostWrites,
    format: 'count',
    better: 'lower',
  },
  { id: 'errors', label: 'Errors', pick: (t) => t.errors, format: 'count', better: 'lower' },
  {
    id: 'oom-errors',
    label: 'Refused SETs (OOM)',
    pick: (t) => t.oomErrors,
    format: 'count',
    better: 'lower',
  },
  {
    id: 'evictions',
    label: 'Evictions',
    pick: (t) => t.evictions,
    format: 'count',
    better: 'lower',
  },
  {
    id: 'db-writes',
    label: 'DB writes',
    pick: (t) => t.dbWrites,
    format: 'count',
    better: 'lower',
  },
];

/** Two values differ when they are more than 0.5% (relative) or, for ratios, 0.1 points apart. */
function differ(a: number, b: number, format: TotalsRow['format']): boolean {
  if (format === 'pct') return Math.abs(a - b) > 0.001;
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale > 0 && Math.abs(a - b) / scale > 0.005;
}

/**
 * A lane whose DB fell behind finished less work, so its lower-is-better counts (DB reads, stale
 * reads, evictions, errors…) are low for the wrong reason: it is never marked best on them. It can
 * still be best on the hit ratio, and worst on anything.
 */
function canBeBest(row: (typeof ROWS)[number], t: Totals | undefined): boolean {
  return !(row.format === 'count' && row.better === 'lower' && (t?.dbSaturatedMs ?? 0) > 0);
}

/** The totals table, with the best and worst lane marked on every row where lanes differ. */
export function totalsTable(totals: readonly Totals[]): TotalsRow[] {
  return ROWS.map((row) => {
    const values = totals.map(row.pick);
    const first = values[0] ?? 0;
    const differs = values.some((v) => differ(v, first, row.format));
    const eligible = values.filter((_, i) => canBeBest(row, totals[i]));
    const bestValue = row.better === 'higher' ? Math.max(...eligible) : Math.min(...eligible);
    const worstValue = row.better === 'higher' ? Math.min(...values) : Math.max(...values);
    const indexesNear = (target: number) =>
      values.flatMap((v, i) => (differ(v, target, row.format) ? [] : [i]));
    const worst = differs ? indexesNear(worstValue) : [];
    return {
      id: row.id,
      label: row.label,
      values,
      format: row.format,
      better: row.better,
      differs,
      // The best of the eligible lanes may be the worst of all (the others stopped early): no best.
      best:
        differs && eligible.length > 0
          ? indexesNear(bestValue).filter((i) => canBeBest(row, totals[i]) && !worst.includes(i))
          : [],
      worst,
    };
  });
}
