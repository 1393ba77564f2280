/**
 * The Traces page's pure parts: the worker protocol and its validation, the sizes field, the
 * best-policy mark, the plain reading sentence and the CSV export.
 */
import { ALL_POLICY_IDS, type AnyPolicyId } from '../../sim/cache/cache-types';
import { policyLabel } from '../../sim/cache/policies/policy-registry';
import { csvCell } from '../../sim/metrics/series-csv';
import { TRACE_FORMATS, type TraceFormat } from '../../sim/trace/trace-format';
import type { ReuseHistogram } from '../../sim/trace/reuse-histogram';
import type { TraceReport, TraceRunInput } from '../../sim/trace/trace-report';
import { isTraceRunnable, type PolicyRunResult } from '../../sim/trace/trace-runner';
import { SAMPLE_IDS, type SampleId } from './sample-traces';
import { localeNumber } from '../../ui/format';

/** Policies offered on the page, in display order; `opt` last as the ceiling. */
export const TRACE_POLICIES = [
  'allkeys-lru',
  's3fifo',
  'sieve',
  'arc',
  'fifo',
  'clock',
  '2q',
  'wtinylfu',
  'allkeys-lfu',
  'opt',
] as const satisfies readonly AnyPolicyId[];
export const DEFAULT_POLICIES: readonly AnyPolicyId[] = ['allkeys-lru', 's3fifo', 'sieve', 'arc'];

/** The label a policy gets on this page. */
export function tracePolicyLabel(id: AnyPolicyId): string {
  return id === 'opt' ? 'opt (the optimum, needs the whole trace)' : policyLabel(id);
}

export type FormatChoice = 'auto' | TraceFormat;

/** Where the trace comes from: a file read in the worker, or a generated sample. */
export type TraceSource =
  | {
      readonly kind: 'file';
      readonly file: File;
      readonly format: TraceFormat;
      /** CSV key column: a header name or a 1-based column number. */
      readonly keyColumn?: string | number;
    }
  | { readonly kind: 'sample'; readonly sample: SampleId };

/** What the replay-keys worker answers: the trace's key sequence, or why it could not read it. */
export type ReplayKeysEvent =
  | { readonly type: 'keys'; readonly keys: Int32Array; readonly uniqueKeys: number }
  | { readonly type: 'error'; readonly message: string };

export interface AnalyseRequest {
  readonly type: 'analyse';
  readonly source: TraceSource;
  readonly policies: readonly AnyPolicyId[];
  /** Cache sizes in keys, or 'auto' (`autoSizes` over the trace's unique keys). */
  readonly sizes: readonly number[] | 'auto';
  /** Fixed-rate SHARDS. */
  readonly sampleRate?: number;
  /** Fixed-size SHARDS: at most this many sampled keys (not with `sampleRate`). */
  readonly sampleKeys?: number;
}

/**
 * Analysing worker -> page. After `parsed` the same worker serves as one of the pool's workers
 * (see policy-run-pool.ts), with the keys it already holds.
 */
export type TraceWorkerEvent =
  | { readonly type: 'progress'; readonly bytesRead: number; readonly totalBytes: number }
  /** Parsed: computing the stats, the sample and the LRU curve. */
  | { readonly type: 'analysing'; readonly requests: number }
  | {
      readonly type: 'parsed';
      readonly trace: TraceReport['trace'];
      readonly sizes: readonly number[];
      /** LRU's rows, read off the curve (empty when LRU was not chosen). */
      readonly lruRows: readonly PolicyRunResult[];
      /** The full trace's reuse distances (from its exact LRU curve, even when sampled). */
      readonly reuse: ReuseHistogram;
      /** A copy of what the pool runs, for the page to hand to the other workers. */
      readonly input: TraceRunInput;
    }
  | { readonly type: 'error'; readonly message: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function isPolicy(v: unknown): v is AnyPolicyId {
  return (
    typeof v === 'string' &&
    (ALL_POLICY_IDS as readonly string[]).includes(v) &&
    isTraceRunnable(v as AnyPolicyId)
  );
}

/**
 * Checks a message the worker received; returns the request or a reason it was refused. The page
 * is the only sender, but the worker trusts nothing it did not check.
 */
export function parseAnalyseRequest(data: unknown): AnalyseRequest | string {
  if (!isRecord(data) || data.type !== 'analyse') return 'not an analyse request';
  const { source, policies, sizes, sampleRate, sampleKeys } = data;
  if (!Array.isArray(policies) || policies.length === 0 || !policies.every(isPolicy))
    return 'policies must be a non-empty list of trace-runnable policy ids';
  if (
    sizes !== 'auto' &&
    !(
      Array.isArray(sizes) &&
      sizes.length > 0 &&
      sizes.every((s) => typeof s === 'number' && Number.isInteger(s) && s >= 1)
    )
  )
    return "sizes must be 'auto' or a non-empty list of integers >= 1";
  if (
    sampleRate !== undefined &&
    !(typeof sampleRate === 'number' && sampleRate > 0 && sampleRate <= 1)
  )
    return 'the sample rate must be in (0, 1]';
  if (
    sampleKeys !== undefined &&
    !(typeof sampleKeys === 'number' && Number.isInteger(sampleKeys) && sampleKeys >= 1)
  )
    return 'the sampled key budget must be an integer >= 1';
  if (sampleRate !== undefined && sampleKeys !== undefined)
    return 'sample at a rate or to a key budget, not both';
  if (!isRecord(source)) return 'missing trace source';
  let checked: TraceSource;
  if (source.kind === 'sample') {
    if (!(SAMPLE_IDS as readonly unknown[]).includes(source.sample)) return 'unknown sample trace';
    checked = { kind: 'sample', sample: source.sample as SampleId };
  } else if (source.kind === 'file') {
    if (typeof File === 'undefined' || !(source.file instanceof File)) return 'missing file';
    if (!(TRACE_FORMATS as readonly unknown[]).includes(source.format)) return 'unknown format';
    const col = source.keyColumn;
    if (
      col !== undefined &&
      !(typeof col === 'string' && col !== '') &&
      !(typeof col === 'number' && Number.isInteger(col) && col >= 1)
    )
      return 'the key column must be a header name or a column number >= 1';
    checked = {
      kind: 'file',
      file: source.file,
      format: source.format as TraceFormat,
      ...(col === undefined ? {} : { keyColumn: col }),
    };
  } else return 'missing trace source';
  return {
    type: 'analyse',
    source: checked,
    policies,
    sizes: sizes === 'auto' ? 'auto' : (sizes as number[]),
    ...(sampleRate === undefined ? {} : { sampleRate }),
    ...(sampleKeys === undefined ? {} : { sampleKeys }),
  };
}

/** At most this many sizes from the sizes field (each is a simulation per policy). */
export const MAX_SIZES = 40;

/**
 * The sizes field: empty or 'auto' gives 'auto'; else integers >= 1 split by commas or spaces,
 * sorted and deduplicated; or what is wrong with it.
 */
export function parseSizes(text: string): readonly number[] | 'auto' | { readonly error: string } {
  const t = text.trim();
  if (t === '' || t.toLowerCase() === 'auto') return 'auto';
  const parts = t.split(/[\s,]+/).filter((p) => p !== '');
  const sizes = new Set<number>();
  for (const p of parts) {
    if (!/^\d+$/.test(p) || Number(p) < 1)
      return { error: `"${p}" is not a cache size (a whole number of keys, at least 1).` };
    sizes.add(Number(p));
  }
  if (sizes.size > MAX_SIZES) return { error: `At most ${MAX_SIZES} sizes, please.` };
  return [...sizes].sort((a, b) => a - b);
}

/** The CSV key column field: blank = the first column, digits = a column number, else a name. */
export function parseKeyColumn(text: string): string | number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  return /^\d+$/.test(t) && Number(t) >= 1 ? Number(t) : t;
}

/** The rows at one size, in policy order. */
export function rowsAtSize(results: readonly PolicyRunResult[], size: number): PolicyRunResult[] {
  return results.filter((r) => r.size === size);
}

/**
 * The policy to mark best at one size: the single highest hit count among the online policies
 * (`opt` is the ceiling, not a contender). Null on a tie for first or with fewer than two.
 */
export function bestPolicy(rows: readonly PolicyRunResult[]): AnyPolicyId | null {
  const online = rows.filter((r) => r.policy !== 'opt');
  if (online.length < 2) return null;
  const sorted = [...online].sort((a, b) => b.hits - a.hits);
  const [first, second] = sorted;
  if (!first || !second || first.hits === second.hits) return null;
  return first.policy;
}

/** Short display names for the reading sentence. */
function shortName(id: AnyPolicyId): string {
  const names: Partial<Record<AnyPolicyId, string>> = {
    'allkeys-lru': 'LRU',
    'allkeys-lfu': 'LFU',
    s3fifo: 'S3-FIFO',
    sieve: 'SIEVE',
    arc: 'ARC',
    fifo: 'FIFO',
    clock: 'CLOCK',
    '2q': '2Q',
    wtinylfu: 'W-TinyLFU',
    opt: 'OPT',
  };
  return names[id] ?? id;
}

/**
 * The target hit ratio for the reading sentence: 80%, or lower in steps of 10 points when no
 * online policy reaches 80% at any size tried (a trace of mostly one-hit wonders never can).
 */
export function readingTarget(results: readonly PolicyRunResult[]): number | null {
  const best = Math.max(0, ...results.filter((r) => r.policy !== 'opt').map((r) => r.hitRatio));
  for (let t = 0.8; t >= 0.1 - 1e-9; t -= 0.1) if (best >= t - 1e-9) return Math.round(t * 10) / 10;
  return null;
}

/**
 * One plain sentence read off the results: the smallest size tried at which each policy reaches
 * the target hit ratio, "not reached" for those that never do within the sizes tried.
 */
export function readingSentence(
  results: readonly PolicyRunResult[],
  policies: readonly AnyPolicyId[],
): string {
  const target = readingTarget(results);
  if (target === null)
    return 'No policy reaches even 10% hits at the sizes tried: nearly every key is requested once.';
  const parts = policies.map((p) => {
    const reached = results
      .filter((r) => r.policy === p && r.hitRatio >= target - 1e-9)
      .sort((a, b) => a.size - b.size)[0];
    const n = reached ? `${localeNumber(reached.size)} keys` : 'not reached';
    return `${shortName(p)} ${n}`;
  });
  return `For ${Math.round(target * 100)}% hits (smallest size tried that reaches it): ${parts.join(', ')}.`;
}

/** The results table as CSV (one row per policy and size), formula-injection safe. */
export function resultsCsv(results: readonly PolicyRunResult[]): string {
  const lines = ['policy,cache_size_keys,requests,hits,hit_ratio'];
  for (const r of results)
    lines.push(
      [
        csvCell(r.policy),
        csvCell(r.size),
        csvCell(r.requests),
        csvCell(r.hits),
        csvCell(r.hitRatio),
      ].join(','),
    );
  return `${lines.join('\n')}\n`;
}

/**
 * The two SHARDS fields: a rate (fixed-rate) or a key budget (fixed-size), at most one of them;
 * both blank means exact. Returns the request fields or what is wrong.
 */
export function parseSampling(
  rateText: string,
  keysText: string,
): { readonly sampleRate?: number; readonly sampleKeys?: number } | { readonly error: string } {
  const rateT = rateText.trim();
  const keysT = keysText.trim().replace(/,/g, '');
  if (rateT !== '' && keysT !== '')
    return { error: 'Give a SHARDS sample rate or a key budget, not both.' };
  if (rateT !== '') {
    const r = Number(rateT);
    if (!(r > 0 && r <= 1))
      return { error: 'The SHARDS sample rate must be a number above 0 and at most 1.' };
    return { sampleRate: r };
  }
  if (keysT !== '') {
    if (!/^\d+$/.test(keysT) || Number(keysT) < 1)
      return { error: 'The SHARDS key budget must be a whole number of keys, at least 1.' };
    return { sampleKeys: Number(keysT) };
  }
  return {};
}
