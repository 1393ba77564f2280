/**
 * Scenario <-> URL search params. Only fields that differ from the base (the preset named by
 * `preset=`, else the defaults) are written, under short readable names (`ttl`, `policy`, `rps`).
 *
 * Decoding reads every parameter into one draft first and validates the draft as a whole, so the
 * order of parameters never matters and cross-field rules (warm-up shorter than the run, a script
 * naming an app instance that `apps=` adds) are checked once, at the end. A parameter that breaks
 * a rule falls back to the base value and yields a notice naming the parameter, the field and what
 * is allowed. Unknown, misspelt and repeated parameters get notices too; `none` for a feature
 * wins over that feature's sub-parameters. The result is always a valid scenario.
 *
 * The parameter table ({@link URL_PARAMS}) is data: adding a scenario field to the URL is one row.
 */
import {
  DEFAULT_SCENARIO,
  FAULT_KINDS,
  parseScenario,
  type Scenario,
  type ScenarioIssue,
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
  { name: 'viral', path: ['workload', 'viral'], kind: 'json', nullable: true },
  { name: 'scan', path: ['workload', 'scan'], kind: 'json', nullable: true },
  { name: 'shift', path: ['workload', 'shift'], kind: 'json', nullable: true },
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
  /** The recorded live changes (`[{ "atMs": 2000, "patch": { ... } }, { "atMs": 3000, "fault": { ... } }]`). */
  { name: 'changes', path: ['changes'], kind: 'json' },
];

/**
 * Parameters any route may carry that are not scenario fields: layout switches the app shell
 * reads (`embed=1`, `present=1`) and the host origins of embed links made before embed options
 * took their `e.` prefix (`origin=`). Never reported as unknown; nor is any namespaced parameter
 * (`e.lock`): no scenario parameter has a dot, so other layers own those.
 */
export const LAYOUT_PARAMS: readonly string[] = ['embed', 'present', 'origin'];
const NAMESPACED_RE = /^[a-z]+\./i;

/** Why one URL parameter was not used, or how it was read. */
export interface UrlNotice {
  readonly param: string;
  /** The raw value (truncated to 40 characters; render as text, never as HTML). */
  readonly value: string;
  /** Names the parameter, the field and what is allowed, and says what was used instead. */
  readonly message: string;
}

export interface DecodedScenario {
  readonly scenario: Scenario;
  /** The preset the URL named, when it named a known one. */
  readonly presetId: string | null;
  readonly notices: readonly UrlNotice[];
  /** Parameters this codec does not know (each also has a notice unless the caller reads it). */
  readonly ignored: readonly string[];
}

export interface DecodeOptions {
  /** Parameters the calling page reads itself (e.g. embed options): neither used nor reported. */
  readonly otherParams?: readonly string[];
}

const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const NULL_TOKENS = new Set(['none', 'null', 'off']);
/** Fields whose value selects a variant: a new value replaces the object holding it. */
const VARIANT_TAGS = new Set(['kind', 'mode']);

type Parsed = { ok: true; value: unknown } | { ok: false; why: string };

function canBeNull(spec: ParamSpec): boolean {
  return spec.nullable === true || spec.nullableObject !== undefined;
}

function parseValue(spec: ParamSpec, raw: string): Parsed {
  if (canBeNull(spec) && NULL_TOKENS.has(raw.toLowerCase())) return { ok: true, value: null };
  switch (spec.kind) {
    case 'num':
      return NUMBER_RE.test(raw)
        ? { ok: true, value: Number(raw) }
        : { ok: false, why: canBeNull(spec) ? 'must be a number or "none"' : 'must be a number' };
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

/**
 * Faults as `kind_atMs[_forMs[_factor[_target[_other]]]]`, comma separated. `target` is the field
 * the kind uses (the instance for pause-app, else the key); `other` is the remaining one, written
 * only when a scenario sets it (so every valid scenario round-trips, and older links read alike).
 */
function parseFaults(raw: string): Parsed {
  if (raw === '' || raw === 'none') return { ok: true, value: [] };
  const out: Record<string, unknown>[] = [];
  for (const item of raw.split(',')) {
    const [kind, at, forMs, factor, target, other] = item.split('_');
    if (kind === undefined || at === undefined || !NUMBER_RE.test(at)) {
      return {
        ok: false,
        why: `must be a list like cache-down_30000_10000 (kinds: ${FAULT_KINDS.join(', ')})`,
      };
    }
    const fault: Record<string, unknown> = { kind, atMs: Number(at) };
    const [targetField, otherField] =
      kind === 'pause-app' ? ['instance', 'key'] : ['key', 'instance'];
    const fields: [string, string | undefined][] = [
      ['forMs', forMs],
      ['factor', factor],
      [targetField, target],
      [otherField, other],
    ];
    for (const [field, text] of fields)
      if (text !== undefined && text !== '') fault[field] = Number(text);
    out.push(fault);
  }
  return { ok: true, value: out };
}

function formatFaults(faults: Scenario['faults']): string {
  return faults
    .map((f) => {
      const [target, other] = f.kind === 'pause-app' ? [f.instance, f.key] : [f.key, f.instance];
      const parts = [
        f.kind,
        String(f.atMs),
        f.forMs === null ? '' : String(f.forMs),
        f.factor === 0 ? '' : String(f.factor),
        target === 0 ? '' : String(target),
        other === 0 ? '' : String(other),
      ];
      while (parts.length > 2 && parts[parts.length - 1] === '') parts.pop();
      return parts.join('_');
    })
    .join(',');
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Value at `path`, or undefined when a parent is null/missing. */
function getAt(root: unknown, path: readonly string[]): unknown {
  let cur: unknown = root;
  for (const part of path) {
    if (!isRecord(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

/**
 * Set `path` in a plain draft, creating the objects on the way (a feature that was off comes on
 * with its defaults for the fields not given). A variant tag (`kind`, `mode`) that changes
 * replaces its object, as the fields of the old variant do not belong to the new one.
 */
function setAt(root: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let cur = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i] ?? '';
    const next = cur[key];
    const isTag = i === path.length - 2 && VARIANT_TAGS.has(path[i + 1] ?? '');
    if (!isRecord(next) || (isTag && next[path[i + 1] ?? ''] !== value)) {
      const fresh: Record<string, unknown> = {};
      cur[key] = fresh;
      cur = fresh;
    } else cur = next;
  }
  cur[path[path.length - 1] ?? ''] = value;
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

/** Edit distance (insertions, deletions, substitutions), for "did you mean" hints. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** The known name an unknown parameter most likely meant: same letters in another case, or a typo. */
export function suggestParam(name: string, known: readonly string[]): string | null {
  const lower = name.toLowerCase();
  const sameCase = known.find((k) => k.toLowerCase() === lower);
  if (sameCase !== undefined) return sameCase;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = editDistance(lower, k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  // One slip in a short name, two in a longer one; more is a different word.
  const allowed = lower.length <= 4 ? 1 : 2;
  return bestDistance <= allowed ? best : null;
}

function under(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`);
}

/** One parameter read into the draft. */
interface Given {
  readonly spec: ParamSpec;
  readonly raw: string;
  readonly field: string;
  readonly value: unknown;
}

/**
 * Decode URL search params into a valid scenario. Every parameter is read into one draft (over the
 * base) and the draft is validated as a whole; each parameter that breaks a rule falls back to
 * the base value with one notice. Unknown, misspelt and repeated parameters get notices too.
 */
export function decodeScenarioParams(
  search: URLSearchParams | string,
  options: DecodeOptions = {},
): DecodedScenario {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const notices: UrlNotice[] = [];
  const notice = (param: string, raw: string, message: string): void => {
    notices.push({ param, value: clip(raw), message });
  };
  /** The value used: the last one when a parameter is repeated (a later edit of the link wins). */
  const last = (name: string): string | null => params.getAll(name).at(-1) ?? null;

  let presetId: string | null = null;
  let base: Scenario = DEFAULT_SCENARIO;
  const presetRaw = last('preset');
  if (presetRaw !== null) {
    if (getPreset(presetRaw) !== undefined) {
      presetId = presetRaw;
      base = presetScenario(presetRaw);
    } else {
      notice(
        'preset',
        presetRaw,
        `preset: unknown preset; allowed: ${PRESET_IDS.join(', ')}. Using the defaults.`,
      );
    }
  }

  // Unknown and repeated parameters.
  const names = ['preset', ...URL_PARAMS.map((p) => p.name)];
  const known = new Set([...names, ...LAYOUT_PARAMS, ...(options.otherParams ?? [])]);
  const ignored: string[] = [];
  for (const name of new Set(params.keys())) {
    const values = params.getAll(name);
    if (!known.has(name) && !NAMESPACED_RE.test(name)) {
      ignored.push(name);
      const hint = suggestParam(name, names);
      notice(
        name,
        values[0] ?? '',
        `${name} is not a scenario parameter${hint === null ? '.' : `; did you mean ${hint}?`} It was ignored.`,
      );
    } else if (values.length > 1 && names.includes(name)) {
      notice(
        name,
        values.at(-1) ?? '',
        `${name} appears ${values.length} times; the last one (${clip(values.at(-1) ?? '')}) was used.`,
      );
    }
  }

  // Read every parameter; `none` for a feature wins over that feature's sub-parameters.
  const given: Given[] = [];
  for (const spec of URL_PARAMS) {
    const raw = last(spec.name);
    if (raw === null) continue;
    const field = spec.path.join('.');
    const parsed = parseValue(spec, raw);
    if (!parsed.ok) {
      notice(
        spec.name,
        raw,
        `${spec.name} (${field}) ${parsed.why}; using ${fallbackText(spec, base)}.`,
      );
      continue;
    }
    given.push({ spec, raw, field, value: parsed.value });
  }
  const offs = given.filter((g) => g.value === null && g.spec.nullableObject !== undefined);
  const used = given.filter((g) => {
    const off = offs.find(
      (o) =>
        o !== g &&
        o.spec.nullableObject !== undefined &&
        under(g.field, o.spec.nullableObject.join('.')),
    );
    return off === undefined;
  });
  for (const off of offs) {
    const object = off.spec.nullableObject?.join('.') ?? off.field;
    const dropped = given.filter((g) => !used.includes(g) && under(g.field, object));
    if (dropped.length === 0) continue;
    const list = dropped.map((g) => `${g.spec.name}=${clip(g.raw)}`).join(', ');
    notice(
      off.spec.name,
      off.raw,
      `${off.spec.name}=none turns ${object} off, so ${list} ${dropped.length === 1 ? 'was' : 'were'} ignored.`,
    );
  }

  // One draft, validated as a whole; a parameter that breaks a rule goes back to the base value.
  let active = used;
  for (;;) {
    const draft = structuredClone(base) as unknown as Record<string, unknown>;
    for (const g of active) {
      const target =
        g.value === null && g.spec.nullableObject !== undefined
          ? g.spec.nullableObject
          : g.spec.path;
      setAt(draft, target, g.value);
    }
    const result = parseScenario(draft);
    if (result.ok) return { scenario: result.scenario, presetId, notices, ignored };
    const rejected = new Map<Given, ScenarioIssue>();
    for (const issue of result.issues) {
      const blamed = active.filter((g) => blames(g, issue.path));
      const culprits =
        blamed.length > 0
          ? blamed
          : active.filter((g) => (issue.related ?? []).some((r) => blames(g, r)));
      for (const g of culprits) if (!rejected.has(g)) rejected.set(g, issue);
    }
    if (rejected.size === 0) {
      // The base itself cannot be invalid; this only guards against a loop.
      return { scenario: base, presetId, notices, ignored };
    }
    for (const [g, issue] of rejected) {
      const why =
        issue.path === g.field || issue.path === ''
          ? issue.expected
          : `is not allowed here: ${issue.message}`;
      notice(
        g.spec.name,
        g.raw,
        `${g.spec.name} (${g.field}) ${why}; using ${fallbackText(g.spec, base)}.`,
      );
    }
    active = active.filter((g) => !rejected.has(g));
  }
}

/** Whether a parameter set the field at `path` (or a field inside it, or the object holding it). */
function blames(g: Given, path: string): boolean {
  const object = g.spec.nullableObject?.join('.');
  return (
    under(path, g.field) ||
    under(g.field, path) ||
    (object !== undefined && g.value === null && (under(path, object) || under(object, path)))
  );
}

function fallbackText(spec: ParamSpec, base: Scenario): string {
  return encodeValue(spec, base) ?? 'its default';
}
