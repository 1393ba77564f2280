/**
 * Scenario <-> URL search params. Only fields that differ from the base (the preset named by
 * `preset=`, else the defaults) are written, under short readable names (`ttl`, `policy`, `rps`).
 *
 * Decoding is forgiving per parameter: a bad value falls back to the base value and yields a
 * notice naming the parameter, the field and what is allowed. The result is always a valid
 * scenario, whatever the URL holds.
 */
import {
  DEFAULT_SCENARIO,
  FAULT_KINDS,
  mergeScenarioInput,
  parseScenario,
  type Scenario,
} from './scenario-schema';
import { getPreset, presetScenario, PRESET_IDS } from './presets';

type ParamKind = 'num' | 'enum' | 'bool' | 'json' | 'faults';

interface ParamSpec {
  /** URL parameter name. */
  readonly name: string;
  /** Path of the scenario field it sets. */
  readonly path: readonly string[];
  readonly kind: ParamKind;
  /**
   * For a nullable object (e.g. `stampede.lock`): the object path. `none` sets it to null;
   * a value sets `path` inside it (creating it with defaults).
   */
  readonly nullableObject?: readonly string[];
  /** The field itself may be null (written as `none`). */
  readonly nullable?: boolean;
}

/** Every URL parameter, in decode order (parents before the fields inside them). */
export const URL_PARAMS: readonly ParamSpec[] = [
  { name: 'seed', path: ['seed'], kind: 'num' },
  { name: 'dur', path: ['durationMs'], kind: 'num' },
  { name: 'warmup', path: ['warmupMs'], kind: 'num' },
  { name: 'window', path: ['windowMs'], kind: 'num' },
  { name: 'rps', path: ['workload', 'requestsPerSec'], kind: 'num' },
  { name: 'writes', path: ['workload', 'writeFraction'], kind: 'num' },
  { name: 'keys', path: ['workload', 'keys'], kind: 'num' },
  { name: 'pop', path: ['workload', 'popularity', 'kind'], kind: 'enum' },
  { name: 'alpha', path: ['workload', 'popularity', 'alpha'], kind: 'num' },
  { name: 'hotkeys', path: ['workload', 'popularity', 'hotKeyFraction'], kind: 'num' },
  { name: 'hotreqs', path: ['workload', 'popularity', 'hotRequestFraction'], kind: 'num' },
  // A trace replay's record (never its keys: a link cannot carry them).
  { name: 'trace', path: ['workload', 'popularity', 'name'], kind: 'enum' },
  { name: 'tracereqs', path: ['workload', 'popularity', 'requests'], kind: 'num' },
  { name: 'tracekeys', path: ['workload', 'popularity', 'uniqueKeys'], kind: 'num' },
  { name: 'bytes', path: ['workload', 'valueBytes'], kind: 'num' },
  { name: 'classes', path: ['workload', 'keyClasses'], kind: 'json' },
  { name: 'viral', path: ['workload', 'viral'], kind: 'json' },
  { name: 'scan', path: ['workload', 'scan'], kind: 'json' },
  { name: 'shift', path: ['workload', 'shift'], kind: 'json' },
  { name: 'script', path: ['workload', 'script'], kind: 'json' },
  { name: 'apps', path: ['app', 'instances'], kind: 'num' },
  { name: 'l1', path: ['app', 'l1', 'capacityKeys'], kind: 'num', nullableObject: ['app', 'l1'] },
  { name: 'l1ttl', path: ['app', 'l1', 'ttlMs'], kind: 'num' },
  { name: 'capacity', path: ['cache', 'capacityKeys'], kind: 'num', nullable: true },
  { name: 'capbytes', path: ['cache', 'capacityBytes'], kind: 'num', nullable: true },
  { name: 'policy', path: ['cache', 'policy'], kind: 'enum' },
  { name: 'evict', path: ['cache', 'eviction', 'mode'], kind: 'enum' },
  { name: 'samples', path: ['cache', 'eviction', 'samples'], kind: 'num' },
  { name: 'lfulog', path: ['cache', 'eviction', 'lfuLogFactor'], kind: 'num' },
  { name: 'lfudecay', path: ['cache', 'eviction', 'lfuDecayTimeMs'], kind: 'num' },
  { name: 'ttl', path: ['cache', 'ttlMs'], kind: 'num', nullable: true },
  { name: 'jitter', path: ['cache', 'jitterPct'], kind: 'num' },
  { name: 'cachems', path: ['cache', 'latencyMs'], kind: 'num' },
  { name: 'dbms', path: ['db', 'readLatencyMs'], kind: 'num' },
  { name: 'dbwms', path: ['db', 'writeLatencyMs'], kind: 'num' },
  { name: 'dbvar', path: ['db', 'latencyVariation'], kind: 'enum' },
  { name: 'pool', path: ['db', 'maxConcurrent'], kind: 'num' },
  { name: 'lag', path: ['db', 'replica', 'lagMs'], kind: 'num', nullableObject: ['db', 'replica'] },
  { name: 'replicareads', path: ['db', 'readsFromReplica'], kind: 'bool' },
  { name: 'write', path: ['pattern', 'write'], kind: 'enum' },
  { name: 'flush', path: ['pattern', 'writeBehind', 'flushIntervalMs'], kind: 'num' },
  { name: 'batch', path: ['pattern', 'writeBehind', 'batchSize'], kind: 'num' },
  { name: 'versioned', path: ['pattern', 'writeThrough', 'versioned'], kind: 'bool' },
  {
    name: 'event',
    path: ['pattern', 'eventInvalidation', 'delayMs'],
    kind: 'num',
    nullableObject: ['pattern', 'eventInvalidation'],
  },
  { name: 'repop', path: ['pattern', 'eventInvalidation', 'repopulate'], kind: 'bool' },
  {
    name: 'lock',
    path: ['stampede', 'lock', 'ttlMs'],
    kind: 'num',
    nullableObject: ['stampede', 'lock'],
  },
  { name: 'retry', path: ['stampede', 'lock', 'retryMs'], kind: 'num' },
  { name: 'lockwait', path: ['stampede', 'lock', 'maxWaitMs'], kind: 'num' },
  { name: 'lockfb', path: ['stampede', 'lock', 'fallback'], kind: 'enum' },
  { name: 'safe', path: ['stampede', 'lock', 'safeRelease'], kind: 'bool' },
  {
    name: 'swr',
    path: ['stampede', 'staleWhileRevalidate', 'softTtlMs'],
    kind: 'num',
    nullableObject: ['stampede', 'staleWhileRevalidate'],
  },
  { name: 'warm', path: ['stampede', 'warmOnStart'], kind: 'bool' },
  {
    name: 'xfetch',
    path: ['stampede', 'earlyRefresh', 'beta'],
    kind: 'num',
    nullableObject: ['stampede', 'earlyRefresh'],
  },
  { name: 'coalesce', path: ['stampede', 'coalescing'], kind: 'bool' },
  { name: 'faults', path: ['faults'], kind: 'faults' },
];

/** Why one URL parameter was not used. */
export interface UrlNotice {
  readonly param: string;
  /** The raw value (truncated to 40 characters; render as text, never as HTML). */
  readonly value: string;
  /** Names the parameter, the field and what is allowed, and says the default was used. */
  readonly message: string;
}

export interface DecodedScenario {
  readonly scenario: Scenario;
  /** The preset the URL named, when it named a known one. */
  readonly presetId: string | null;
  readonly notices: readonly UrlNotice[];
  /** Parameters this codec does not know (left for other parts of the app). */
  readonly ignored: readonly string[];
}

const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const NULL_TOKENS = new Set(['none', 'null', 'off']);

type Parsed = { ok: true; value: unknown } | { ok: false; why: string };

function parseValue(spec: ParamSpec, raw: string): Parsed {
  const canBeNull = spec.nullable === true || spec.nullableObject !== undefined;
  if (canBeNull && NULL_TOKENS.has(raw.toLowerCase())) return { ok: true, value: null };
  switch (spec.kind) {
    case 'num':
      return NUMBER_RE.test(raw)
        ? { ok: true, value: Number(raw) }
        : { ok: false, why: canBeNull ? 'must be a number or "none"' : 'must be a number' };
    case 'enum':
      return { ok: true, value: raw };
    case 'bool': {
      const lower = raw.toLowerCase();
      if (lower === '1' || lower === 'true' || lower === 'on') return { ok: true, value: true };
      if (lower === '0' || lower === 'false') return { ok: true, value: false };
      return { ok: false, why: 'must be 1 or 0' };
    }
    case 'json':
      try {
        return { ok: true, value: JSON.parse(raw) as unknown };
      } catch {
        return { ok: false, why: 'must be JSON' };
      }
    case 'faults':
      return parseFaults(raw);
  }
}

/** Faults as `kind_atMs[_forMs[_factor[_target]]]`, comma separated; target is key or instance. */
function parseFaults(raw: string): Parsed {
  if (raw === '' || raw === 'none') return { ok: true, value: [] };
  const out: Record<string, unknown>[] = [];
  for (const item of raw.split(',')) {
    const [kind, at, forMs, factor, target] = item.split('_');
    if (kind === undefined || at === undefined || !NUMBER_RE.test(at)) {
      return {
        ok: false,
        why: `must be a list like cache-down_30000_10000 (kinds: ${FAULT_KINDS.join(', ')})`,
      };
    }
    const fault: Record<string, unknown> = { kind, atMs: Number(at) };
    if (forMs !== undefined && forMs !== '') fault['forMs'] = Number(forMs);
    if (factor !== undefined && factor !== '') fault['factor'] = Number(factor);
    if (target !== undefined && target !== '')
      fault[kind === 'pause-app' ? 'instance' : 'key'] = Number(target);
    out.push(fault);
  }
  return { ok: true, value: out };
}

function formatFaults(faults: Scenario['faults']): string {
  return faults
    .map((f) => {
      const target = f.kind === 'pause-app' ? f.instance : f.kind === 'expire-key' ? f.key : 0;
      const parts = [
        f.kind,
        String(f.atMs),
        f.forMs === null ? '' : String(f.forMs),
        f.factor === 0 ? '' : String(f.factor),
        target === 0 ? '' : String(target),
      ];
      while (parts.length > 2 && parts[parts.length - 1] === '') parts.pop();
      return parts.join('_');
    })
    .join(',');
}

function nest(path: readonly string[], value: unknown): unknown {
  let out = value;
  for (let i = path.length - 1; i >= 0; i--) out = { [path[i] ?? '']: out };
  return out;
}

/** Value at `path`, or undefined when a parent is null/missing. */
function getAt(root: unknown, path: readonly string[]): unknown {
  let cur: unknown = root;
  for (const part of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function encodeValue(spec: ParamSpec, s: Scenario): string | undefined {
  if (spec.nullableObject !== undefined && getAt(s, spec.nullableObject) === null) return 'none';
  const value = getAt(s, spec.path);
  if (value === undefined) return undefined;
  if (value === null) return 'none';
  switch (spec.kind) {
    case 'bool':
      return value === true ? '1' : '0';
    case 'json':
      return JSON.stringify(value);
    case 'faults':
      return formatFaults(s.faults);
    default:
      return typeof value === 'number' || typeof value === 'string'
        ? String(value)
        : JSON.stringify(value);
  }
}

/**
 * Encode a scenario as URL search params holding only the fields that differ from the base.
 * @param presetId when given (and known), the base is that preset and `preset=` is written first.
 */
export function encodeScenarioParams(
  scenario: Scenario,
  presetId?: string | null,
): URLSearchParams {
  const params = new URLSearchParams();
  let base = DEFAULT_SCENARIO;
  if (presetId != null && getPreset(presetId) !== undefined) {
    base = presetScenario(presetId);
    params.set('preset', presetId);
  }
  for (const spec of URL_PARAMS) {
    const mine = encodeValue(spec, scenario);
    if (mine === undefined) continue;
    if (mine !== encodeValue(spec, base)) params.set(spec.name, mine);
  }
  return params;
}

function clip(raw: string): string {
  return raw.length > 40 ? `${raw.slice(0, 37)}...` : raw;
}

/**
 * Decode URL search params into a valid scenario. Each bad parameter falls back to the base value
 * and produces one notice; unknown parameters are listed in `ignored`.
 */
export function decodeScenarioParams(search: URLSearchParams | string): DecodedScenario {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const notices: UrlNotice[] = [];
  let presetId: string | null = null;
  let current: Scenario = DEFAULT_SCENARIO;
  const presetRaw = params.get('preset');
  if (presetRaw !== null) {
    if (getPreset(presetRaw) !== undefined) {
      presetId = presetRaw;
      current = presetScenario(presetRaw);
    } else {
      notices.push({
        param: 'preset',
        value: clip(presetRaw),
        message: `preset: unknown preset; allowed: ${PRESET_IDS.join(', ')}. Using the defaults.`,
      });
    }
  }
  const known = new Set(['preset', ...URL_PARAMS.map((p) => p.name)]);
  const ignored = [...new Set([...params.keys()].filter((k) => !known.has(k)))];

  for (const spec of URL_PARAMS) {
    const raw = params.get(spec.name);
    if (raw === null) continue;
    const field = spec.path.join('.');
    const fallback = encodeValue(spec, current) ?? 'its default';
    const reject = (why: string): void => {
      notices.push({
        param: spec.name,
        value: clip(raw),
        message: `${spec.name} (${field}) ${why}; using ${fallback}.`,
      });
    };
    const parsed = parseValue(spec, raw);
    if (!parsed.ok) {
      reject(parsed.why);
      continue;
    }
    const target =
      parsed.value === null && spec.nullableObject !== undefined ? spec.nullableObject : spec.path;
    const candidate = parseScenario(mergeScenarioInput(current, nest(target, parsed.value)));
    if (candidate.ok) {
      current = candidate.scenario;
    } else {
      const first = candidate.issues[0];
      const why =
        first === undefined
          ? 'is not allowed'
          : first.path === field || first.path === ''
            ? first.expected
            : `is not allowed here: ${first.message}`;
      reject(
        parsed.value === null && spec.nullable !== true && spec.nullableObject === undefined
          ? 'cannot be "none"'
          : why,
      );
    }
  }
  return { scenario: current, presetId, notices, ignored };
}
