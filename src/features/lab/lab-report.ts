/**
 * Reading a lab result (`npm run lab -- SCENARIO.json --json > lab.json`, src/lab) in the app:
 * validates the file and turns both runs' series into chart rows, model and real side by side.
 * Every problem is reported with the field's path and what was expected.
 */
import * as v from 'valibot';
import { parseScenario, type Scenario } from '../../sim/scenario/scenario-schema';
import { toMetricPoints } from '../../ui/metric-points';

const num = v.number('must be a number');
const LatencySchema = v.looseObject({ p50: num, p95: num, p99: num, max: num, mean: num });
const COUNT_FIELDS = [
  'requests',
  'reads',
  'writes',
  'hits',
  'misses',
  'hitRatio',
  'completed',
  'dbReads',
  'dbWrites',
  'staleReads',
  'maxStalenessMs',
  'lostWrites',
  'evictions',
  'expirations',
  'errors',
  'oomErrors',
  'lockWaits',
] as const;
const counts = Object.fromEntries(COUNT_FIELDS.map((f) => [f, num])) as Record<
  (typeof COUNT_FIELDS)[number],
  typeof num
>;
const WindowSchema = v.looseObject({
  ...counts,
  tMs: num,
  // Lab files written before windows carried their width have none: they are windowMs wide.
  widthMs: v.optional(num),
  latencyMs: LatencySchema,
  dbQueue: num,
  dbQueuePeak: num,
  dbQueueGrowthPerSec: num,
  dbSaturated: v.boolean('must be true or false'),
  cacheKeys: num,
  cacheBytes: num,
  cacheState: v.picklist(['up', 'down', 'restarting'], 'must be up, down or restarting'),
});
const TotalsSchema = v.looseObject({ ...counts, latencyMs: LatencySchema, inFlight: num });
const RunSchema = v.looseObject({
  totals: TotalsSchema,
  series: v.array(WindowSchema, 'must be a list of metric windows'),
});
const LabFileSchema = v.looseObject({
  lab: v.literal(1),
  scenario: v.unknown(),
  model: RunSchema,
  real: v.looseObject({
    ...RunSchema.entries,
    setup: v.looseObject({
      redisVersion: v.string('must be text'),
      postgresVersion: v.string('must be text'),
      maxmemory: num,
      policy: v.string('must be text'),
      maxRatePerSec: num,
    }),
  }),
  differences: v.array(
    v.looseObject({ metric: v.string('must be text'), model: num, real: num, allowed: num }),
    'must be a list',
  ),
});

export type LabFile = v.InferOutput<typeof LabFileSchema>;
export type LabRun = LabFile['model'];

export type LabImport =
  | { readonly ok: true; readonly file: LabFile; readonly scenario: Scenario }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Parse and validate the text of a lab result file. Never throws. */
export function readLabFile(text: string): LabImport {
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (e) {
    return {
      ok: false,
      problems: [`not valid JSON (${e instanceof Error ? e.message : String(e)})`],
    };
  }
  if (typeof json !== 'object' || json === null || (json as { lab?: unknown }).lab !== 1)
    return {
      ok: false,
      problems: [
        'lab must be 1: this is not a file from `npm run lab -- SCENARIO.json --json` (a scenario file goes into Import scenario)',
      ],
    };
  const r = v.safeParse(LabFileSchema, json);
  if (!r.success)
    return {
      ok: false,
      problems: r.issues
        .slice(0, 5)
        .map(
          (i) =>
            `${v.getDotPath(i) ?? 'the file'} ${i.input === undefined ? 'is missing' : i.message.startsWith('must') ? i.message : 'has the wrong type'}`,
        ),
    };
  const scenario = parseScenario(r.output.scenario);
  if (!scenario.ok)
    return { ok: false, problems: scenario.issues.slice(0, 5).map((i) => `scenario.${i.message}`) };
  return { ok: true, file: r.output, scenario: scenario.scenario };
}

/** One chart row: a window's start and the model's and the real run's value. */
export interface OverlayRow {
  readonly tMs: number;
  readonly model: number | null;
  readonly real: number | null;
}

export type OverlayMetric = 'hitRatio' | 'dbReadsPerSec' | 'p99Ms';

/** Rows for one metric, by window start; a window only one run has leaves the other null. */
export function overlayRows(file: LabFile, windowMs: number, metric: OverlayMetric): OverlayRow[] {
  const points = (run: LabRun) => toMetricPoints(run.series, windowMs);
  const byT = new Map<number, { model: number | null; real: number | null }>();
  for (const p of points(file.model)) byT.set(p.tMs, { model: p[metric], real: null });
  for (const p of points(file.real)) {
    const row = byT.get(p.tMs) ?? { model: null, real: null };
    row.real = p[metric];
    byT.set(p.tMs, row);
  }
  return [...byT.entries()].sort((a, b) => a[0] - b[0]).map(([tMs, r]) => ({ tMs, ...r }));
}
