/**
 * The verdict on a run: is this cache doing its job?
 *
 * The hit-rate rules of thumb (CONTENT.md section 10) say: below 50% rethink the keys or do not
 * cache; above 80% the cache is worth it; above 95% it is excellent; in between it is doing less
 * than you think. But a hit ratio counts the lookups the cache answered, and says nothing about
 * what happens to the misses. When the database cannot keep up, misses queue behind each other and
 * p99 climbs to seconds while the hit ratio looks unchanged. So the verdict looks at the DB queue
 * and at latency first, and only then at the hit ratio.
 */
import type { Totals } from '../../sim/engine/engine-types';
import { p99CountingUnfinished } from '../../sim/metrics/unfinished-p99';
import {
  formatCount,
  formatFactor,
  formatFactorAtLeast,
  formatMs,
  formatMsAtLeast,
  formatPct,
} from '../../ui/format';

/** The hit-ratio bands, worst first. */
export type HitRatioLevel = 'poor' | 'fair' | 'good' | 'excellent';
/**
 * `overloaded`: the DB cannot keep up now; `strained`: it fell behind for part of the run;
 * `slow`: no saturation, but p99 is far above what a database read takes.
 */
export type VerdictLevel = HitRatioLevel | 'overloaded' | 'strained' | 'slow';

export interface Verdict {
  readonly level: VerdictLevel;
  readonly title: string;
  readonly advice: string;
  /** The standard the verdict was judged by, or why the hit ratio alone misleads here. */
  readonly rule: string;
}

/** p99 above this many times the DB's read latency counts as slow (calm presets stay under 3×). */
export const SLOW_P99_FACTOR = 10;

const HIT_RATIO_RULE = 'Rule of thumb: below 50% rethink, above 80% worth it, above 95% excellent.';

export function hitRatioVerdict(hitRatio: number): Verdict & { readonly level: HitRatioLevel } {
  const rule = HIT_RATIO_RULE;
  if (hitRatio < 0.5)
    return {
      level: 'poor',
      title: 'Below 50%',
      advice: 'Rethink the keys, or do not cache this data.',
      rule,
    };
  if (hitRatio <= 0.8)
    return {
      level: 'fair',
      title: '50–80%',
      advice: 'The cache is doing less than you think.',
      rule,
    };
  if (hitRatio <= 0.95) return { level: 'good', title: 'Above 80%', advice: 'Worth it.', rule };
  return { level: 'excellent', title: 'Above 95%', advice: 'Excellent.', rule };
}

/** True for the verdicts that come from the hit ratio alone. */
export function isHitRatioVerdict(v: Verdict): v is Verdict & { readonly level: HitRatioLevel } {
  return v.level === 'poor' || v.level === 'fair' || v.level === 'good' || v.level === 'excellent';
}

export interface RunVerdictInput {
  /** Totals after warm-up (hit ratio over lookups, latency over finished requests). */
  readonly totals: Totals;
  /** The latest metric window was flagged `dbSaturated`. */
  readonly saturatedNow: boolean;
  /** The scenario's DB read latency, the yardstick for "slow". */
  readonly dbReadLatencyMs: number;
}

/**
 * The whole-run p99 to state, in words that stay true of it:
 * - nothing unfinished: "p99 since warm-up is X";
 * - unfinished requests raise it (or are too many for the finished latencies to bound it):
 *   "p99 since warm-up is at least X counting the N unfinished requests at their age (Y over the
 *   M finished)", X rounded down;
 * - a few unfinished ones younger than the finished tail, as any moment of a calm run has: "p99
 *   since warm-up is Y", of the finished requests, the figure Compare also takes as exact (a live
 *   figure leaves out what has not happened yet; spelling that out on every calm verdict made it
 *   a line longer and pushed the charts off a projector's screen).
 * null when there is no latency to state (nothing finished, nothing unfinished counted).
 */
export interface P99Words {
  /** The figure the words state (a lower bound when `atLeast`). */
  readonly ms: number;
  readonly atLeast: boolean;
  /** Lower case, no final full stop. */
  readonly text: string;
}

export function p99Words(t: Totals): P99Words | null {
  const all = t.latencyWithUnfinished;
  const p99 = p99CountingUnfinished(t);
  if (p99.atLeast) {
    const finished =
      t.completed > 0
        ? ` (${formatMs(t.latencyMs.p99)} over the ${formatCount(t.completed)} finished)`
        : '';
    return {
      ms: p99.ms,
      atLeast: true,
      text: `p99 since warm-up is at least ${formatMsAtLeast(p99.ms)} counting the ${formatCount(all.unfinished)} unfinished requests at their age${finished}`,
    };
  }
  if (t.completed === 0) return null;
  return {
    ms: t.latencyMs.p99,
    atLeast: false,
    text: `p99 since warm-up is ${formatMs(t.latencyMs.p99)}`,
  };
}

/** "12×" or, for a lower bound, "at least 12×" (rounded down). */
export function factorWords(x: number, atLeast: boolean): string {
  return atLeast ? `at least ${formatFactorAtLeast(x)}` : formatFactor(x);
}

/** p99 is far above a database read: requests spend their time waiting, or the DB is slowed. */
function isSlow(p99: P99Words | null, dbReadLatencyMs: number): p99 is P99Words {
  return p99 !== null && dbReadLatencyMs > 0 && p99.ms > SLOW_P99_FACTOR * dbReadLatencyMs;
}

/**
 * The verdict shown beside the numbers: the DB queue first (saturated now, or for part of the
 * run), then latency, then the hit-ratio rules of thumb. Only the last can say "worth it".
 */
export function runVerdict(input: RunVerdictInput): Verdict {
  const { totals: t, saturatedNow, dbReadLatencyMs } = input;
  const ratio = formatPct(t.hitRatio);
  const p99 = p99Words(t);
  if (saturatedNow || t.dbSaturatedMs > 0) {
    const facts: string[] = [];
    if (t.dbQueuePeak > 0)
      facts.push(`its queue reached ${formatCount(t.dbQueuePeak)} operations since warm-up`);
    if (saturatedNow && t.inFlight > 0)
      facts.push(`${formatCount(t.inFlight)} requests are unfinished`);
    if (p99 !== null) facts.push(p99.text);
    return {
      level: saturatedNow ? 'overloaded' : 'strained',
      title: saturatedNow
        ? 'The database cannot keep up'
        : `The database fell behind for ${formatMs(t.dbSaturatedMs)}`,
      advice: facts.length > 0 ? `${capitalise(facts.join('; '))}.` : '',
      rule: `The ${ratio} hit ratio counts the lookups the cache answered; it does not show how long the misses waited at the database.`,
    };
  }
  if (isSlow(p99, dbReadLatencyMs)) {
    return {
      level: 'slow',
      title: 'Requests are slow',
      advice: `${p99.text}, ${factorWords(p99.ms / dbReadLatencyMs, p99.atLeast)} the database's read latency (${formatMs(dbReadLatencyMs)}).`,
      rule: `The ${ratio} hit ratio does not show where that time goes: see the latency chart.`,
    };
  }
  return hitRatioVerdict(t.hitRatio);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
