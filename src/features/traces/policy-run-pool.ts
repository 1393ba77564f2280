/**
 * Splitting a trace's simulated runs (every policy but LRU, at every size) over a pool of Web
 * Workers, and merging their rows back into the report's order. Pure: the hook only moves
 * messages, so the same plan runs here in tests without workers.
 *
 * Jobs go out one at a time to whichever worker is free (each worker holds its own copy of the
 * keys), so a slow policy does not hold up a worker that was handed a fixed share. Each row is
 * computed by the same `simulatedRow` a single `traceReport` call uses, so the merged rows equal
 * that call's, whatever the order of completion.
 */
import { ALL_POLICY_IDS, type AnyPolicyId } from '../../sim/cache/cache-types';
import type { TraceRunInput } from '../../sim/trace/trace-report';
import { isTraceRunnable, type PolicyRunResult } from '../../sim/trace/trace-runner';

/** The most workers a pool gets, whatever the machine reports (each holds a copy of the keys). */
export const MAX_POOL_WORKERS = 4;
/** The fewest workers a pool gets when it has at least that many jobs. */
export const MIN_POOL_WORKERS = 2;

/**
 * Workers for `jobs` runs: the machine's logical cores (navigator.hardwareConcurrency, absent on
 * some browsers) clamped to [MIN_POOL_WORKERS, MAX_POOL_WORKERS], and never more than the jobs.
 */
export function poolSize(hardwareConcurrency: number | undefined, jobs: number): number {
  const cores = Number.isFinite(hardwareConcurrency) ? (hardwareConcurrency ?? 0) : 0;
  const wanted = Math.min(MAX_POOL_WORKERS, Math.max(MIN_POOL_WORKERS, Math.floor(cores)));
  return Math.max(0, Math.min(wanted, jobs));
}

export interface PolicyRunJob {
  readonly policy: AnyPolicyId;
  readonly size: number;
}

/** Whether a policy's rows come from a simulation (LRU's are read off the one-pass curve). */
export function isSimulated(policy: AnyPolicyId): boolean {
  return policy !== 'allkeys-lru';
}

/**
 * Tracks which runs are still to hand out and which are done. The longest jobs go first (opt,
 * which also builds every request's next use), so the pool does not end waiting on one of them.
 */
export class PolicyRunPlan {
  private readonly pending: PolicyRunJob[];
  private readonly rows = new Map<string, PolicyRunResult>();
  readonly total: number;

  constructor(
    readonly policies: readonly AnyPolicyId[],
    readonly sizes: readonly number[],
  ) {
    const jobs = policies
      .filter(isSimulated)
      .flatMap((policy) => sizes.map((size) => ({ policy, size })));
    this.pending = [
      ...jobs.filter((j) => j.policy === 'opt'),
      ...jobs.filter((j) => j.policy !== 'opt'),
    ];
    this.total = jobs.length;
  }

  /** The next run to hand to a free worker, or undefined when all have been handed out. */
  nextJob(): PolicyRunJob | undefined {
    return this.pending.shift();
  }

  /** Records a finished run. Throws for a row no job asked for, or one already recorded. */
  complete(row: PolicyRunResult): void {
    const id = `${row.policy}@${row.size}`;
    if (!isSimulated(row.policy) || !this.policies.includes(row.policy))
      throw new Error(`no run of ${row.policy} was planned`);
    if (!this.sizes.includes(row.size)) throw new Error(`no run at size ${row.size} was planned`);
    if (this.rows.has(id)) throw new Error(`the run ${id} came back twice`);
    this.rows.set(id, row);
  }

  get done(): number {
    return this.rows.size;
  }

  get finished(): boolean {
    return this.rows.size === this.total;
  }

  /**
   * Every row in report order (policies as given, then sizes as given), LRU's taken from
   * `lruRows`. Throws when a run is missing.
   */
  merge(lruRows: readonly PolicyRunResult[]): PolicyRunResult[] {
    const out: PolicyRunResult[] = [];
    for (const policy of this.policies)
      for (const size of this.sizes) {
        const row = isSimulated(policy)
          ? this.rows.get(`${policy}@${size}`)
          : lruRows.find((r) => r.size === size);
        if (row === undefined) throw new Error(`the run of ${policy} at ${size} keys is missing`);
        out.push(row);
      }
    return out;
  }
}

/** Page -> pool worker: take the keys to run (a copy of its own, transferred). */
export interface PoolLoadMessage {
  readonly type: 'pool.load';
  readonly input: TraceRunInput;
}
/** Page -> pool worker: run one policy at one size. */
export interface PoolRunMessage extends PolicyRunJob {
  readonly type: 'pool.run';
}
export type PoolMessage = PoolLoadMessage | PoolRunMessage;

/** Pool worker -> page. */
export type PoolEvent =
  | { readonly type: 'pool.row'; readonly row: PolicyRunResult }
  | { readonly type: 'error'; readonly message: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** Checks a message a pool worker received: the message, or why it was refused. */
export function parsePoolMessage(data: unknown): PoolMessage | string {
  if (!isRecord(data)) return 'not a pool message';
  if (data.type === 'pool.run') {
    const { policy, size } = data;
    if (
      typeof policy !== 'string' ||
      !(ALL_POLICY_IDS as readonly string[]).includes(policy) ||
      !isTraceRunnable(policy as AnyPolicyId)
    )
      return 'the policy must be a trace-runnable policy id';
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 1)
      return 'the size must be an integer >= 1';
    return { type: 'pool.run', policy: policy as AnyPolicyId, size };
  }
  if (data.type === 'pool.load') {
    const input = data.input;
    if (!isRecord(input) || !(input.keys instanceof Int32Array)) return 'the keys are missing';
    const { keys, uniqueKeys, fullRequests, rate, sampled } = input;
    if (typeof uniqueKeys !== 'number' || !Number.isInteger(uniqueKeys) || uniqueKeys < 0)
      return 'uniqueKeys must be an integer >= 0';
    if (typeof fullRequests !== 'number' || !Number.isInteger(fullRequests) || fullRequests < 0)
      return 'fullRequests must be an integer >= 0';
    if (typeof rate !== 'number' || !(rate > 0 && rate <= 1)) return 'the rate must be in (0, 1]';
    if (typeof sampled !== 'boolean') return 'sampled must be true or false';
    return { type: 'pool.load', input: { keys, uniqueKeys, fullRequests, rate, sampled } };
  }
  return 'not a pool message';
}
