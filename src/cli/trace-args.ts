/**
 * The arguments of `npm run trace`, parsed into options or a list of problems (one line each).
 * Pure, so the CLI test can check messages without a child process for every case.
 */
import type { AnyPolicyId } from '../sim/cache/cache-types';
import { formatFromFileName, TRACE_FORMATS, type TraceFormat } from '../sim/trace/trace-format';

/** CLI policy names -> registry ids (exact eviction mode). */
export const TRACE_POLICY_NAMES = {
  lru: 'allkeys-lru',
  lfu: 'allkeys-lfu',
  random: 'allkeys-random',
  fifo: 'fifo',
  clock: 'clock',
  sieve: 'sieve',
  s3fifo: 's3fifo',
  arc: 'arc',
  '2q': '2q',
  wtinylfu: 'wtinylfu',
  opt: 'opt',
} as const satisfies Record<string, AnyPolicyId>;
export type TracePolicyName = keyof typeof TRACE_POLICY_NAMES;

export const TRACE_USAGE = `usage: npm run -s trace -- FILE|- [options]
  FILE|-              the trace ("-" reads stdin); gzip is detected and decompressed
  --format F          text (one key per line), csv (with a header) or oracle-general
                      (libCacheSim's 24-byte records); default from the file name
                      (.csv, .oracleGeneral / .bin, else text; .gz looked through)
  --column NAME|N     csv: the key column, a header name or a 1-based number (default 1)
  --policies P,...    ${Object.keys(TRACE_POLICY_NAMES).join(', ')} (default lru)
  --sizes N,...|auto  cache sizes in keys (default auto: ~12 log-spaced up to the unique keys)
  --sample RATE       SHARDS spatial sampling at RATE in (0, 1] (default: exact)
  --sample-keys N     fixed-size SHARDS: sample at most N keys (the rate falls to fit);
                      the effective rate and the LRU error against the exact curve are printed
  --csv               print the results table as CSV instead of JSON`;

export interface TraceArgs {
  readonly file: string;
  readonly format: TraceFormat;
  readonly column?: string;
  readonly policies: readonly TracePolicyName[];
  /** null: auto. */
  readonly sizes: readonly number[] | null;
  readonly sampleRate?: number;
  /** Fixed-size SHARDS key budget. */
  readonly sampleKeys?: number;
  readonly csv: boolean;
}

export type ParsedTraceArgs =
  | { readonly kind: 'ok'; readonly args: TraceArgs }
  | { readonly kind: 'help' }
  | { readonly kind: 'problems'; readonly problems: readonly string[] };

const OPTIONS_WITH_VALUE = [
  '--format',
  '--column',
  '--policies',
  '--sizes',
  '--sample',
  '--sample-keys',
] as const;
type OptionWithValue = (typeof OPTIONS_WITH_VALUE)[number];

const isPolicyName = (name: string): name is TracePolicyName =>
  Object.hasOwn(TRACE_POLICY_NAMES, name);
const isFormat = (f: string): f is TraceFormat => (TRACE_FORMATS as readonly string[]).includes(f);

export function parseTraceArgs(argv: readonly string[]): ParsedTraceArgs {
  const problems: string[] = [];
  const values = new Map<OptionWithValue, string>();
  const files: string[] = [];
  let csv = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq !== -1 ? arg.slice(0, eq) : arg;
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    if (arg === '--csv') csv = true;
    else if ((OPTIONS_WITH_VALUE as readonly string[]).includes(name)) {
      const value = eq !== -1 && name !== arg ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) problems.push(`${name}: missing value`);
      else values.set(name as OptionWithValue, value);
    } else if (arg.startsWith('--')) problems.push(`unknown option ${arg}`);
    else files.push(arg);
  }
  if (files.length === 0) problems.push('missing trace file (a path, or - for stdin)');
  if (files.length > 1) problems.push(`expected one trace file, got ${files.join(' ')}`);
  const file = files[0] ?? '-';

  const formatText = values.get('--format');
  if (formatText !== undefined && !isFormat(formatText))
    problems.push(
      `--format: ${JSON.stringify(formatText)} is not one of ${TRACE_FORMATS.join(', ')}`,
    );
  const format =
    formatText !== undefined && isFormat(formatText)
      ? formatText
      : file === '-'
        ? 'text'
        : formatFromFileName(file);
  const column = values.get('--column');
  if (column !== undefined && format !== 'csv')
    problems.push(`--column: applies to csv traces only (the format is ${format})`);

  const policies: TracePolicyName[] = [];
  for (const p of (values.get('--policies') ?? 'lru').split(',')) {
    const name = p.trim().toLowerCase();
    if (isPolicyName(name)) {
      if (!policies.includes(name)) policies.push(name);
    } else
      problems.push(
        `--policies: unknown policy ${JSON.stringify(p)} (allowed: ${Object.keys(TRACE_POLICY_NAMES).join(', ')})`,
      );
  }

  let sizes: number[] | null = null;
  const sizesText = values.get('--sizes') ?? 'auto';
  if (sizesText !== 'auto') {
    sizes = [];
    for (const s of sizesText.split(',')) {
      const n = /^\s*\d+\s*$/.test(s) ? Number(s) : NaN;
      if (Number.isSafeInteger(n) && n >= 1) sizes.push(n);
      else
        problems.push(
          `--sizes: ${JSON.stringify(s)} is not a whole number of keys >= 1 (or use auto)`,
        );
    }
  }

  const sampleText = values.get('--sample');
  const sampleRate = sampleText === undefined ? undefined : Number(sampleText);
  if (sampleText !== undefined && !(sampleRate !== undefined && sampleRate > 0 && sampleRate <= 1))
    problems.push(`--sample: ${JSON.stringify(sampleText)} is not a rate in (0, 1]`);

  const keysText = values.get('--sample-keys');
  const sampleKeys = keysText === undefined ? undefined : Number(keysText);
  if (
    keysText !== undefined &&
    !(/^\s*\d+\s*$/.test(keysText) && sampleKeys !== undefined && sampleKeys >= 1)
  )
    problems.push(`--sample-keys: ${JSON.stringify(keysText)} is not a whole number of keys >= 1`);
  if (keysText !== undefined && sampleText !== undefined)
    problems.push('--sample and --sample-keys: choose one (a fixed rate or a fixed key budget)');

  if (problems.length > 0) return { kind: 'problems', problems };
  return {
    kind: 'ok',
    args: {
      file,
      format,
      ...(column === undefined ? {} : { column }),
      policies,
      sizes,
      ...(sampleRate === undefined ? {} : { sampleRate }),
      ...(sampleKeys === undefined ? {} : { sampleKeys }),
      csv,
    },
  };
}
