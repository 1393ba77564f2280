/**
 * A lean live line chart over simulated time (Recharts), shared by the playground, compare lanes
 * and embeds. Lean by design (TOOLCHAIN.md): no dots, no animation, at most ~300 points, string
 * data keys, a plain HTML legend. Knob changes and faults are drawn as vertical lines with numbered
 * badges that never overlap (see marker-layout.ts), explained by a {@link MarkerList}.
 *
 * For keyboard and screen-reader users each chart is one Tab stop, an image named by its title
 * and a sentence of its latest values; Recharts' own keyboard layer is off, so no inner SVG part
 * takes focus.
 *
 * Until the chart has data it shows an empty state in the same box, and the Recharts plot
 * (time-series-plot.tsx) is loaded only then, so a page's first paint never waits for Recharts.
 */
import { lazy, memo, Suspense, useEffect, useMemo, useRef } from 'react';
import type { Marker } from '../sim/engine/engine-types';
import { formatSimTime, timeTicks } from './format-time';
import { layoutMarkerBadges } from './marker-layout';
import { useElementWidth } from './use-element-width';
import type { MetricPoint } from './metric-points';
import { LEFT_AXIS_PX, MARGIN, RIGHT_AXIS_PX } from './time-series-layout';
import { useStaggeredValue } from './use-staggered-value';

/**
 * Recharts (the largest part of the app's JavaScript) loads with the first chart that has data to
 * draw, never as part of a page's first paint.
 */
const TimeSeriesPlot = lazy(() =>
  import('./time-series-plot').then((m) => ({ default: m.TimeSeriesPlot })),
);

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
   * Not drawn and not announced, but its legend entry keeps its room (invisible), so the legend
   * does not reflow and push the chart down when the series appears later (e.g. a theory line).
   */
  readonly reserved?: boolean;
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
  /** One sentence for screen readers with the latest values. */
  readonly summary: string;
  /** Pixels, or `fill` to take the height the stylesheet gives the chart body. */
  readonly height?: number | 'fill';
  /**
   * Position among charts fed the same data: chart n applies new data n x 40 ms later, so a
   * dashboard of charts spreads its re-renders over several frames.
   */
  readonly staggerSlot?: number;
}

/** Delay between staggered charts; five charts fit inside one 200 ms worker frame. */
const STAGGER_MS = 40;

/** Room each time-axis label needs, so ticks never crowd. */
const TICK_SPACING_PX = 64;
/**
 * Chromium puts Recharts' bare `<g>` layer groups in the Tab order; an explicit `tabindex="-1"`
 * takes them out, so the chart stays one Tab stop. Layers appear as the chart renders, hence the
 * observer.
 */
function useUnfocusableLayers(ref: React.RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof MutationObserver === 'undefined') return;
    const mark = () => {
      for (const g of el.querySelectorAll('svg g:not([tabindex])'))
        g.setAttribute('tabindex', '-1');
    };
    mark();
    const observer = new MutationObserver(mark);
    observer.observe(el, { childList: true, subtree: true });
    return () => {
      observer.disconnect();
    };
  }, [ref]);
}

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
  const { windowMs } = props;
  const series = useMemo(() => props.series.filter((s) => s.reserved !== true), [props.series]);
  const delay = (props.staggerSlot ?? 0) * STAGGER_MS;
  const points = useStaggeredValue(props.points, delay);
  const markers = useStaggeredValue(props.markers, delay);
  const first = points[0]?.tMs ?? 0;
  const last = (points.at(-1)?.tMs ?? 0) + windowMs;
  const hasRight = series.some((s) => s.right === true);
  const bodyRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(bodyRef, 400);
  useUnfocusableLayers(bodyRef);
  const plotPx = Math.max(
    40,
    width - MARGIN.left - MARGIN.right - LEFT_AXIS_PX - (hasRight ? RIGHT_AXIS_PX : 0),
  );
  const axis = timeTicks(first, last, Math.max(2, Math.floor(plotPx / TICK_SPACING_PX)));
  // Markers keep their run-wide numbers (as in the list under the charts) while on screen.
  const visibleMarkers = markers
    .map((m, i) => ({ m, n: i + 1 }))
    .filter(({ m }) => m.tMs >= first && m.tMs <= last);
  const span = Math.max(last - first, 1);
  const badges = layoutMarkerBadges(
    visibleMarkers.map(({ m }) => ((m.tMs - first) / span) * plotPx),
    visibleMarkers[0]?.n ?? 1,
  );
  const badgeByFirst = new Map(badges.map((b) => [b.from, b]));
  const name = `${props.title}. ${props.summary}${
    visibleMarkers.length > 0
      ? ` ${visibleMarkers.length} event marker${visibleMarkers.length === 1 ? '' : 's'}, numbered as in the event list.`
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
            s.reserved === true ? (
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
          <p className="ts-chart-empty">Charts appear when the run starts.</p>
        ) : (
          <Suspense fallback={<p className="ts-chart-empty">Drawing the chart…</p>}>
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
              height={props.height}
            />
          </Suspense>
        )}
      </div>
    </figure>
  );
}

/** Memoised: a chart re-renders only when its points, markers or labels change. */
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
