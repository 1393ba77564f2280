import { useAppStore } from '../../store/app-store';
import { formatMs, formatNumber, formatPct } from '../../ui/format';
import type { MetricPoint } from '../../ui/metric-points';
import { MarkerList, TimeSeriesChart, type SeriesSpec } from '../../ui/time-series-chart';

// Module-level constants keep chart props referentially stable (the charts are memoised).
const fmtPct = (v: number) => formatPct(v, 0);
const fmtRate = (v: number) => formatNumber(v, v < 10 ? 1 : 0);
/** Axis ticks in plain numbers (the unit is in the title); tooltips and summaries say ms. */
const fmtMsTick = (v: number) => formatNumber(v, v < 10 ? 1 : 0);
const fmtMs = (v: number) => formatMs(v);
const fmtCount = (v: number) => formatNumber(v, 0);
const RATIO_DOMAIN = [0, 1] as const;

const HIT_SERIES: readonly SeriesSpec[] = [
  { key: 'hitRatio', name: 'Hit ratio', color: 'var(--c-hit)' },
];
const THEORY_SERIES: SeriesSpec = {
  key: 'theory',
  name: 'Theory (steady state)',
  color: 'var(--c-theory)',
  dashed: true,
};
const HIT_SERIES_THEORY: readonly SeriesSpec[] = [...HIT_SERIES, THEORY_SERIES];
/** Before a theory line exists its legend entry keeps its room, so nothing moves when it comes. */
const HIT_SERIES_THEORY_RESERVED: readonly SeriesSpec[] = [
  ...HIT_SERIES,
  { ...THEORY_SERIES, reserved: true },
];
const DB_SERIES: readonly SeriesSpec[] = [
  { key: 'dbReadsPerSec', name: 'DB reads', color: 'var(--c-miss)' },
  { key: 'dbWritesPerSec', name: 'DB writes', color: 'var(--c-write)' },
  {
    key: 'dbQueuePeak',
    name: 'Queue (peak, right axis)',
    color: 'var(--c-db)',
    dashed: true,
    right: true,
  },
];
const LATENCY_SERIES: readonly SeriesSpec[] = [
  { key: 'p50Ms', name: 'p50', color: 'var(--c-hit)' },
  { key: 'p99Ms', name: 'p99', color: 'var(--c-error)' },
];
const CHURN_SERIES: readonly SeriesSpec[] = [
  { key: 'evictionsPerSec', name: 'Evictions', color: 'var(--c-write)' },
  { key: 'expirationsPerSec', name: 'Expirations', color: 'var(--c-miss)' },
  // When memory is full the cache evicts, or (noeviction, volatile-* with no TTL key) refuses.
  { key: 'oomErrorsPerSec', name: 'Refused SETs (OOM)', color: 'var(--c-error)', dashed: true },
];
const DAMAGE_SERIES: readonly SeriesSpec[] = [
  { key: 'staleReadsPerSec', name: 'Stale reads', color: 'var(--c-stale)' },
  { key: 'lostWritesPerSec', name: 'Lost writes', color: 'var(--c-error)' },
  { key: 'errorsPerSec', name: 'Errors', color: 'var(--c-db)', dashed: true },
];

function latest(
  points: readonly MetricPoint[],
  pick: (p: MetricPoint) => number | null,
  fmt: (v: number) => string,
): string {
  const p = points.at(-1);
  if (!p) return 'no data yet';
  const v = pick(p);
  return v === null ? 'no reads in the last window' : fmt(v);
}

/**
 * The live charts, each over the same bounded window of recent metric windows. `stage` is the
 * pair that belongs on the presenter's screen beside the topology (hit ratio, database load);
 * `more` is the rest, below the fold.
 */
export function MetricsCharts(props: { readonly part: 'stage' | 'more' }) {
  const points = useAppStore((s) => s.playground.points);
  const markers = useAppStore((s) => s.playground.markers);
  const windowMs = useAppStore((s) => s.playground.scenario.windowMs);
  const hasTheory = points.some((p) => p.theory !== null);
  const last = points.at(-1);

  if (props.part === 'stage')
    return (
      <div className="stage-charts" data-testid="charts">
        <TimeSeriesChart
          id="hit-ratio"
          staggerSlot={0}
          height="fill"
          title="Hit ratio"
          points={points}
          series={hasTheory ? HIT_SERIES_THEORY : HIT_SERIES_THEORY_RESERVED}
          markers={markers}
          formatY={fmtPct}
          yDomain={RATIO_DOMAIN}
          windowMs={windowMs}
          summary={`Hit ratio over time; latest ${latest(
            points,
            (p) => p.hitRatio,
            (v) => formatPct(v),
          )}${last?.theory != null ? `; theory predicts ${formatPct(last.theory)}` : ''}.`}
        />
        <TimeSeriesChart
          id="db-load"
          staggerSlot={1}
          height="fill"
          title="Database load (per second)"
          points={points}
          series={DB_SERIES}
          markers={markers}
          formatY={fmtRate}
          formatRight={fmtCount}
          windowMs={windowMs}
          summary={`Database reads per second; latest ${latest(points, (p) => p.dbReadsPerSec, fmtRate)}; queue peak ${latest(points, (p) => p.dbQueuePeak, fmtCount)}.`}
        />
        <MarkerList markers={markers} />
      </div>
    );
  return (
    <div className="charts-grid" data-testid="more-charts">
      <TimeSeriesChart
        id="latency"
        staggerSlot={2}
        title="Latency (ms)"
        points={points}
        series={LATENCY_SERIES}
        markers={markers}
        formatY={fmtMsTick}
        windowMs={windowMs}
        summary={`Request latency; latest p50 ${latest(points, (p) => p.p50Ms, fmtMs)}, p99 ${latest(points, (p) => p.p99Ms, fmtMs)}.`}
      />
      <TimeSeriesChart
        id="churn"
        staggerSlot={3}
        title="Evictions, expirations, OOM (per second)"
        points={points}
        series={CHURN_SERIES}
        markers={markers}
        formatY={fmtRate}
        windowMs={windowMs}
        summary={`Evictions per second, latest ${latest(points, (p) => p.evictionsPerSec, fmtRate)}; expirations per second, latest ${latest(points, (p) => p.expirationsPerSec, fmtRate)}; SETs refused for lack of memory per second, latest ${latest(points, (p) => p.oomErrorsPerSec, fmtRate)}.`}
      />
      <TimeSeriesChart
        id="damage"
        staggerSlot={4}
        title="Stale reads, lost writes, errors (per second)"
        points={points}
        series={DAMAGE_SERIES}
        markers={markers}
        formatY={fmtRate}
        windowMs={windowMs}
        summary={`Stale reads per second, latest ${latest(points, (p) => p.staleReadsPerSec, fmtRate)}; lost writes per second, latest ${latest(points, (p) => p.lostWritesPerSec, fmtRate)}.`}
      />
    </div>
  );
}
