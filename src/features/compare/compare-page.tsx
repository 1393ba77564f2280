import { useEffect, useMemo, useState } from 'react';
import { replaceSearch, useRoute } from '../../app/hash-router';
import type { MetricWindow } from '../../sim/engine/engine-types';
import type { ScenarioPatch } from '../../sim/scenario/scenario-schema';
import { encodeScenarioParams } from '../../sim/scenario/url-codec';
import { formatCount, formatMs, formatNumber, formatPct } from '../../ui/format';
import { MiniSeriesChart, type MiniSeries } from '../../ui/mini-series-chart';
import { NoticeList } from '../../ui/notice';
import { NumberField } from '../../ui/number-field';
import {
  alignLanes,
  comparisons,
  decodeCompare,
  encodeCompare,
  LANE_NAMES,
  laneSummary,
  MAX_LANES,
  MIN_LANES,
  patchLane,
  totalsTable,
  withStampedeTool,
  type CompareLane,
  type TotalsRow,
} from './compare-model';
import { LaneEditor } from './lane-editor';
import './compare.css';
import { useCompareRun, type LaneRun } from './use-compare-run';

const LANE_COLORS = ['var(--c-write)', 'var(--c-miss)', 'var(--c-hit)', 'var(--c-stale)'];
const LANE_DASHES = [undefined, '7 4', '2 3', '10 3 2 3'];

interface SharedField {
  readonly key: string;
  readonly label: string;
  readonly unit?: string;
  readonly min: number;
  readonly max: number;
  readonly get: (lane: CompareLane) => number;
  readonly patch: (value: number) => ScenarioPatch | 'seed';
}

const SHARED_FIELDS: readonly SharedField[] = [
  {
    key: 'seed',
    label: 'Seed',
    min: 0,
    max: 4294967295,
    get: (l) => l.scenario.seed,
    patch: () => 'seed',
  },
  {
    key: 'rps',
    label: 'Requests per second',
    unit: '/s',
    min: 1,
    max: 20_000,
    get: (l) => l.scenario.workload.requestsPerSec,
    patch: (v) => ({ workload: { requestsPerSec: v } }),
  },
  {
    key: 'writes',
    label: 'Writes',
    unit: '%',
    min: 0,
    max: 100,
    get: (l) => Math.round(l.scenario.workload.writeFraction * 1000) / 10,
    patch: (v) => ({ workload: { writeFraction: v / 100 } }),
  },
  {
    key: 'keys',
    label: 'Distinct keys',
    min: 1,
    max: 1_000_000,
    get: (l) => l.scenario.workload.keys,
    patch: (v) => ({ workload: { keys: Math.round(v) } }),
  },
];

function applyShared(
  lanes: readonly CompareLane[],
  field: SharedField,
  value: number,
): CompareLane[] | string {
  const first = lanes[0];
  if (!first) return 'no lanes';
  const p = field.patch(value);
  let next;
  if (p === 'seed') {
    if (!Number.isInteger(value) || value < 0 || value > 4294967295)
      return 'Seed must be an integer from 0 to 4294967295.';
    next = { ...first, scenario: { ...first.scenario, seed: value } };
  } else {
    const r = patchLane(first, p);
    if (typeof r === 'string') return r;
    next = r;
  }
  return alignLanes([next, ...lanes.slice(1)]);
}

/** Compare: 2 to 4 lanes on one seeded workload, one shared clock, aligned charts and totals. */
export function ComparePage() {
  const route = useRoute();
  const initial = useMemo(() => decodeCompare(route.search), []); // eslint-disable-line react-hooks/exhaustive-deps
  const [lanes, setLanes] = useState<readonly CompareLane[]>(initial.lanes);
  const [notices, setNotices] = useState<readonly string[]>(initial.notices);
  const [laneError, setLaneError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  /** Bumped when all lanes are replaced at once, so the shared fields show the new values. */
  const [generation, setGeneration] = useState(0);
  const search = encodeCompare(lanes);
  useEffect(() => {
    replaceSearch(search);
  }, [search]);

  const scenarios = useMemo(() => lanes.map((l) => l.scenario), [lanes]);
  const run = useCompareRun(scenarios);
  const reference = lanes[0]?.scenario;
  const durationMs = reference?.durationMs ?? 1;
  const windowMs = reference?.windowMs ?? 1;

  const updateLane = (index: number, next: CompareLane | string) => {
    if (typeof next === 'string') {
      setLaneError(`Lane ${LANE_NAMES[index] ?? ''}: ${next}`);
      return;
    }
    setLaneError(null);
    setLanes((prev) => alignLanes(prev.map((l, i) => (i === index ? next : l))));
  };

  const shareUrl = `${window.location.origin}${window.location.pathname}#/compare?${search}`;

  return (
    <article className="page compare">
      <header className="page-header">
        <h1>Compare</h1>
        <p className="lede">
          Run two to four setups on exactly the same seeded traffic. One shared clock moves every
          lane forward together; the charts share a time axis and the table marks where the lanes
          differ.
        </p>
      </header>
      <NoticeList
        notices={notices}
        onDismiss={() => {
          setNotices([]);
        }}
      />

      <section className="panel" aria-labelledby="cmp-ready">
        <h2 id="cmp-ready">Ready-made comparisons</h2>
        <ul className="comparison-list">
          {comparisons().map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className="button"
                onClick={() => {
                  setLanes(c.lanes);
                  setGeneration((g) => g + 1);
                  setNotices([]);
                  setLaneError(null);
                }}
              >
                {c.title}
              </button>
              <p className="field-hint">{c.description}</p>
            </li>
          ))}
        </ul>
      </section>

      <section className="panel" aria-labelledby="cmp-shared">
        <h2 id="cmp-shared">Shared workload (all lanes)</h2>
        <p className="field-hint">
          {formatMs(durationMs)} run, {formatMs(reference?.warmupMs ?? 0)} warm-up excluded from the
          totals, {reference?.workload.popularity.kind ?? ''} popularity.
        </p>
        <div className="shared-grid">
          {SHARED_FIELDS.map((f) => (
            <SharedNumber
              key={`${f.key}-${generation}`}
              field={f}
              value={lanes[0] ? f.get(lanes[0]) : 0}
              onCommit={(v) => {
                const r = applyShared(lanes, f, v);
                if (typeof r === 'string') return r;
                setLanes(r);
                return null;
              }}
            />
          ))}
        </div>
      </section>

      <section aria-labelledby="cmp-lanes">
        <h2 id="cmp-lanes" className="section-title">
          Lanes
        </h2>
        {laneError ? (
          <p className="field-error" role="alert">
            {laneError}
          </p>
        ) : null}
        <ol className="lane-grid" data-lanes={lanes.length}>
          {lanes.map((lane, i) => (
            <li key={i} className="panel lane-card" data-testid={`lane-${LANE_NAMES[i] ?? i}`}>
              <h3>
                <span className="lane-swatch" aria-hidden="true">
                  <svg width="28" height="10">
                    <line
                      x1="0"
                      x2="28"
                      y1="5"
                      y2="5"
                      stroke={LANE_COLORS[i]}
                      strokeWidth="3"
                      strokeDasharray={LANE_DASHES[i]}
                    />
                  </svg>
                </span>
                Lane {LANE_NAMES[i]}
              </h3>
              <p className="lane-summary">
                {reference ? laneSummary(lane.scenario, i === 0 ? lane.scenario : reference) : ''}
              </p>
              <LaneEditor
                scenario={lane.scenario}
                onPatch={(patch) => {
                  updateLane(i, patchLane(lane, patch));
                }}
                onStampedeTool={(tool) => {
                  try {
                    updateLane(i, { ...lane, scenario: withStampedeTool(lane.scenario, tool) });
                  } catch (e) {
                    updateLane(i, e instanceof Error ? e.message : String(e));
                  }
                }}
              />
              <p className="button-row">
                <a
                  className="button"
                  href={`#/playground?${encodeScenarioParams(lane.scenario, lane.presetId).toString()}`}
                >
                  Open lane {LANE_NAMES[i]} in the Playground
                </a>
                {lanes.length > MIN_LANES ? (
                  <button
                    type="button"
                    className="button"
                    onClick={() => {
                      setLanes((prev) => alignLanes(prev.filter((_, j) => j !== i)));
                    }}
                  >
                    Remove lane {LANE_NAMES[i]}
                  </button>
                ) : null}
              </p>
            </li>
          ))}
        </ol>
        {lanes.length < MAX_LANES ? (
          <p>
            <button
              type="button"
              className="button"
              onClick={() => {
                setLanes((prev) => {
                  const last = prev[prev.length - 1];
                  return last ? [...prev, last] : prev;
                });
              }}
            >
              Add lane {LANE_NAMES[lanes.length]}
            </button>
          </p>
        ) : null}
      </section>

      <section className="panel run-panel" aria-labelledby="cmp-run">
        <h2 id="cmp-run">Run</h2>
        <div className="button-row">
          <button
            type="button"
            className="button primary"
            onClick={() => {
              run.start(true);
            }}
          >
            {run.status === 'idle' ? 'Run all lanes' : 'Run again'}
          </button>
          {run.status === 'running' ? (
            <button type="button" className="button" onClick={run.pause}>
              Pause
            </button>
          ) : null}
          {run.status === 'paused' ? (
            <button type="button" className="button" onClick={run.resume}>
              Resume
            </button>
          ) : null}
          {run.status === 'running' || run.status === 'paused' ? (
            <button type="button" className="button" onClick={run.finish}>
              Skip to the end
            </button>
          ) : null}
          <button
            type="button"
            className="button"
            onClick={() => {
              void navigator.clipboard.writeText(shareUrl).then(
                () => {
                  setCopied(true);
                },
                () => {
                  setCopied(false);
                },
              );
            }}
          >
            Copy link to this comparison
          </button>
        </div>
        <p className="clock" data-testid="shared-clock">
          Shared clock: <strong>{formatMs(run.clockMs)}</strong> of {formatMs(durationMs)}
          {run.status === 'done' ? ' — finished' : run.status === 'paused' ? ' — paused' : ''}
        </p>
        <progress max={durationMs} value={run.clockMs} aria-label="Shared clock progress" />
        {copied ? (
          <p className="field-hint" role="status">
            Link copied.
          </p>
        ) : null}
        {run.lanes.some((l) => l.error) ? (
          <p className="field-error" role="alert">
            {run.lanes
              .map((l, i) => (l.error ? `Lane ${LANE_NAMES[i] ?? i}: ${l.error}` : ''))
              .filter(Boolean)
              .join(' ')}
          </p>
        ) : null}
      </section>

      <CompareCharts
        lanes={run.lanes}
        durationMs={durationMs}
        windowMs={windowMs}
        clockMs={run.clockMs}
      />
      <TotalsTable lanes={run.lanes} status={run.status} />
    </article>
  );
}

function SharedNumber(props: {
  readonly field: SharedField;
  readonly value: number;
  readonly onCommit: (value: number) => string | null;
}) {
  const [raw, setRaw] = useState(String(props.value));
  const [error, setError] = useState<string | null>(null);
  return (
    <NumberField
      label={props.field.label}
      value={raw}
      min={props.field.min}
      max={props.field.max}
      {...(props.field.unit ? { unit: props.field.unit } : {})}
      error={error}
      onChange={(text) => {
        setRaw(text);
        const n = Number(text);
        if (
          text.trim() === '' ||
          !Number.isFinite(n) ||
          n < props.field.min ||
          n > props.field.max
        ) {
          setError(
            `${props.field.label} must be from ${props.field.min.toLocaleString('en-US')} to ${props.field.max.toLocaleString('en-US')}.`,
          );
          return;
        }
        setError(props.onCommit(n));
      }}
    />
  );
}

function perSecond(windowMs: number) {
  return (n: number) => (n * 1000) / windowMs;
}

function CompareCharts(props: {
  readonly lanes: readonly LaneRun[];
  readonly durationMs: number;
  readonly windowMs: number;
  readonly clockMs: number;
}) {
  const { lanes, durationMs, windowMs } = props;
  if (lanes.every((l) => l.windows.length === 0)) return null;
  const rate = perSecond(windowMs);
  const build = (pick: (w: MetricWindow) => number): MiniSeries[] =>
    lanes.map((l, i) => ({
      label: `Lane ${LANE_NAMES[i] ?? i}`,
      color: LANE_COLORS[i] ?? 'var(--text)',
      ...(LANE_DASHES[i] ? { dash: LANE_DASHES[i] } : {}),
      values: l.windows.map(pick),
    }));
  const charts = [
    {
      id: 'hit',
      title: 'Hit ratio per window',
      series: build((w) => (w.reads > 0 ? w.hitRatio : Number.NaN)),
      yMax: 1,
      format: (v: number) => formatPct(v, 0),
    },
    {
      id: 'db',
      title: 'Database reads per second',
      series: build((w) => rate(w.dbReads)),
      format: (v: number) => formatNumber(v, 0),
    },
    {
      id: 'p99',
      title: 'p99 latency per window',
      series: build((w) => w.latencyMs.p99),
      format: (v: number) => formatMs(v),
    },
    {
      id: 'stale',
      title: 'Stale reads per second',
      series: build((w) => rate(w.staleReads)),
      format: (v: number) => formatNumber(v, 0),
    },
  ];
  return (
    <section className="panel" aria-labelledby="cmp-charts">
      <h2 id="cmp-charts">Over time</h2>
      <ul className="chart-legend" aria-label="Lanes">
        {lanes.map((_, i) => (
          <li key={i}>
            <svg width="28" height="10" aria-hidden="true">
              <line
                x1="0"
                x2="28"
                y1="5"
                y2="5"
                stroke={LANE_COLORS[i]}
                strokeWidth="3"
                strokeDasharray={LANE_DASHES[i]}
              />
            </svg>
            Lane {LANE_NAMES[i]}
          </li>
        ))}
      </ul>
      <div className="compare-charts">
        {charts.map((c) => (
          <figure key={c.id} className="compare-chart">
            <figcaption>{c.title}</figcaption>
            <MiniSeriesChart
              label={`${c.title} for ${lanes.length} lanes over ${formatMs(durationMs)}; the dotted line is the shared clock.`}
              series={c.series}
              durationMs={durationMs}
              windowMs={windowMs}
              cursorMs={props.clockMs}
              formatY={c.format}
              {...(c.yMax === undefined ? {} : { yMax: c.yMax })}
              testId={`chart-${c.id}`}
            />
          </figure>
        ))}
      </div>
    </section>
  );
}

function formatCell(row: TotalsRow, v: number): string {
  if (row.format === 'pct') return formatPct(v, 1);
  if (row.format === 'ms') return formatMs(v);
  return formatCount(v);
}

function formatDelta(row: TotalsRow, v: number, ref: number): string {
  const d = v - ref;
  if (row.format === 'pct') return `${d >= 0 ? '+' : '−'}${formatNumber(Math.abs(d) * 100, 1)} pts`;
  if (ref === 0) return d === 0 ? '±0' : `${d > 0 ? '+' : '−'}${formatCell(row, Math.abs(d))}`;
  const pct = (d / Math.abs(ref)) * 100;
  return `${pct >= 0 ? '+' : '−'}${formatNumber(Math.abs(pct), 1)}%`;
}

function TotalsTable(props: { readonly lanes: readonly LaneRun[]; readonly status: string }) {
  const totals = props.lanes.map((l) => l.totals);
  if (totals.some((t) => t === null)) return null;
  const rows = totalsTable(totals.filter((t): t is NonNullable<typeof t> => t !== null));
  return (
    <section className="panel" aria-labelledby="cmp-totals">
      <h2 id="cmp-totals">Totals after warm-up{props.status === 'done' ? '' : ' (so far)'}</h2>
      <p className="field-hint">
        Rows where the lanes differ are marked; the best lane on a row is labelled “best” and the
        worst “worst”. Percentages under lanes B–D compare with lane A. A lane whose database fell
        behind is never “best” on a count where lower is better: its counts are low because work did
        not finish.
      </p>
      <div className="table-scroll">
        <table className="totals-table" data-testid="totals-table">
          <thead>
            <tr>
              <th scope="col">Metric</th>
              {props.lanes.map((_, i) => (
                <th scope="col" key={i}>
                  Lane {LANE_NAMES[i]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr
                key={row.id}
                className={row.differs ? 'row-differs' : undefined}
                data-testid={`row-${row.id}`}
              >
                <th scope="row">
                  {row.label}
                  {row.differs ? <span className="visually-hidden"> (lanes differ)</span> : null}
                </th>
                {row.values.map((v, i) => {
                  const best = row.best.includes(i);
                  const worst = row.worst.includes(i);
                  return (
                    <td
                      key={i}
                      className={best ? 'cell-best' : worst ? 'cell-worst' : undefined}
                      data-testid={`cell-${row.id}-${LANE_NAMES[i] ?? i}`}
                    >
                      <span className="cell-value">{formatCell(row, v)}</span>
                      {best ? <span className="cell-tag">best</span> : null}
                      {worst ? <span className="cell-tag">worst</span> : null}
                      {i > 0 && row.differs ? (
                        <span className="cell-delta">
                          {formatDelta(row, v, row.values[0] ?? 0)}
                        </span>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
