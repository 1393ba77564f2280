/**
 * "Why cache?" arithmetic (CONTENT.md section 1). Pure functions, no React, so they are easy to
 * test and reuse (lessons link here).
 *
 * Model: every read goes to the cache first. A hit costs one cache lookup; a miss costs the lookup
 * plus one DB query (the refill SET is asynchronous in this simple model and not counted).
 * Without a cache every read is one DB query.
 */

import { localeNumber } from '../../ui/format';

export interface WhyCacheInputs {
  /** Mean DB query latency, ms. */
  readonly dbMs: number;
  /** Mean cache lookup latency, ms. */
  readonly cacheMs: number;
  /** Reads per second hitting this data. */
  readonly readsPerSec: number;
  /** Reads between two changes of the data (each change forces one miss). */
  readonly readsPerChange: number;
  /** Where the hit ratio comes from: derived from reads per change, or typed in. */
  readonly hitFrom: 'change' | 'measured';
  /** Measured hit ratio in percent (0..100), used when hitFrom = 'measured'. */
  readonly hitPct: number;
}

export const WHY_CACHE_DEFAULTS: WhyCacheInputs = {
  dbMs: 50,
  cacheMs: 0.5,
  readsPerSec: 1000,
  readsPerChange: 10000,
  hitFrom: 'change',
  hitPct: 90,
};

interface NumericField {
  readonly key: Exclude<keyof WhyCacheInputs, 'hitFrom'>;
  readonly param: string;
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  readonly unit: string;
}

/** Field metadata: URL parameter names and allowed ranges, in one place. */
export const WHY_CACHE_FIELDS: readonly NumericField[] = [
  {
    key: 'dbMs',
    param: 'db',
    label: 'DB latency',
    min: 0.01,
    max: 60000,
    integer: false,
    unit: 'ms',
  },
  {
    key: 'cacheMs',
    param: 'cache',
    label: 'Cache latency',
    min: 0,
    max: 60000,
    integer: false,
    unit: 'ms',
  },
  {
    key: 'readsPerSec',
    param: 'rps',
    label: 'Reads per second',
    min: 0,
    max: 10_000_000,
    integer: false,
    unit: 'reads/s',
  },
  {
    key: 'readsPerChange',
    param: 'rpc',
    label: 'Reads per change',
    min: 1,
    max: 1_000_000_000,
    integer: true,
    unit: 'reads',
  },
  { key: 'hitPct', param: 'hit', label: 'Hit ratio', min: 0, max: 100, integer: false, unit: '%' },
];

/** Checks one raw field value; returns an error naming the field and the allowed range, or null. */
export function checkField(
  field: NumericField,
  raw: string,
): { value: number } | { error: string } {
  const trimmed = raw.trim();
  const value = trimmed === '' ? Number.NaN : Number(trimmed);
  const range = `${localeNumber(field.min)} to ${localeNumber(field.max)}${field.unit === '%' ? '%' : ` ${field.unit}`}`;
  if (!Number.isFinite(value)) return { error: `${field.label} must be a number from ${range}.` };
  if (value < field.min || value > field.max)
    return { error: `${field.label} must be from ${range}.` };
  if (field.integer && !Number.isInteger(value))
    return { error: `${field.label} must be a whole number.` };
  return { value };
}

export interface WhyCacheResult {
  /** Hit ratio used, 0..1. */
  readonly hitRatio: number;
  readonly avgLatencyNoCacheMs: number;
  readonly avgLatencyCacheMs: number;
  /** avgLatencyNoCache / avgLatencyCache (Infinity when the cached path costs 0). */
  readonly speedUp: number;
  readonly dbQueriesPerSecNoCache: number;
  readonly dbQueriesPerSecCache: number;
  /** DB busy time per wall second: how many queries are in flight on average (Little's law). */
  readonly dbBusyNoCache: number;
  readonly dbBusyCache: number;
  /** For one change cycle of `readsPerChange` reads: total time spent serving them, ms. */
  readonly cycleTimeNoCacheMs: number;
  readonly cycleTimeCacheMs: number;
  readonly cycleDbQueriesCache: number;
}

/** Hit ratio when each change of the data costs exactly one miss. */
export function hitRatioFromReadsPerChange(readsPerChange: number): number {
  return readsPerChange <= 1 ? 0 : (readsPerChange - 1) / readsPerChange;
}

export function computeWhyCache(inputs: WhyCacheInputs): WhyCacheResult {
  const hitRatio =
    inputs.hitFrom === 'change'
      ? hitRatioFromReadsPerChange(inputs.readsPerChange)
      : inputs.hitPct / 100;
  const missRatio = 1 - hitRatio;
  const avgLatencyNoCacheMs = inputs.dbMs;
  const avgLatencyCacheMs = inputs.cacheMs + missRatio * inputs.dbMs;
  const speedUp =
    avgLatencyCacheMs === 0 ? Number.POSITIVE_INFINITY : avgLatencyNoCacheMs / avgLatencyCacheMs;
  const dbQueriesPerSecCache = inputs.readsPerSec * missRatio;
  const cycleMisses = inputs.hitFrom === 'change' ? 1 : inputs.readsPerChange * missRatio;
  return {
    hitRatio,
    avgLatencyNoCacheMs,
    avgLatencyCacheMs,
    speedUp,
    dbQueriesPerSecNoCache: inputs.readsPerSec,
    dbQueriesPerSecCache,
    dbBusyNoCache: (inputs.readsPerSec * inputs.dbMs) / 1000,
    dbBusyCache: (dbQueriesPerSecCache * inputs.dbMs) / 1000,
    cycleTimeNoCacheMs: inputs.readsPerChange * inputs.dbMs,
    cycleTimeCacheMs: inputs.readsPerChange * inputs.cacheMs + cycleMisses * inputs.dbMs,
    cycleDbQueriesCache: cycleMisses,
  };
}

/** Average latency with a cache across hit ratios, for the chart (0..100% in `steps` steps). */
export function latencyCurve(
  inputs: Pick<WhyCacheInputs, 'dbMs' | 'cacheMs'>,
  steps = 50,
): { hitPct: number; withCache: number; withoutCache: number }[] {
  const points: { hitPct: number; withCache: number; withoutCache: number }[] = [];
  for (let i = 0; i <= steps; i++) {
    const h = i / steps;
    points.push({
      hitPct: h * 100,
      withCache: inputs.cacheMs + (1 - h) * inputs.dbMs,
      withoutCache: inputs.dbMs,
    });
  }
  return points;
}

/** Reads the calculator's inputs from URL params; bad values fall back and are reported. */
export function inputsFromParams(params: URLSearchParams): {
  inputs: WhyCacheInputs;
  notices: string[];
} {
  const notices: string[] = [];
  const values: Record<string, number> = {};
  for (const field of WHY_CACHE_FIELDS) {
    const raw = params.get(field.param);
    if (raw === null) continue;
    const checked = checkField(field, raw);
    if ('error' in checked)
      notices.push(
        `URL parameter "${field.param}": ${checked.error} Using ${WHY_CACHE_DEFAULTS[field.key]}.`,
      );
    else values[field.key] = checked.value;
  }
  const rawFrom = params.get('from');
  let hitFrom = WHY_CACHE_DEFAULTS.hitFrom;
  if (rawFrom === 'change' || rawFrom === 'measured') hitFrom = rawFrom;
  else if (rawFrom !== null)
    notices.push(`URL parameter "from" must be "change" or "measured". Using "${hitFrom}".`);
  return { inputs: { ...WHY_CACHE_DEFAULTS, ...values, hitFrom }, notices };
}

/** Writes only values that differ from the defaults, keeping shared links short. */
export function paramsFromInputs(inputs: WhyCacheInputs): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of WHY_CACHE_FIELDS) {
    if (inputs[field.key] !== WHY_CACHE_DEFAULTS[field.key])
      params.set(field.param, String(inputs[field.key]));
  }
  if (inputs.hitFrom !== WHY_CACHE_DEFAULTS.hitFrom) params.set('from', inputs.hitFrom);
  return params;
}
