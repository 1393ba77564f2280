import { useMemo, useState } from 'react';
import { navigate, replaceSearch, useRoute } from '../../app/hash-router';
import type { MetricWindow } from '../../sim/engine/engine-types';
import { mergeScenarioInput, parseScenario } from '../../sim/scenario/scenario-schema';
import { formatCount, formatMs, formatMsAtLeast, formatNumber, formatPct } from '../../ui/format';
import { windowRate } from '../../ui/metric-points';
import { MiniSeriesChart, type MiniSeries } from '../../ui/mini-series-chart';
import { NoticeList } from '../../ui/notice';
import { KnobField } from '../../ui/knob-field';
import {
  comparisons,
  decodeCompare,
  encodeCompare,
  laneIssueMessages,
  laneName,
  laneScenarios,
  MAX_LANES,
  MIN_LANES,
  playgroundHref,
  resolveLane,
  setPatchValue,
  type CompareSetup,
  type LanePatch,
} from './compare-model';
import {
  BIG_COMPARE_REQUESTS,
  expectedRequests,
  resultsTable,
  runMetrics,
  SEEDS_PER_LANE,
  type LaneStat,
  type ResultRow,
} from './compare-stats';
import { LaneOverrides, SharedEditor } from './lane-editor';
import { describeOverrides } from './scenario-fields';
import { LabImportPanel } from '../lab/lab-import-panel';
import './compare.css';
import {
  REPLAY_WALL_MS,
  useCompareRun,
  useReplay,
  type LaneResult,
  type SeedRun,
} from './use-compare-run';

const LANE_COLORS = ['var(--c-write)', 'var(--c-miss)', 'var(--c-hit)', 'var(--c-stale)'];
const LANE_DASHES = [undefined, '7 4', '2 3', '10 3 2 3'];
const SHARED_RUN_FIELDS = [
  { key: 'seed', label: 'Seed', unit: '', min: 0, max: 4294967295, scale: 1 },
  { key: 'durationMs', label: 'Duration', unit: 's', min: 1, max: 86_400, scale: 1000 },
  { key: 'warmupMs', label: 'Warm-up', unit: 's', min: 0, max: 86_400, scale: 1000 },
] as const;

function LaneSwatch(props: { readonly index: number }) {
  return (
    <svg width="28" height="10" aria-hidden="true">
      <line
        x1="0"
        x2="28"
        y1="5"
        y2="5"
        stroke={LANE_COLORS[props.index]}
        strokeWidth="3"
        strokeDasharray={LANE_DASHES[props.index]}
      />
    </svg>
  );
}

/**
 * Compare: 2 to 4 lanes over one shared scenario, each lane a set of overrides. Every lane runs on
 * several seeds in Web Workers as fast as the engine goes; the table shows mean and range and
 * calls a lane best or worst only beyond the seed-to-seed noise. The page follows the URL: a new
 * hash or back/forward shows the lanes it names.
 */
export function ComparePage() {
  const route = useRoute();
  const decoded = useMemo(() => decodeCompare(route.search), [route.search]);
  const setup = decoded.setup;
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const scenarios = useMemo(() => laneScenarios(setup), [setup]);
  const run = useCompareRun(scenarios);
  const base = setup.base;
  const replay = useReplay(base.durationMs);
  const search = encodeCompare(setup);

  /** Edits replace the URL (no history entry per keystroke); the page re-reads it. */
  const write = (next: CompareSetup) => {
    replaceSearch(encodeCompare(next));
  };
  /** Choosing another comparison, adding or removing a lane: a history entry, so Back returns. */
  const go = (next: CompareSetup) => {
    navigate('/compare', encodeCompare(next));
  };

  const commitBase = (path: readonly string[], value: unknown): string | null => {
    const r = parseScenario(mergeScenarioInput(base, setPatchValue({}, path, value)));
    if (!r.ok) return r.issues.map((i) => `Shared scenario: ${i.message}.`).join(' ');
    const broken = setup.lanes.flatMap((patch, i) => {
      const lane = resolveLane(r.scenario, patch);
      return lane.ok ? [] : laneIssueMessages(i, lane.issues);
    });
    if (broken.length > 0) return `Not applied: ${broken.join(' ')}`;
    write({ ...setup, base: r.scenario });
    return null;
  };

  const commitLane = (index: number, patch: LanePatch): string | null => {
    const r = resolveLane(base, patch);
    if (!r.ok) return laneIssueMessages(index, r.issues).join(' ');
    write({ ...setup, lanes: setup.lanes.map((p, i) => (i === index ? patch : p)) });
    return null;
  };

  const noticeKey = decoded.notices.join('\n');
  const notices = dismissed === noticeKey ? [] : decoded.notices;
  const shareUrl = `${window.location.origin}${window.location.pathname}#/compare?${search}`;
  const runs = run.lanes.map((l) => l.runs);
  const allDone = run.status === 'done' && runs.every((r) => r.every((x) => x !== null));

  return (
    <article className="page compare">
      <header className="page-header">
        <h1>Compare</h1>
        <p className="lede">
          Run two to four setups on the same seeded traffic. Each lane is the shared scenario plus
          its own overrides; every lane runs on {SEEDS_PER_LANE} seeds, and a lane is called best or
          worst only when it beats the others by more than the seed-to-seed spread.
        </p>
      </header>
      <NoticeList
        notices={notices}
        onDismiss={() => {
          setDismissed(noticeKey);
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
                  go(c.setup);
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
        <h2 id="cmp-shared">Shared scenario (every lane starts here)</h2>
        <p className="field-hint">
          {setup.presetId ? `Built from the “${setup.presetId}” preset. ` : ''}A field a lane does
          not override follows these values. Seed and timing are shared by every lane.
        </p>
        <div className="shared-grid">
          {SHARED_RUN_FIELDS.map((f) => (
            <KnobField
              key={f.key}
              label={f.label}
              {...(f.unit ? { unit: f.unit } : {})}
              min={f.min}
              max={f.max}
              {...(f.scale === 1 ? { integer: true } : {})}
              value={base[f.key] / f.scale}
              onCommit={(v) => commitBase([f.key], Math.round((v ?? 0) * f.scale))}
            />
          ))}
        </div>
        <SharedEditor base={base} onCommit={commitBase} />
      </section>

      <section aria-labelledby="cmp-lanes">
        <h2 id="cmp-lanes" className="section-title">
          Lanes
        </h2>
        <ol className="lane-grid" data-lanes={setup.lanes.length}>
          {setup.lanes.map((patch, i) => {
            const scenario = scenarios[i] ?? base;
            return (
              <li key={i} className="panel lane-card" data-testid={`lane-${laneName(i)}`}>
                <h3>
                  <span className="lane-swatch">
                    <LaneSwatch index={i} />
                  </span>
                  Lane {laneName(i)}
                </h3>
                <p className="lane-summary">{describeOverrides(patch, scenario)}</p>
                <LaneOverrides
                  index={i}
                  patch={patch}
                  scenario={scenario}
                  onPatch={(p) => commitLane(i, p)}
                />
                <p className="button-row">
                  <a className="button" href={playgroundHref(scenario, setup.presetId)}>
                    Open lane {laneName(i)} in the Playground
                  </a>
                  {setup.lanes.length > MIN_LANES ? (
                    <button
                      type="button"
                      className="button"
                      onClick={() => {
                        go({ ...setup, lanes: setup.lanes.filter((_, j) => j !== i) });
                      }}
                    >
                      Remove lane {laneName(i)}
                    </button>
                  ) : null}
                </p>
              </li>
            );
          })}
        </ol>
        {setup.lanes.length < MAX_LANES ? (
          <p>
            <button
              type="button"
              className="button"
              onClick={() => {
                go({
                  ...setup,
                  lanes: [...setup.lanes, setup.lanes[setup.lanes.length - 1] ?? {}],
                });
              }}
            >
              Add lane {laneName(setup.lanes.length)}
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
            disabled={run.status === 'running'}
            onClick={() => {
              replay.reset();
              run.start();
            }}
          >
            {run.status === 'idle' ? 'Run all lanes' : 'Run again'}
          </button>
          {run.status === 'running' ? (
            <button type="button" className="button" onClick={run.stop}>
              Stop
            </button>
          ) : null}
          {allDone ? (
            <button
              type="button"
              className="button"
              onClick={replay.playing ? replay.pause : replay.play}
            >
              {replay.playing
                ? 'Pause replay'
                : replay.clockMs === null
                  ? 'Replay over time'
                  : 'Resume replay'}
            </button>
          ) : null}
          {allDone && replay.clockMs !== null ? (
            <button type="button" className="button" onClick={replay.reset}>
              Show everything
            </button>
          ) : null}
          <button
            type="button"
            className="button"
            onClick={() => {
              void navigator.clipboard.writeText(shareUrl).then(
                () => {
                  setCopied(shareUrl);
                },
                () => {
                  setCopied(null);
                },
              );
            }}
          >
            Copy link to this comparison
          </button>
        </div>
        <RunStatusLine
          status={run.status}
          progress={run.progress}
          wallMs={run.wallMs}
          workers={run.workers}
          lanes={setup.lanes.length}
          seeds={run.seeds}
          requests={scenarios.reduce((sum, sc) => sum + expectedRequests(sc), 0) * run.seeds.length}
        />
        {replay.clockMs !== null ? (
          <p className="clock" data-testid="replay-clock">
            Replay: <strong>{formatMs(replay.clockMs)}</strong> of {formatMs(base.durationMs)} (the
            finished runs, played over {formatMs(REPLAY_WALL_MS)})
          </p>
        ) : null}
        {copied === shareUrl ? (
          <p className="field-hint" role="status">
            Link copied.
          </p>
        ) : null}
        {run.lanes.some((l) => l.error) ? (
          <p className="field-error" role="alert">
            {run.lanes
              .map((l, i) => (l.error ? `Lane ${laneName(i)}: ${l.error}` : ''))
              .filter(Boolean)
              .join(' ')}
          </p>
        ) : null}
      </section>

      <CompareCharts
        lanes={run.lanes}
        durationMs={base.durationMs}
        windowMs={base.windowMs}
        clockMs={replay.clockMs}
        seed={run.seeds[0] ?? base.seed}
      />
      {allDone ? <ResultsTable lanes={run.lanes} setup={setup} seeds={run.seeds} /> : null}
      <div className="panel">
        <LabImportPanel />
      </div>
    </article>
  );
}

function formatRequests(n: number): string {
  if (n >= 1e9) return `${formatNumber(n / 1e9, 1)} billion`;
  if (n >= 1e6) return `${formatNumber(n / 1e6, 1)} million`;
  return formatCount(n);
}

function RunStatusLine(props: {
  readonly status: string;
  readonly progress: number;
  readonly wallMs: number | null;
  readonly workers: number;
  readonly lanes: number;
  readonly seeds: readonly number[];
  /** Client requests all runs together are expected to simulate. */
  readonly requests: number;
}) {
  const jobs = `${props.lanes} lanes × ${props.seeds.length} seeds (${props.seeds.join(', ')})`;
  let text: string;
  switch (props.status) {
    case 'running':
      text = `Running ${jobs} on ${props.workers} workers: ${formatPct(props.progress, 0)} simulated.`;
      break;
    case 'done':
      text = `Finished ${jobs} in ${formatMs(props.wallMs ?? 0)} of wall time on ${props.workers} workers.`;
      break;
    case 'stopped':
      text = 'Stopped; nothing is shown until every run finishes.';
      break;
    case 'failed':
      text = 'Some runs did not finish (see below); the table needs every run.';
      break;
    default:
      text = `Runs ${jobs} to the end, as fast as the engine goes: about ${formatRequests(props.requests)} simulated requests.`;
  }
  const big = props.status !== 'done' && props.requests > BIG_COMPARE_REQUESTS;
  return (
    <>
      <p className="clock" data-testid="run-status" role="status">
        {text}
      </p>
      {big ? (
        <p className="field-hint" data-testid="big-run">
          That is a big comparison: it may take minutes and a lot of memory. Stop ends it at once; a
          shorter run or a lower request rate in the shared scenario makes it lighter.
        </p>
      ) : null}
      <progress max={1} value={props.progress} aria-label="Simulated so far, all runs" />
    </>
  );
}

/** The first seed's run of each lane, cut at the replay clock when replaying. */
function shownWindows(run: SeedRun | null | undefined, clockMs: number | null, windowMs: number) {
  const windows = run?.windows ?? [];
  if (clockMs === null) return windows;
  return windows.filter((w) => w.tMs + windowMs <= clockMs);
}

function CompareCharts(props: {
  readonly lanes: readonly LaneResult[];
  readonly durationMs: number;
  readonly windowMs: number;
  readonly clockMs: number | null;
  readonly seed: number;
}) {
  const { lanes, durationMs, windowMs, clockMs } = props;
  if (lanes.every((l) => l.runs[0] == null)) return null;
  const build = (pick: (w: MetricWindow) => number): MiniSeries[] =>
    lanes.map((l, i) => ({
      label: `Lane ${laneName(i)}`,
      color: LANE_COLORS[i] ?? 'var(--text)',
      ...(LANE_DASHES[i] ? { dash: LANE_DASHES[i] } : {}),
      values: shownWindows(l.runs[0], clockMs, windowMs).map(pick),
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
      series: build((w) => windowRate(w.dbReads, w)),
      format: (v: number) => formatNumber(v, 0),
    },
    {
      id: 'p99',
      title: 'p99 latency per window',
      series: build((w) => (w.completed > 0 ? w.latencyMs.p99 : Number.NaN)),
      format: (v: number) => formatMs(v),
    },
    {
      id: 'queue',
      title: 'Peak DB queue per window',
      series: build((w) => w.dbQueuePeak),
      format: (v: number) => formatNumber(v, 0),
    },
  ];
  return (
    <section className="panel" aria-labelledby="cmp-charts">
      <h2 id="cmp-charts">Over time (seed {props.seed})</h2>
      <p className="field-hint">
        The charts show each lane&apos;s run on the shared seed; the table below covers every seed.
      </p>
      <ul className="chart-legend" aria-label="Lanes">
        {lanes.map((_, i) => (
          <li key={i}>
            <LaneSwatch index={i} />
            Lane {laneName(i)}
          </li>
        ))}
      </ul>
      <div className="compare-charts">
        {charts.map((c) => (
          <figure key={c.id} className="compare-chart">
            <figcaption>{c.title}</figcaption>
            <MiniSeriesChart
              label={`${c.title} for ${lanes.length} lanes over ${formatMs(durationMs)}${clockMs === null ? '' : `, replayed up to ${formatMs(clockMs)}`}.`}
              series={c.series}
              durationMs={durationMs}
              windowMs={windowMs}
              cursorMs={clockMs}
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

function formatValue(row: ResultRow, v: number): string {
  switch (row.format) {
    case 'pct':
      return formatPct(v, 1);
    case 'ms':
      return formatMs(v);
    case 'rate':
      return `${formatNumber(v, v < 10 ? 1 : 0)}/s`;
    case 'count':
      return formatCount(v);
  }
}

/** A value, or "≥ " and the value rounded down when it is only a lower bound (ms rows). */
function formatBound(row: ResultRow, v: number, atLeast: boolean): string {
  return atLeast && row.format === 'ms' ? `≥ ${formatMsAtLeast(v)}` : formatValue(row, v);
}

/** Whether the seed giving `v` gave only a lower bound. */
function seedAtLeast(s: LaneStat, v: number): boolean {
  return s.atLeast[s.values.indexOf(v)] ?? false;
}

function formatRange(row: ResultRow, s: LaneStat): string {
  return s.min === s.max
    ? 'same on every seed'
    : `${formatBound(row, s.min, seedAtLeast(s, s.min))} – ${formatBound(row, s.max, seedAtLeast(s, s.max))}`;
}

const VERDICT_TEXT: Record<ResultRow['verdict'], string> = {
  same: 'no difference',
  noise: 'within noise',
  differs: '',
  unfair: 'not comparable: a database fell behind',
  bound: 'not decided: a figure is only a lower bound (≥)',
};

function ResultsTable(props: {
  readonly lanes: readonly LaneResult[];
  readonly setup: CompareSetup;
  readonly seeds: readonly number[];
}) {
  const scenarios = laneScenarios(props.setup);
  const metrics = props.lanes.map((l, i) => {
    const s = scenarios[i] ?? props.setup.base;
    return l.runs.flatMap((r) => (r === null ? [] : [runMetrics(r.totals, r.windows, s)]));
  });
  const rows = resultsTable(metrics);
  return (
    <section className="panel" aria-labelledby="cmp-totals">
      <h2 id="cmp-totals">Results after warm-up, {props.seeds.length} seeds per lane</h2>
      <p className="field-hint">
        Each cell is the lane&apos;s mean over seeds {props.seeds.join(', ')}, with the lowest and
        highest seed below it. A lane is marked best or worst only where its range does not overlap
        the other lanes&apos; ranges; otherwise the row says “within noise”. A lane whose database
        fell behind wins nothing on a count or rate where lower is better: those are low because its
        work did not finish. Latency counts requests still unfinished at the end at their age; “≥”
        marks a figure that is only a lower bound (they raise it, or are too many for the finished
        ones to bound it): such a lane is called best only if it would win even if those requests
        never finished.
      </p>
      <div className="table-scroll">
        <table className="totals-table" data-testid="totals-table">
          <thead>
            <tr>
              <th scope="col">Metric</th>
              {props.lanes.map((_, i) => (
                <th scope="col" key={i}>
                  Lane {laneName(i)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className={`verdict-${row.verdict}`} data-testid={`row-${row.id}`}>
                <th scope="row">
                  <span title={row.hint}>{row.label}</span>
                  {VERDICT_TEXT[row.verdict] ? (
                    <span className="row-verdict" data-testid={`verdict-${row.id}`}>
                      {VERDICT_TEXT[row.verdict]}
                    </span>
                  ) : null}
                </th>
                {row.lanes.map((stat, i) => {
                  const best = row.best.includes(i);
                  const worst = row.worst.includes(i);
                  return (
                    <td
                      key={i}
                      className={best ? 'cell-best' : worst ? 'cell-worst' : undefined}
                      data-testid={`cell-${row.id}-${laneName(i)}`}
                    >
                      <span className="cell-value">
                        {formatBound(row, stat.mean, stat.atLeast.includes(true))}
                      </span>
                      {best ? <span className="cell-tag">best</span> : null}
                      {worst ? <span className="cell-tag">worst</span> : null}
                      <span className="cell-range">{formatRange(row, stat)}</span>
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
