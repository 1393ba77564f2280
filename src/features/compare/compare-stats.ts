/**
 * Compare's results table: each lane runs on several seeds; every row shows the lane's mean and
 * its range (min-max) over the seeds, and names a lane "best" or "worst" only where its range does
 * not overlap the other lanes' ranges, i.e. where the lanes differ by more than the seed-to-seed
 * noise. Everything else is "within noise".
 *
 * A figure can be only a lower bound: the p99 counting requests still unfinished at the end at
 * their age (sim/metrics/unfinished-p99.ts). A lane's range then reaches up to what the figure
 * could be (no limit, unless the finished latencies bound it): such a lane beats no lane it cannot
 * beat even at that upper end, so a lower bound is never called best on its own value, while a
 * lane whose lower bound is above another lane's whole range is worse for sure.
 */
import { FAULT_DEFAULTS, FAULT_FACTORS } from '../../sim/engine/engine';
import type { MetricWindow, Totals } from '../../sim/engine/engine-types';
import {
  p99CountingUnfinished,
  type P99CountingUnfinished,
} from '../../sim/metrics/unfinished-p99';
import type { Scenario } from '../../sim/scenario/scenario-schema';
import { windowRate } from '../../ui/metric-points';

/** Seeds each lane runs on: the shared seed and the next ones (seed, seed+1, seed+2). */
export const SEEDS_PER_LANE = 3;

/** The seeds a lane runs on, wrapping at the seed's 32-bit range. */
export function laneSeeds(seed: number, count = SEEDS_PER_LANE): number[] {
  return Array.from({ length: count }, (_, k) => (seed + k) % 4294967296);
}

/** Above this many simulated client requests in one compare run, the page warns before it starts. */
export const BIG_COMPARE_REQUESTS = 50_000_000;

/**
 * Client requests one run of `s` is expected to simulate: the Poisson rate over the run, the
 * extra of scheduled traffic spikes, and the scripted requests. An estimate (live rates vary).
 */
export function expectedRequests(s: Scenario): number {
  const rate = s.workload.requestsPerSec;
  let total = (rate * s.durationMs) / 1000 + s.workload.script.length;
  for (const f of s.faults) {
    if (f.kind !== 'traffic-spike') continue;
    const factor = f.factor > 0 ? f.factor : FAULT_FACTORS['traffic-spike'];
    const forMs = Math.min(
      f.forMs ?? FAULT_DEFAULTS['traffic-spike'],
      Math.max(0, s.durationMs - f.atMs),
    );
    total += (rate * (factor - 1) * forMs) / 1000;
  }
  return Math.max(0, total);
}

/** What one finished run (one lane, one seed) contributes to the table. */
export interface RunMetrics {
  readonly totals: Totals;
  /** Mean DB reads per simulated second after warm-up. */
  readonly dbReadsPerSec: number;
  /** DB reads per second in the busiest window after warm-up. */
  readonly peakDbReadsPerSec: number;
  /** The highest per-window p99 latency after warm-up (a spike the whole-run p99 can hide). */
  readonly worstWindowP99Ms: number;
  /** The whole-run p99 counting unfinished requests at their age, and whether it is a bound. */
  readonly p99: P99CountingUnfinished;
}

/**
 * Fold one run's totals and series into the table's figures. Windows are the engine's series
 * (`windowMs` wide); only windows starting at or after warm-up count, as the totals do.
 */
export function runMetrics(
  totals: Totals,
  windows: readonly MetricWindow[],
  timing: { readonly durationMs: number; readonly warmupMs: number; readonly windowMs: number },
): RunMetrics {
  const measuredSec = Math.max(timing.durationMs - timing.warmupMs, 1) / 1000;
  let peak = 0;
  let worstP99 = 0;
  for (const w of windows) {
    if (w.tMs < timing.warmupMs) continue;
    // A last window cut short by the end of the run is rated over its real width.
    peak = Math.max(peak, windowRate(w.dbReads, w));
    if (w.completed > 0) worstP99 = Math.max(worstP99, w.latencyMs.p99);
  }
  return {
    totals,
    dbReadsPerSec: totals.dbReads / measuredSec,
    peakDbReadsPerSec: peak,
    worstWindowP99Ms: worstP99,
    p99: p99CountingUnfinished(totals),
  };
}

export type RowFormat = 'pct' | 'count' | 'ms' | 'rate';

interface RowDef {
  readonly id: string;
  readonly label: string;
  readonly hint: string;
  readonly pick: (m: RunMetrics) => number;
  /**
   * Rows in ms where lower is better and `pick` may be only a lower bound: the highest the figure
   * can be (Infinity: no limit). Without it, `pick` is the figure.
   */
  readonly atMost?: (m: RunMetrics) => number;
  readonly format: RowFormat;
  readonly better: 'higher' | 'lower';
}

const ROWS: readonly RowDef[] = [
  {
    id: 'hit-ratio',
    label: 'Hit ratio',
    hint: 'Share of reads answered by the cache.',
    pick: (m) => m.totals.hitRatio,
    format: 'pct',
    better: 'higher',
  },
  {
    id: 'db-reads-rate',
    label: 'DB reads/s (mean)',
    hint: 'Database reads per second, averaged after warm-up.',
    pick: (m) => m.dbReadsPerSec,
    format: 'rate',
    better: 'lower',
  },
  {
    id: 'db-reads-peak',
    label: 'Peak DB reads/s',
    hint: 'Database reads per second in the busiest window: what the database must survive.',
    pick: (m) => m.peakDbReadsPerSec,
    format: 'rate',
    better: 'lower',
  },
  {
    id: 'p99',
    label: 'p99 latency (whole run)',
    hint: '99th percentile of request latency after warm-up, counting requests still unfinished at the end at their age. “≥”: only a lower bound (they take at least that long), where they raise it or are too many for the finished requests to bound it.',
    pick: (m) => m.p99.ms,
    atMost: (m) => m.p99.atMostMs,
    format: 'ms',
    better: 'lower',
  },
  {
    id: 'p99-worst-window',
    label: 'Worst-window p99',
    hint: 'The highest p99 of the requests finishing in any one window: a spike the whole-run p99 averages away. Requests still unfinished at the end are in no window; “≥” where the whole-run p99 is a lower bound: they finish in later windows, which can only raise the worst.',
    pick: (m) => m.worstWindowP99Ms,
    atMost: (m) => (m.p99.atLeast ? Infinity : m.worstWindowP99Ms),
    format: 'ms',
    better: 'lower',
  },
  {
    id: 'db-queue-peak',
    label: 'Peak DB queue',
    hint: 'Most queries waiting for a database connection at once.',
    pick: (m) => m.totals.dbQueuePeak,
    format: 'count',
    better: 'lower',
  },
  {
    id: 'db-saturated',
    label: 'Time DB saturated',
    hint: 'Time in windows where the database fell behind (its queue grew past the pool).',
    pick: (m) => m.totals.dbSaturatedMs,
    format: 'ms',
    better: 'lower',
  },
  {
    id: 'stale-reads',
    label: 'Stale reads',
    hint: 'Reads served a value the database had already replaced.',
    pick: (m) => m.totals.staleReads,
    format: 'count',
    better: 'lower',
  },
  {
    id: 'lost-writes',
    label: 'Lost writes',
    hint: 'Acknowledged writes that never reached the database.',
    pick: (m) => m.totals.lostWrites,
    format: 'count',
    better: 'lower',
  },
  {
    id: 'errors',
    label: 'Errors',
    hint: 'Requests that failed.',
    pick: (m) => m.totals.errors,
    format: 'count',
    better: 'lower',
  },
  {
    id: 'oom-errors',
    label: 'Refused SETs (OOM)',
    hint: 'SETs the cache refused for lack of memory.',
    pick: (m) => m.totals.oomErrors,
    format: 'count',
    better: 'lower',
  },
  {
    id: 'evictions',
    label: 'Evictions',
    hint: 'Keys pushed out to make room.',
    pick: (m) => m.totals.evictions,
    format: 'count',
    better: 'lower',
  },
  {
    id: 'db-writes',
    label: 'DB writes',
    hint: 'Writes that reached the database.',
    pick: (m) => m.totals.dbWrites,
    format: 'count',
    better: 'lower',
  },
];

/** One lane's figure on one row: over its seeds. */
export interface LaneStat {
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  /** One value per seed, in seed order. */
  readonly values: readonly number[];
  /** Per seed: the value is only a lower bound (the figure is at least that). */
  readonly atLeast: readonly boolean[];
  /** The highest the lane's figure can be on any seed: `max`, or more where a value is a bound. */
  readonly upper: number;
}

/**
 * A lane's figures over its seeds; `atMost[k]` is the highest seed k's figure can be, when its
 * value is only a lower bound (omitted: every value is the figure).
 */
export function laneStat(values: readonly number[], atMost: readonly number[] = values): LaneStat {
  const atLeast = values.map((v, k) => (atMost[k] ?? v) > v);
  if (values.length === 0)
    return {
      mean: Number.NaN,
      min: Number.NaN,
      max: Number.NaN,
      values,
      atLeast,
      upper: Number.NaN,
    };
  const sum = values.reduce((a, b) => a + b, 0);
  const max = Math.max(...values);
  return {
    mean: sum / values.length,
    min: Math.min(...values),
    max,
    values,
    atLeast,
    upper: Math.max(max, ...atMost),
  };
}

/**
 * `same`: every seed of every lane gave the same figure; `noise`: lanes differ, but no lane's range
 * is clear of the others'; `differs`: at least one lane is marked best or worst; `unfair`: nothing
 * can be marked because the only lane ahead is ahead by not finishing its work (its DB fell behind);
 * `bound`: nothing can be marked, and some lane's figure is only a lower bound (see `LaneStat`).
 */
export type RowVerdict = 'same' | 'noise' | 'differs' | 'unfair' | 'bound';

export interface ResultRow {
  readonly id: string;
  readonly label: string;
  readonly hint: string;
  readonly format: RowFormat;
  readonly better: 'higher' | 'lower';
  readonly lanes: readonly LaneStat[];
  readonly verdict: RowVerdict;
  /** Lanes whose range is better than some lane's and worse than none's. */
  readonly best: readonly number[];
  /** Lanes whose range is worse than some lane's and better than none's. */
  readonly worst: readonly number[];
}

/**
 * Whether lane `a` is better than lane `b` by more than both lanes' seed-to-seed ranges. Where lower
 * is better, `a` must be below `b` even at the highest `a`'s lower bounds allow (`upper`), and
 * `b`'s lowest value may be a lower bound (its figure is then higher still, so `a` still wins).
 */
export function beats(a: LaneStat, b: LaneStat, better: 'higher' | 'lower'): boolean {
  return better === 'higher' ? a.min > b.max : a.upper < b.min;
}

/**
 * Best and worst over lanes' ranges. A lane is "best" when no lane beats it and it beats at least
 * one; "worst" when it beats none and at least one beats it. A lane in the middle of overlapping
 * ranges is neither. A lane with `canWin[i] === false` beats no lane (see `resultsTable`).
 */
export function rankLanes(
  stats: readonly LaneStat[],
  better: 'higher' | 'lower',
  canWin: readonly boolean[] = stats.map(() => true),
): { best: number[]; worst: number[]; verdict: RowVerdict } {
  const all = stats.flatMap((s) => s.values);
  const first = all[0];
  const anyBound = stats.some((s) => s.atLeast.includes(true));
  if (first === undefined || (!anyBound && all.every((v) => v === first)))
    return { best: [], worst: [], verdict: 'same' };
  const idx = stats.map((_, i) => i);
  const wins = (i: number, j: number) =>
    i !== j && canWin[i] !== false && beats(stats[i] as LaneStat, stats[j] as LaneStat, better);
  const beaten = idx.map((i) => idx.some((j) => wins(j, i)));
  const beatsSome = idx.map((i) => idx.some((j) => wins(i, j)));
  const best = idx.filter((i) => !beaten[i] && beatsSome[i]);
  const worst = idx.filter((i) => beaten[i] && !beatsSome[i]);
  if (best.length + worst.length > 0) return { best, worst, verdict: 'differs' };
  return {
    best,
    worst,
    verdict: canWin.some((c) => !c) ? 'unfair' : anyBound ? 'bound' : 'noise',
  };
}

/**
 * A lane whose DB fell behind finished less work, so its lower-is-better counts and rates (DB
 * reads, stale reads, evictions, errors…) are low for the wrong reason: on those rows it beats no
 * lane (it is never best, and a lane that did all its work is not "worst" for doing it). It can
 * still be best on the hit ratio, and worst on anything.
 */
function canWin(row: RowDef, runs: readonly RunMetrics[]): boolean {
  if (row.better !== 'lower' || (row.format !== 'count' && row.format !== 'rate')) return true;
  return runs.every((r) => r.totals.dbSaturatedMs === 0);
}

/**
 * The results table. `runs[lane][seed]` are the finished runs; every lane needs the same number of
 * seeds (the caller shows the table only when all are done).
 */
export function resultsTable(runs: readonly (readonly RunMetrics[])[]): ResultRow[] {
  return ROWS.map((row) => {
    const atMost = row.atMost;
    const lanes = runs.map((seeds) =>
      laneStat(seeds.map(row.pick), atMost === undefined ? undefined : seeds.map(atMost)),
    );
    const ranked = rankLanes(
      lanes,
      row.better,
      runs.map((seeds) => canWin(row, seeds)),
    );
    return {
      id: row.id,
      label: row.label,
      hint: row.hint,
      format: row.format,
      better: row.better,
      lanes,
      ...ranked,
    };
  });
}
