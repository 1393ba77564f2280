/**
 * Compare mode's model: one shared scenario (the base) and 2 to 4 lanes, each a patch over it.
 *
 * A lane's scenario is `mergeScenarioInput(base, patch)`, validated by the scenario schema, so any
 * field a scenario has can differ per lane: workload (rate, keys, Zipf alpha), app instances, cache,
 * database pool and latency, pattern, stampede tools, faults. A field a lane does not override
 * follows the shared scenario; one it overrides stays pinned when the shared value changes.
 * Seed and timing are shared by construction, so every lane sees the same seeded traffic and the
 * charts share one time axis.
 *
 * URL: `base=` holds the shared scenario in the scenario URL codec's own format (it reads like a
 * Playground link), then one `lane=` per lane holding the lane's patch as JSON. Older links whose
 * lanes are whole codec-encoded scenarios still open: lane A becomes the base and every lane the
 * difference from it.
 */
import { presetScenario } from '../../sim/scenario/presets';
import {
  DEFAULT_SCENARIO,
  mergeScenarioInput,
  parseScenario,
  type Scenario,
  type ScenarioIssue,
} from '../../sim/scenario/scenario-schema';
import { decodeScenarioParams, encodeScenarioParams } from '../../sim/scenario/url-codec';

export const MIN_LANES = 2;
export const MAX_LANES = 4;
export const LANE_NAMES = ['A', 'B', 'C', 'D'] as const;

/** Compare lanes draw full series; keep runs within what the charts show well. */
export const MAX_COMPARE_WINDOWS = 600;

/** Fields every lane shares with the base: the traffic's seed and the run's timing. */
export const SHARED_ONLY_FIELDS = [
  'version',
  'seed',
  'durationMs',
  'warmupMs',
  'windowMs',
] as const;

/** A lane's difference from the shared scenario: plain JSON merged over it (arrays replace). */
export type LanePatch = Readonly<Record<string, unknown>>;

export interface CompareSetup {
  /** The shared scenario every lane starts from. */
  readonly base: Scenario;
  /** Preset the base was built from; only used to keep URLs short. */
  readonly presetId: string | null;
  readonly lanes: readonly LanePatch[];
}

export function laneName(index: number): string {
  return LANE_NAMES[index] ?? String(index + 1);
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The lane's full scenario, or the schema's issues (each naming its field). */
export function resolveLane(
  base: Scenario,
  patch: LanePatch,
): { ok: true; scenario: Scenario } | { ok: false; issues: readonly ScenarioIssue[] } {
  const r = parseScenario(mergeScenarioInput(base, patch));
  return r.ok ? { ok: true, scenario: r.scenario } : { ok: false, issues: r.issues };
}

/** Every lane's scenario. The setup is valid by construction (decodeCompare repairs what it reads). */
export function laneScenarios(setup: CompareSetup): Scenario[] {
  return setup.lanes.map((patch, i) => {
    const r = resolveLane(setup.base, patch);
    if (!r.ok) throw new Error(`Lane ${laneName(i)}: ${r.issues.map((x) => x.message).join('; ')}`);
    return r.scenario;
  });
}

/** Messages naming the lane and the field, e.g. `Lane B: db.maxConcurrent must be ...`. */
export function laneIssueMessages(index: number, issues: readonly ScenarioIssue[]): string[] {
  return issues.map((i) => `Lane ${laneName(index)}: ${i.message}.`);
}

// ------------------------------------------------------------------------------ patch paths

/** Value at `path` inside a patch, or undefined when absent. */
export function patchValueAt(patch: unknown, path: readonly string[]): unknown {
  let cur: unknown = patch;
  for (const part of path) {
    if (!isPlainObject(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

/** Whether the lane overrides the field at `path` (or something inside it). */
export function overrides(patch: LanePatch, path: readonly string[]): boolean {
  return patchValueAt(patch, path) !== undefined;
}

/** A copy of `patch` with `value` at `path` (creating parents; a non-object parent is replaced). */
export function setPatchValue(
  patch: LanePatch,
  path: readonly string[],
  value: unknown,
): LanePatch {
  const [head, ...rest] = path;
  if (head === undefined) return isPlainObject(value) ? value : patch;
  const child = patch[head];
  return {
    ...patch,
    [head]:
      rest.length === 0 ? value : setPatchValue(isPlainObject(child) ? child : {}, rest, value),
  };
}

/** A copy of `patch` without `path`; parents left empty are removed too. */
export function removePatchValue(patch: LanePatch, path: readonly string[]): LanePatch {
  const [head, ...rest] = path;
  if (head === undefined || !(head in patch)) return patch;
  const child = patch[head];
  const next = rest.length === 0 || !isPlainObject(child) ? {} : removePatchValue(child, rest);
  const others = Object.entries(patch).filter(([k]) => k !== head);
  return Object.fromEntries(Object.keys(next).length === 0 ? others : [...others, [head, next]]);
}

/** Leaf paths of a patch (an empty object, an array or a variant object counts as a leaf). */
export function patchLeaves(value: unknown, path: readonly string[] = []): string[][] {
  if (!isPlainObject(value)) return [[...path]];
  const entries = Object.entries(value);
  if (entries.length === 0 || 'kind' in value || 'mode' in value) return [[...path]];
  return entries.flatMap(([k, v]) => patchLeaves(v, [...path, k]));
}

/** A patch over the same fields as `patch`, holding `scenario`'s values (pins them). */
export function pinFields(patch: LanePatch, scenario: Scenario): LanePatch {
  return patchLeaves(patch)
    .filter((leaf) => leaf.length > 0)
    .reduce<LanePatch>((p, leaf) => setPatchValue(p, leaf, patchValueAt(scenario, leaf)), {});
}

/**
 * The smallest patch that turns `base` into `lane`: objects recurse; arrays, nulls and variant
 * objects (a different `kind` or `mode`) are taken whole, as `mergeScenarioInput` replaces them.
 */
export function diffScenario(base: unknown, lane: unknown): LanePatch {
  if (!isPlainObject(base) || !isPlainObject(lane)) return {};
  const out: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(lane)) {
    const was = base[k];
    if (JSON.stringify(was) === JSON.stringify(value)) continue;
    const variantChange =
      isPlainObject(value) &&
      isPlainObject(was) &&
      (['kind', 'mode'] as const).some((t) => value[t] !== was[t]);
    out[k] =
      isPlainObject(value) && isPlainObject(was) && !variantChange
        ? diffScenario(was, value)
        : value;
  }
  return out;
}

// ------------------------------------------------------------------------------ URL

export interface DecodedCompare {
  readonly setup: CompareSetup;
  /** Problems found in the URL, each naming the lane and field; shown as a notice. */
  readonly notices: readonly string[];
}

/**
 * Read one lane's JSON patch, dropping what cannot apply: fields only the base may set, and
 * any field the schema rejects (each with a notice naming lane and field).
 */
function decodeLanePatch(raw: string, index: number, base: Scenario, notices: string[]): LanePatch {
  const name = laneName(index);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    notices.push(`Lane ${name}: the lane is not valid JSON; it uses the shared scenario.`);
    return {};
  }
  if (!isPlainObject(parsed)) {
    notices.push(
      `Lane ${name}: the lane must be a JSON object of fields; it uses the shared scenario.`,
    );
    return {};
  }
  let patch: LanePatch = parsed;
  for (const key of SHARED_ONLY_FIELDS) {
    if (key in patch) {
      notices.push(
        `Lane ${name}: ${key} is shared by all lanes (set it in the shared scenario); ignored.`,
      );
      patch = removePatchValue(patch, [key]);
    }
  }
  // Drop rejected fields one at a time (a fix can reveal the next problem); the loop is bounded
  // because every pass removes at least one field from a finite patch.
  for (;;) {
    const r = resolveLane(base, patch);
    if (r.ok) return patch;
    const first = r.issues[0];
    const path = first?.path.split('.').filter((p) => p !== '') ?? [];
    // Trim to what the patch holds: a rejected array item drops the whole array, like the base would.
    let cut = path;
    while (cut.length > 0 && !overrides(patch, cut)) cut = cut.slice(0, -1);
    while (cut.length > 1 && Array.isArray(patchValueAt(patch, cut.slice(0, -1))))
      cut = cut.slice(0, -1);
    if (cut.length === 0) {
      notices.push(
        ...laneIssueMessages(index, r.issues).map((m) => `${m} The lane uses the shared scenario.`),
      );
      return {};
    }
    notices.push(`Lane ${name}: ${first?.message ?? cut.join('.')}; the shared value is used.`);
    patch = removePatchValue(patch, cut);
  }
}

/** Read a comparison from the compare route's search string; falls back to a useful default. */
export function decodeCompare(search: string): DecodedCompare {
  const params = new URLSearchParams(search);
  const notices: string[] = [];
  const rawBase = params.get('base');
  let raw = params.getAll('lane');
  if (raw.length > MAX_LANES) {
    notices.push(
      `Only ${MAX_LANES} lanes fit side by side; lanes after ${laneName(MAX_LANES - 1)} were dropped.`,
    );
    raw = raw.slice(0, MAX_LANES);
  }
  if (raw.length < MIN_LANES) {
    if (raw.length > 0 || rawBase !== null)
      notices.push('Compare needs at least two lanes; the default comparison was loaded.');
    return { setup: defaultComparison().setup, notices };
  }
  let setup: CompareSetup;
  if (rawBase === null && raw.every((r) => !r.trim().startsWith('{'))) {
    setup = decodeLegacy(raw, notices);
  } else {
    const decoded = decodeScenarioParams(rawBase ?? '');
    for (const n of decoded.notices) notices.push(`Shared scenario: ${n.message}`);
    const base = decoded.scenario;
    setup = {
      base,
      presetId: decoded.presetId,
      lanes: raw.map((r, i) => decodeLanePatch(r, i, base, notices)),
    };
  }
  return { setup: limitWindows(setup, notices), notices };
}

/** Links from before lanes had a shared base: each lane a whole codec-encoded scenario. */
function decodeLegacy(raw: readonly string[], notices: string[]): CompareSetup {
  const decoded = raw.map((enc, i) => {
    const d = decodeScenarioParams(enc);
    for (const n of d.notices) notices.push(`Lane ${laneName(i)}: ${n.message}`);
    return d;
  });
  const first = decoded[0];
  const base = first?.scenario ?? DEFAULT_SCENARIO;
  const lanes = decoded.map((d) => {
    const patch: LanePatch = diffScenario(base, d.scenario);
    // Seed and timing are shared: lanes of old links took them from lane A as well.
    return SHARED_ONLY_FIELDS.reduce((p, key) => removePatchValue(p, [key]), patch);
  });
  return { base, presetId: first?.presetId ?? null, lanes };
}

function limitWindows(setup: CompareSetup, notices: string[]): CompareSetup {
  const { base } = setup;
  if (base.durationMs / base.windowMs <= MAX_COMPARE_WINDOWS) return setup;
  const windowMs = Math.ceil(base.durationMs / MAX_COMPARE_WINDOWS);
  notices.push(
    `Compare charts show at most ${MAX_COMPARE_WINDOWS} windows; the window was widened to ${windowMs} ms.`,
  );
  return { ...setup, base: { ...base, windowMs } };
}

/** The URL search string for a comparison. */
export function encodeCompare(setup: CompareSetup): string {
  const params = new URLSearchParams();
  params.set('base', encodeScenarioParams(setup.base, setup.presetId).toString());
  for (const lane of setup.lanes) params.append('lane', JSON.stringify(lane));
  return params.toString();
}

/** The Playground link that opens exactly this lane's scenario. */
export function playgroundHref(scenario: Scenario, presetId: string | null): string {
  return `#/playground?${encodeScenarioParams(scenario, presetId).toString()}`;
}

/** The variant "compare this with…" suggests: the other one of LRU and LFU. */
export function suggestedVariant(scenario: Scenario): LanePatch {
  return {
    cache: { policy: scenario.cache.policy === 'allkeys-lfu' ? 'allkeys-lru' : 'allkeys-lfu' },
  };
}

/**
 * A link to Compare with `scenario` as the shared scenario, lane A as it is and lane B with
 * `variant` over it (by default the other one of LRU/LFU). The Playground's "compare this with…".
 * Lane A pins the variant's fields at the scenario's values, so both lanes show what differs.
 */
export function compareHref(
  scenario: Scenario,
  variant: LanePatch = suggestedVariant(scenario),
  presetId: string | null = null,
): string {
  return `#/compare?${encodeCompare({ base: scenario, presetId, lanes: [pinFields(variant, scenario), variant] })}`;
}

// ------------------------------------------------------------------------------ ready-made

export interface Comparison {
  readonly id: string;
  readonly title: string;
  /** What to look for in the results; every claim is a row of the table. */
  readonly description: string;
  readonly setup: CompareSetup;
}

function fromPreset(
  presetId: string,
  lanes: readonly LanePatch[],
  shared: LanePatch = {},
): CompareSetup {
  const r = parseScenario(mergeScenarioInput(presetScenario(presetId), shared));
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return { base: r.scenario, presetId, lanes };
}

/** Ready-made comparisons, built from presets (the lanes differ only by the patches shown). */
export function comparisons(): readonly Comparison[] {
  return [
    {
      id: 'eviction',
      title: 'LRU vs LFU vs Redis sampled LRU',
      description:
        'The same Zipf workload with room for 10% of the keys and a database pool big enough to keep up. Compare the hit ratio and DB reads/s: LFU keeps a stable hot set better, and sampled LRU comes close to exact LRU.',
      setup: fromPreset(
        'cache-aside',
        [
          { cache: { policy: 'allkeys-lru', eviction: { mode: 'exact' } } },
          { cache: { policy: 'allkeys-lfu', eviction: { mode: 'exact' } } },
          { cache: { policy: 'allkeys-lru', eviction: { mode: 'redis', samples: 5 } } },
        ],
        { db: { maxConcurrent: 1000 } },
      ),
    },
    {
      id: 'jitter',
      title: 'TTL jitter off vs on',
      description:
        'Every key loaded at once with a 20 s TTL. Without jitter they all expire together: look at the peak DB reads/s row, a wall of misses every 20 s. With ±10% the same misses spread over 4 s and the peak falls to about a third; the mean DB load hardly changes.',
      setup: fromPreset('synchronised-expiry', [
        { cache: { jitterPct: 0 } },
        { cache: { jitterPct: 10 } },
      ]),
    },
    {
      id: 'pool',
      title: 'DB pool: 5 vs 50 connections',
      description:
        'The same traffic against a database with 5 or 50 connections. With 5 the queue grows without bound: watch time saturated, the peak DB queue and the worst-window p99.',
      setup: fromPreset('cache-aside', [
        { db: { maxConcurrent: 5 } },
        { db: { maxConcurrent: 50 } },
      ]),
    },
    {
      id: 'writes',
      title: 'Invalidate vs write-through vs write-behind',
      description:
        'A write-heavy workload with a cache crash at 32 s. Watch stale reads, errors and lost writes: write-behind acknowledges fast but loses what it had not flushed.',
      setup: fromPreset('write-behind-crash', [
        { pattern: { write: 'invalidate' } },
        { pattern: { write: 'write-through' } },
        { pattern: { write: 'write-behind' } },
      ]),
    },
    {
      id: 'stampede',
      title: 'Stampede: nothing vs rebuild lock vs stale-while-revalidate',
      description:
        'A hot key with a 200 ms rebuild under 10,000 requests per second. Compare peak DB reads/s and the worst-window p99.',
      setup: fromPreset('hot-key-stampede', [
        {},
        { stampede: { lock: { ttlMs: 10_000, retryMs: 50 } } },
        { stampede: { staleWhileRevalidate: { softTtlMs: 8_000 } } },
      ]),
    },
  ];
}

export function defaultComparison(): Comparison {
  const first = comparisons()[0];
  if (first === undefined) throw new Error('no comparisons defined');
  return first;
}
