/**
 * The scenario's editable fields as data: path in the scenario, label, the unit people think in
 * and how it maps to the scenario's unit. One generic editor (lane-editor.tsx) renders any of
 * them, for the shared scenario and for a lane's override, so adding a field is one entry here.
 * Ranges are the schema's (in the UI unit); the schema still validates every change.
 */
import { POLICY_IDS } from '../../sim/cache/cache-types';
import { policyLabel } from '../../sim/cache/policies/policy-registry';
import {
  DEFAULT_SCENARIO,
  MAX_APP_INSTANCES,
  POPULARITY_KINDS,
  WRITE_PATTERNS,
  type Scenario,
} from '../../sim/scenario/scenario-schema';
import { decodeScenarioParams, encodeScenarioParams } from '../../sim/scenario/url-codec';
import { formatKnob } from '../../ui/knob-field';
import { overrides, patchLeaves, patchValueAt, type LanePatch } from './compare-model';

export const FIELD_GROUPS = [
  'Workload',
  'App tier',
  'Cache',
  'Database',
  'Caching pattern',
  'Stampede tools',
  'Faults',
] as const;
export type FieldGroup = (typeof FIELD_GROUPS)[number];

interface FieldBase {
  readonly id: string;
  readonly group: FieldGroup;
  readonly label: string;
  /** Where the field lives in the scenario; a lane that overrides it holds this path. */
  readonly path: readonly string[];
  /** Shown only when the scenario uses it (e.g. Zipf alpha only for Zipf popularity). */
  readonly visible?: (s: Scenario) => boolean;
}

export interface NumberFieldDef extends FieldBase {
  readonly kind: 'number';
  readonly unit?: string;
  /** Scenario value = UI value x scale (1000 for seconds shown over milliseconds). */
  readonly scale?: number;
  /** UI range. */
  readonly min: number;
  readonly max: number;
  /** The scenario value must be a whole number (rounded after scaling). */
  readonly integer?: boolean;
  /** When set, an empty field means null (e.g. "no limit"). */
  readonly emptyMeans?: string;
}

export interface ChoiceFieldDef extends FieldBase {
  readonly kind: 'choice';
  readonly options: readonly { readonly value: string; readonly label: string }[];
  /** The option for a scenario (default: the value at `path`). */
  readonly read?: (s: Scenario) => string;
  /** The value to put at `path` for an option (default: the option's value). */
  readonly write?: (value: string, s: Scenario) => unknown;
}

export interface ToggleFieldDef extends FieldBase {
  readonly kind: 'toggle';
  readonly isOn: (s: Scenario) => boolean;
  /** Values put at `path` when switched on / off. */
  readonly on: (s: Scenario) => unknown;
  readonly off: unknown;
}

/** The fault schedule, edited as text in the share-link syntax (`cache-down_30000_10000`). */
export interface FaultsFieldDef extends FieldBase {
  readonly kind: 'faults';
}

export type FieldDef = NumberFieldDef | ChoiceFieldDef | ToggleFieldDef | FaultsFieldDef;

const sub = (s: Scenario, path: readonly string[]): unknown => patchValueAt(s, path);
const flag = (path: readonly string[]): Pick<ToggleFieldDef, 'isOn' | 'on' | 'off'> => ({
  isOn: (s) => sub(s, path) === true,
  on: () => true,
  off: false,
});
/** A nullable object (`stampede.lock`): on = the object with its defaults, off = null. */
const optional = (
  path: readonly string[],
  on: (s: Scenario) => unknown = () => ({}),
): Pick<ToggleFieldDef, 'isOn' | 'on' | 'off'> => ({
  isOn: (s) => sub(s, path) !== null && sub(s, path) !== undefined,
  on,
  off: null,
});
const isSet = (path: readonly string[]) => (s: Scenario) => sub(s, path) != null;

/** A trace replay needs the trace's keys, which only the Playground holds: Compare cannot pick it. */
type ComparableKind = Exclude<(typeof POPULARITY_KINDS)[number], 'trace'>;
const COMPARABLE_KINDS = POPULARITY_KINDS.filter((k): k is ComparableKind => k !== 'trace');
const POPULARITY_LABELS: Record<ComparableKind, string> = {
  zipf: 'Zipf (a few keys are very popular)',
  uniform: 'Uniform',
  unique: 'Unique (every read a new key)',
  hotspot: 'Hotspot (20% of keys, 80% of reads)',
};

/** Every field Compare can edit, shared or per lane, in display order. */
export const SCENARIO_FIELDS: readonly FieldDef[] = [
  // Workload
  {
    kind: 'number',
    id: 'rps',
    group: 'Workload',
    label: 'Requests per second',
    unit: 'req/s',
    path: ['workload', 'requestsPerSec'],
    min: 0,
    max: 10_000_000,
  },
  {
    kind: 'number',
    id: 'writes',
    group: 'Workload',
    label: 'Writes',
    unit: '%',
    scale: 0.01,
    path: ['workload', 'writeFraction'],
    min: 0,
    max: 100,
  },
  {
    kind: 'number',
    id: 'keys',
    group: 'Workload',
    label: 'Distinct keys',
    unit: 'keys',
    path: ['workload', 'keys'],
    min: 1,
    max: 10_000_000,
    integer: true,
  },
  {
    kind: 'choice',
    id: 'popularity',
    group: 'Workload',
    label: 'Popularity',
    path: ['workload', 'popularity'],
    options: COMPARABLE_KINDS.map((k) => ({ value: k, label: POPULARITY_LABELS[k] })),
    read: (s) => s.workload.popularity.kind,
    write: (kind) => ({ kind }),
  },
  {
    kind: 'number',
    id: 'alpha',
    group: 'Workload',
    label: 'Zipf alpha',
    path: ['workload', 'popularity', 'alpha'],
    min: 0,
    max: 5,
    visible: (s) => s.workload.popularity.kind === 'zipf',
  },
  {
    kind: 'number',
    id: 'value-bytes',
    group: 'Workload',
    label: 'Value size',
    unit: 'bytes',
    path: ['workload', 'valueBytes'],
    min: 1,
    max: 100_000_000,
    integer: true,
  },
  // App tier
  {
    kind: 'number',
    id: 'apps',
    group: 'App tier',
    label: 'App instances',
    path: ['app', 'instances'],
    min: 1,
    max: MAX_APP_INSTANCES,
    integer: true,
  },
  {
    kind: 'toggle',
    id: 'l1',
    group: 'App tier',
    label: 'In-process L1 cache',
    path: ['app', 'l1'],
    ...optional(['app', 'l1']),
  },
  {
    kind: 'number',
    id: 'l1-keys',
    group: 'App tier',
    label: 'L1 capacity',
    unit: 'keys',
    path: ['app', 'l1', 'capacityKeys'],
    min: 1,
    max: 1_000_000,
    integer: true,
    visible: isSet(['app', 'l1']),
  },
  {
    kind: 'number',
    id: 'l1-ttl',
    group: 'App tier',
    label: 'L1 TTL',
    unit: 's',
    scale: 1000,
    path: ['app', 'l1', 'ttlMs'],
    min: 0.001,
    max: 10_000_000,
    integer: true,
    visible: isSet(['app', 'l1']),
  },
  // Cache
  {
    kind: 'number',
    id: 'capacity',
    group: 'Cache',
    label: 'Capacity',
    unit: 'keys',
    path: ['cache', 'capacityKeys'],
    min: 1,
    max: 100_000_000,
    integer: true,
    emptyMeans: 'no limit',
  },
  {
    kind: 'number',
    id: 'capacity-bytes',
    group: 'Cache',
    label: 'Memory limit',
    unit: 'MB',
    scale: 1024 * 1024,
    path: ['cache', 'capacityBytes'],
    min: 0.001,
    max: 1_000_000,
    integer: true,
    emptyMeans: 'no limit',
  },
  {
    kind: 'choice',
    id: 'policy',
    group: 'Cache',
    label: 'Eviction policy',
    path: ['cache', 'policy'],
    options: POLICY_IDS.map((p) => ({ value: p, label: policyLabel(p) })),
  },
  {
    kind: 'choice',
    id: 'eviction',
    group: 'Cache',
    label: 'Eviction mode',
    path: ['cache', 'eviction'],
    options: [
      { value: 'exact', label: 'Exact (textbook)' },
      { value: 'redis', label: 'Redis sampled' },
    ],
    read: (s) => s.cache.eviction.mode,
    write: (mode) => ({ mode }),
  },
  {
    kind: 'number',
    id: 'samples',
    group: 'Cache',
    label: 'Eviction samples',
    unit: 'keys',
    path: ['cache', 'eviction', 'samples'],
    min: 1,
    max: 64,
    integer: true,
    visible: (s) => s.cache.eviction.mode === 'redis',
  },
  {
    kind: 'number',
    id: 'ttl',
    group: 'Cache',
    label: 'TTL',
    unit: 's',
    scale: 1000,
    path: ['cache', 'ttlMs'],
    min: 0.001,
    max: 10_000_000,
    integer: true,
    emptyMeans: 'never expire',
  },
  {
    kind: 'number',
    id: 'jitter',
    group: 'Cache',
    label: 'TTL jitter',
    unit: '%',
    path: ['cache', 'jitterPct'],
    min: 0,
    max: 100,
  },
  {
    kind: 'number',
    id: 'cache-latency',
    group: 'Cache',
    label: 'Cache latency',
    unit: 'ms',
    path: ['cache', 'latencyMs'],
    min: 0,
    max: 10_000,
  },
  // Database
  {
    kind: 'number',
    id: 'pool',
    group: 'Database',
    label: 'DB pool size',
    unit: 'connections',
    path: ['db', 'maxConcurrent'],
    min: 1,
    max: 100_000,
    integer: true,
  },
  {
    kind: 'number',
    id: 'db-read',
    group: 'Database',
    label: 'DB read latency',
    unit: 'ms',
    path: ['db', 'readLatencyMs'],
    min: 0,
    max: 60_000,
  },
  {
    kind: 'number',
    id: 'db-write',
    group: 'Database',
    label: 'DB write latency',
    unit: 'ms',
    path: ['db', 'writeLatencyMs'],
    min: 0,
    max: 60_000,
  },
  {
    kind: 'choice',
    id: 'db-variation',
    group: 'Database',
    label: 'DB latency variation',
    path: ['db', 'latencyVariation'],
    options: [
      { value: 'lognormal', label: 'Varies (right-skewed)' },
      { value: 'fixed', label: 'Fixed' },
    ],
  },
  {
    kind: 'toggle',
    id: 'replica',
    group: 'Database',
    label: 'Read replica',
    path: ['db', 'replica'],
    ...optional(['db', 'replica']),
  },
  {
    kind: 'number',
    id: 'replica-lag',
    group: 'Database',
    label: 'Replica lag',
    unit: 'ms',
    path: ['db', 'replica', 'lagMs'],
    min: 0,
    max: 600_000,
    visible: isSet(['db', 'replica']),
  },
  {
    kind: 'toggle',
    id: 'replica-reads',
    group: 'Database',
    label: 'Misses read the replica',
    path: ['db', 'readsFromReplica'],
    ...flag(['db', 'readsFromReplica']),
    visible: isSet(['db', 'replica']),
  },
  // Caching pattern
  {
    kind: 'choice',
    id: 'write',
    group: 'Caching pattern',
    label: 'Write pattern',
    path: ['pattern', 'write'],
    options: WRITE_PATTERNS.map((w) => ({ value: w, label: w })),
  },
  {
    kind: 'toggle',
    id: 'versioned',
    group: 'Caching pattern',
    label: 'Version-checked SET (write-through)',
    path: ['pattern', 'writeThrough', 'versioned'],
    ...flag(['pattern', 'writeThrough', 'versioned']),
    visible: (s) => s.pattern.write === 'write-through',
  },
  {
    kind: 'number',
    id: 'flush',
    group: 'Caching pattern',
    label: 'Flush interval',
    unit: 'ms',
    path: ['pattern', 'writeBehind', 'flushIntervalMs'],
    min: 1,
    max: 600_000,
    integer: true,
    visible: (s) => s.pattern.write === 'write-behind',
  },
  {
    kind: 'number',
    id: 'batch',
    group: 'Caching pattern',
    label: 'Flush batch size',
    unit: 'writes',
    path: ['pattern', 'writeBehind', 'batchSize'],
    min: 1,
    max: 100_000,
    integer: true,
    visible: (s) => s.pattern.write === 'write-behind',
  },
  {
    kind: 'toggle',
    id: 'events',
    group: 'Caching pattern',
    label: 'Event-driven invalidation',
    path: ['pattern', 'eventInvalidation'],
    ...optional(['pattern', 'eventInvalidation']),
  },
  {
    kind: 'number',
    id: 'event-delay',
    group: 'Caching pattern',
    label: 'Event delay',
    unit: 'ms',
    path: ['pattern', 'eventInvalidation', 'delayMs'],
    min: 0,
    max: 600_000,
    visible: isSet(['pattern', 'eventInvalidation']),
  },
  // Stampede tools
  {
    kind: 'toggle',
    id: 'lock',
    group: 'Stampede tools',
    label: 'Rebuild lock',
    path: ['stampede', 'lock'],
    ...optional(['stampede', 'lock']),
  },
  {
    kind: 'number',
    id: 'lock-ttl',
    group: 'Stampede tools',
    label: 'Lock expiry',
    unit: 'ms',
    path: ['stampede', 'lock', 'ttlMs'],
    min: 1,
    max: 600_000,
    integer: true,
    visible: isSet(['stampede', 'lock']),
  },
  {
    kind: 'number',
    id: 'lock-retry',
    group: 'Stampede tools',
    label: 'Lock retry every',
    unit: 'ms',
    path: ['stampede', 'lock', 'retryMs'],
    min: 1,
    max: 60_000,
    integer: true,
    visible: isSet(['stampede', 'lock']),
  },
  {
    kind: 'toggle',
    id: 'swr',
    group: 'Stampede tools',
    label: 'Stale-while-revalidate',
    path: ['stampede', 'staleWhileRevalidate'],
    // The soft TTL must stay below the TTL: start at 80% of it.
    ...optional(['stampede', 'staleWhileRevalidate'], (s) => ({
      softTtlMs: s.cache.ttlMs === null ? 30_000 : Math.max(1, Math.floor(s.cache.ttlMs * 0.8)),
    })),
  },
  {
    kind: 'number',
    id: 'swr-soft',
    group: 'Stampede tools',
    label: 'Serve stale after',
    unit: 's',
    scale: 1000,
    path: ['stampede', 'staleWhileRevalidate', 'softTtlMs'],
    min: 0.001,
    max: 10_000_000,
    integer: true,
    visible: isSet(['stampede', 'staleWhileRevalidate']),
  },
  {
    kind: 'toggle',
    id: 'xfetch',
    group: 'Stampede tools',
    label: 'Early refresh (XFetch)',
    path: ['stampede', 'earlyRefresh'],
    ...optional(['stampede', 'earlyRefresh']),
  },
  {
    kind: 'toggle',
    id: 'coalescing',
    group: 'Stampede tools',
    label: 'Request coalescing',
    path: ['stampede', 'coalescing'],
    ...flag(['stampede', 'coalescing']),
  },
  {
    kind: 'toggle',
    id: 'warm',
    group: 'Stampede tools',
    label: 'Warm on start',
    path: ['stampede', 'warmOnStart'],
    ...flag(['stampede', 'warmOnStart']),
  },
  // Faults
  { kind: 'faults', id: 'faults', group: 'Faults', label: 'Fault schedule', path: ['faults'] },
];

export function fieldVisible(def: FieldDef, s: Scenario): boolean {
  return def.visible === undefined || def.visible(s);
}

/** A number field's value in its UI unit (null = none / unlimited). */
export function numberInUi(def: NumberFieldDef, s: Scenario): number | null {
  const raw = sub(s, def.path);
  if (typeof raw !== 'number') return null;
  return raw / (def.scale ?? 1);
}

/** The scenario value for a UI number. */
export function numberToScenario(def: NumberFieldDef, ui: number | null): number | null {
  if (ui === null) return null;
  const v = ui * (def.scale ?? 1);
  return def.integer === true ? Math.max(def.min > 0 ? 1 : 0, Math.round(v)) : v;
}

export function choiceValue(def: ChoiceFieldDef, s: Scenario): string {
  if (def.read) return def.read(s);
  const raw = sub(s, def.path);
  return typeof raw === 'string' ? raw : '';
}

/** The fault schedule in the share-link syntax (empty for none). */
export function faultsText(s: Scenario): string {
  return encodeScenarioParams({ ...DEFAULT_SCENARIO, faults: s.faults }).get('faults') ?? '';
}

/** Read a fault schedule typed in the share-link syntax (through the URL codec). */
export function parseFaultsText(text: string): { faults: Scenario['faults'] } | { error: string } {
  if (text.trim() === '') return { faults: [] };
  const params = new URLSearchParams();
  // Allow any instance here; the lane's own app.instances is checked when the lane is validated.
  params.set('apps', String(MAX_APP_INSTANCES));
  params.set('faults', text.trim());
  const decoded = decodeScenarioParams(params);
  const notice = decoded.notices.find((n) => n.param === 'faults');
  if (notice) {
    // The codec's notice names the URL parameter and the value it fell back to; say what is wrong.
    const why = notice.message.replace(/^faults \(faults\) /, '').replace(/; using .*$/, '');
    return { error: `Fault schedule ${why}.` };
  }
  return { faults: decoded.scenario.faults };
}

/** A field's value as the editor shows it, e.g. `TTL jitter: 10 %`, `Rebuild lock: on`. */
export function formatField(def: FieldDef, s: Scenario): string {
  switch (def.kind) {
    case 'number': {
      const v = numberInUi(def, s);
      if (v === null) return def.emptyMeans ?? 'none';
      return `${formatKnob(v)}${def.unit ? ` ${def.unit}` : ''}`;
    }
    case 'choice': {
      const v = choiceValue(def, s);
      return def.options.find((o) => o.value === v)?.label ?? v;
    }
    case 'toggle':
      return def.isOn(s) ? 'on' : 'off';
    case 'faults':
      return faultsText(s) || 'none';
  }
}

const startsWith = (path: readonly string[], prefix: readonly string[]) =>
  prefix.every((p, i) => path[i] === p);

/**
 * How a lane differs from the shared scenario, in the editor's words: `DB pool size: 50
 * connections · Rebuild lock: on`. Overridden fields the table does not list appear as
 * `path = JSON`.
 */
export function describeOverrides(patch: LanePatch, s: Scenario): string {
  const listed = SCENARIO_FIELDS.filter((d) => overrides(patch, d.path) && fieldVisible(d, s));
  const parts = listed.map((d) => `${d.label}: ${formatField(d, s)}`);
  for (const leaf of patchLeaves(patch)) {
    if (leaf.length === 0) continue;
    if (SCENARIO_FIELDS.some((d) => startsWith(leaf, d.path) || startsWith(d.path, leaf))) continue;
    parts.push(`${leaf.join('.')} = ${JSON.stringify(patchValueAt(patch, leaf))}`);
  }
  return parts.length === 0 ? 'The shared scenario, unchanged.' : parts.join(' · ');
}
