/**
 * The whole-run p99 to show and compare: the one counting unfinished requests at their age
 * (Totals.latencyWithUnfinished), and whether it is only a lower bound.
 *
 * Every figure counting an unfinished request at its age is a lower bound of what it will be.
 * It is reported as a lower bound ("at least") when the unfinished requests matter to it:
 * - they raise it above the finished requests' p99 (they have waited longer than the finished
 *   tail), or
 * - the finished latencies give no upper bound (more than about 1% of the requests are
 *   unfinished: however long they take decides the p99).
 * Otherwise the unfinished requests are a few mid-flight ones, younger than the finished tail,
 * and the figure is reported as it is.
 */
import type { Totals } from '../engine/engine-types';

export interface P99CountingUnfinished {
  /** p99 counting unfinished requests at their age, ms. */
  readonly ms: number;
  /** `ms` is only a lower bound: the unfinished requests matter to it (see above). */
  readonly atLeast: boolean;
  /**
   * The highest the p99 can be once every request finishes, for comparing: when `atLeast`, the p99
   * if no unfinished request ever finished (`p99AtMostMs`), or Infinity when that has no bound;
   * otherwise `ms`, taken as it is.
   */
  readonly atMostMs: number;
}

export function p99CountingUnfinished(t: Totals): P99CountingUnfinished {
  const all = t.latencyWithUnfinished;
  const ms = all.ms.p99;
  const atLeast = all.unfinished > 0 && (ms > t.latencyMs.p99 || all.p99AtMostMs === null);
  return {
    ms,
    atLeast,
    atMostMs: atLeast ? Math.max(ms, all.p99AtMostMs ?? Infinity) : ms,
  };
}
