/**
 * A lean live line chart over simulated time, shared by the playground's views. Lean by design:
 * a hand-drawn SVG plot (time-series-plot.tsx), no dots, no animation, at most ~300 points, a plain
 * HTML legend. Knob changes and faults are drawn as vertical lines with numbered badges that never
 * overlap (see marker-layout.ts), explained by a {@link MarkerList}.
 *
 * For keyboard and screen-reader users each chart is one Tab stop, an image named by its title
 * and a sentence of its latest values; the SVG inside is drawing only.
 *
 * Until the chart has data it shows an empty state in the same box.
 *
 * New data is drawn at a bounded rate and only while the chart is on screen (use-paced-value.ts):
 * worker reports may come many times a second, and a redraw is work a slow phone feels. The
 * drawing (plot, axes, marker badges, `data-points`) is one snapshot; the accessible summary is of
 * the latest windows, so it is true of the run even for a chart that is off screen.
 */
import { memo, useMemo, useRef } from 'react';
import type { Marker } from '../sim/engine/engine-types';
import { formatSimTime, timeTicks } from './format-time';
import { layoutMarkerBadges } from './marker-layout';
import { useElementSize } from './use-element-width';
import type { MetricPoint } from './metric-points';
import { TimeSeriesPlot } from './time-series-plot';
import { DEFAULT_PLOT_HEIGHT_PX, LEFT_AXIS_PX, MARGIN, RIGHT_AXIS_PX } from './time-series-layout';
import { useInView } from './use-in-view';
import { usePacedValue } from './use-paced-value';

/** The plottable fields of a point: every number except the time axis. */
export type MetricKey = Exclude<
  { [K in keyof MetricPoint]: MetricPoint[K] extends number | null ? K : never }[keyof MetricPoint],
  'tMs'
>;

export interface SeriesSpec {
  readonly key: MetricKey;
  readonly name: string;
  /** A CSS colour, usually one of the outcome variables (`var(--c-hit)`). */
  readonly color: string;
  readonly dashed?: boolean;
  /** Plot against the right-hand axis (a different unit, e.g. queue length). */
  readonly right?: boolean;
  /**
   * Drawn and announced only when some point has a value, e.g. a theory line. Until then its
   * legend entry keeps its room (invisible), so the legend does not reflow and push the chart down
   * when the series appears.
   */
  readonly optional?: boolean;
}

export interface TimeSeriesChartProps {
  readonly id: string;
  readonly title: string;
  readonly points: readonly MetricPoint[];
  readonly series: readonly SeriesSpec[];
  readonly markers: readonly Marker[];
  readonly formatY: (v: number) => string;
  readonly formatRight?: (v: number) => string;
  /** Fixed y domain (e.g. [0, 1] for ratios); otherwise from the data. */
  readonly yDomain?: readonly [number, number];
  /** Width of one window, to extend the time axis to the end of the last window. */
  readonly windowMs: number;
  /** One sentence for screen readers with the latest values of the run. */
  readonly summarize: (points: readonly MetricPoint[]) => string;
  /** Pixels, or `fill` to take the height the stylesheet gives the chart body. */
  readonly height?: number | 'fill';
}

interface ChartData {
  readonly points: readonly MetricPoint[];
  readonly markers: readonly Marker[];
}

const isEmptyData = (d: ChartData): boolean => d.points.length === 0;

/** The time a chart of `points` spans: the first window's start to the last window's end. */
function timeSpan(points: readonly MetricPoint[], windowMs: number) {
  return { first: points[0]?.tMs ?? 0, last: (points.at(-1)?.tMs ?? 0) + windowMs };
}

/** Whether a marker falls within a chart's time span (ends included). */
const inSpan = (m: Marker, first: number, last: number): boolean => m.tMs >= first && m.tMs <= last;

/** Room each time-axis label needs, so ticks never crowd. */
const TICK_SPACING_PX = 64;
/** A short line in a series' colour and dash, for a chart's HTML legend. */
export function LegendSwatch(props: { readonly color: string; readonly dashed: boolean }) {
  return (
    <svg width="18" height="8" aria-hidden="true">
      <line
        x1="0"
        y1="4"
        x2="18"
        y2="4"
        stroke={props.color}
        strokeWidth="3"
        strokeDasharray={props.dashed ? '4 3' : undefined}
      />
    </svg>
  );
}

function TimeSeriesChartImpl(props: TimeSeriesChartProps) {
  const { windowMs, summarize } = props;
  const bodyRef = useRef<HTMLDivElement>(null);
  const visible = useInView(bodyRef);
  const latest = useMemo(
    () => ({ points: props.points, markers: props.markers }),
    [props.points, props.markers],
  );
  const { points, markers } = usePacedValue(latest, { visible, isEmpty: isEmptyData });
  const series = useMemo(
    () => props.series.filter((s) => s.optional !== true || points.some((p) => p[s.key] !== null)),
    [props.series, points],
  );
  const hasRight = series.some((s) => s.right === true);
  const size = useElementSize(bodyRef, { width: 400, height: DEFAULT_PLOT_HEIGHT_PX });
  const width = size.width;
  const height =
    typeof props.height === 'number'
      ? props.height
      : props.height === 'fill' && size.height > 0
        ? size.height
        : DEFAULT_PLOT_HEIGHT_PX;
  const plotPx = Math.max(
    40,
    width - MARGIN.left - MARGIN.right - LEFT_AXIS_PX - (hasRight ? RIGHT_AXIS_PX : 0),
  );
  // Derived once per snapshot and width, so the memoised plot re-renders only for new data.
  const layout = useMemo(() => {
    const { first, last } = timeSpan(points, windowMs);
    const axis = timeTicks(first, last, Math.max(2, Math.floor(plotPx / TICK_SPACING_PX)));
    // Markers keep their run-wide numbers (as in the list under the charts) while on screen.
    const visibleMarkers = markers
      .map((m, i) => ({ m, n: i + 1 }))
      .filter(({ m }) => inSpan(m, first, last));
    const span = Math.max(last - first, 1);
    const badges = layoutMarkerBadges(
      visibleMarkers.map(({ m }) => ((m.tMs - first) / span) * plotPx),
      visibleMarkers[0]?.n ?? 1,
    );
    const badgeByFirst = new Map(badges.map((b) => [b.from, b]));
    return { first, last, axis, visibleMarkers, badgeByFirst };
  }, [points, markers, windowMs, plotPx]);
  const { first, last, axis, visibleMarkers, badgeByFirst } = layout;
  // The sentence is of the run's latest windows, even while the drawing waits for its turn or
  // the chart is off screen: a screen reader can read a chart nobody has scrolled to.
  const summary = useMemo(() => summarize(props.points), [summarize, props.points]);
  // Counted over the latest windows too, not the drawing: the name must not lag the run.
  const latestMarkerCount = useMemo(() => {
    const { first: from, last: to } = timeSpan(props.points, windowMs);
    return props.markers.filter((m) => inSpan(m, from, to)).length;
  }, [props.points, props.markers, windowMs]);
  const name = `${props.title}. ${summary}${
    latestMarkerCount > 0
      ? ` ${latestMarkerCount} event marker${latestMarkerCount === 1 ? '' : 's'}, numbered as in the event list.`
      : ''
  }`;
  return (
    <figure className="ts-chart" aria-labelledby={`${props.id}-title`}>
      <figcaption className="ts-chart-head">
        <span className="ts-chart-title" id={`${props.id}-title`}>
          {props.title}
        </span>
        <ul className="ts-legend">
          {props.series.map((s) =>
            !series.includes(s) ? (
              <li key={s.key} className="ts-legend-reserved" aria-hidden="true">
                <LegendSwatch color={s.color} dashed={s.dashed === true} />
                {s.name}
              </li>
            ) : (
              <li key={s.key} data-color={s.color} data-dashed={s.dashed === true ? '1' : '0'}>
                <LegendSwatch color={s.color} dashed={s.dashed === true} />
                {s.name}
              </li>
            ),
          )}
        </ul>
      </figcaption>
      <div
        ref={bodyRef}
        className="ts-chart-body"
        role="img"
        tabIndex={0}
        aria-label={name}
        data-testid={`chart-${props.id}`}
        data-points={points.length}
        data-markers={visibleMarkers.length}
        style={typeof props.height === 'number' ? { minHeight: props.height } : undefined}
      >
        {points.length === 0 ? (
          <p className="ts-chart-empty">
            {/* A chart that has not drawn yet while the run has data is about to (it was off
                screen): saying "when the run starts" then would be untrue. */}
            {props.points.length === 0
              ? 'Charts appear when the run starts.'
              : 'Drawing the chart…'}
          </p>
        ) : (
          <TimeSeriesPlot
            points={points}
            series={series}
            visibleMarkers={visibleMarkers}
            badgeByFirst={badgeByFirst}
            first={first}
            last={last}
            axis={axis}
            hasRight={hasRight}
            formatY={props.formatY}
            formatRight={props.formatRight}
            yDomain={props.yDomain}
            width={width}
            height={height}
          />
        )}
      </div>
    </figure>
  );
}

/**
 * Memoised: a chart re-renders only when its points, markers or labels change, and then draws
 * them when its turn comes (at most a few times per second, and only while on screen).
 */
export const TimeSeriesChart = memo(TimeSeriesChartImpl);

/**
 * The events marked on the charts above it, numbered as their badges: when, and what changed.
 * One list serves every chart fed the same markers.
 */
export function MarkerList(props: { readonly markers: readonly Marker[] }) {
  if (props.markers.length === 0) return null;
  return (
    <ol className="ts-marker-list" aria-label="Events marked on the charts">
      {props.markers.map((m, i) => (
        <li
          key={i}
          className={`ts-marker-${m.kind}`}
          data-marker-note={`${i + 1}. ${formatSimTime(m.tMs)} ${m.label}`}
        >
          <span className="ts-marker-n" aria-hidden="true">
            {i + 1}
          </span>
          <span className="visually-hidden">Marker {i + 1}: </span>
          <span className="ts-marker-time">{formatSimTime(m.tMs)}</span> {m.label}
        </li>
      ))}
    </ol>
  );
}
