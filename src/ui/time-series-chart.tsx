/**
 * A lean live line chart over simulated time (Recharts), shared by the playground, compare lanes
 * and embeds. Lean by design (TOOLCHAIN.md): no dots, no animation, at most ~300 points, string
 * data keys, a plain HTML legend. Knob changes and faults are drawn as vertical lines with numbered
 * badges that never overlap (see marker-layout.ts), explained by a {@link MarkerList}.
 *
 * For keyboard and screen-reader users each chart is one Tab stop, an image named by its title
 * and a sentence of its latest values; Recharts' own keyboard layer is off, so no inner SVG part
 * takes focus.
 */
import { memo, useEffect, useRef } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { Marker } from '../sim/engine/engine-types';
import { formatClock, formatSimTime, timeTicks } from './format-time';
import { layoutMarkerBadges, type MarkerBadge } from './marker-layout';
import { useElementWidth } from './use-element-width';
import type { MetricPoint } from './metric-points';
import { useStaggeredValue } from './use-staggered-value';

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

const MARGIN = { top: 18, right: 18, bottom: 4, left: 0 };
const LEFT_AXIS_PX = 52;
const RIGHT_AXIS_PX = 40;
/** Room each time-axis label needs, so ticks never crowd. */
const TICK_SPACING_PX = 64;
const TOOLTIP_STYLE = {
  background: 'var(--surface)',
  border: '1px solid var(--border)',
  color: 'var(--text)',
  fontSize: '0.85rem',
};

function markerColor(m: Marker): string {
  return m.kind === 'fault' ? 'var(--c-error)' : 'var(--accent)';
}

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

/** A numbered badge at the top of a marker line; `viewBox` is the line's box from Recharts. */
function BadgeLabel(props: {
  readonly viewBox?: { readonly x?: number; readonly y?: number };
  readonly badge: MarkerBadge;
  readonly color: string;
}) {
  const x = props.viewBox?.x ?? 0;
  const y = (props.viewBox?.y ?? MARGIN.top) - MARGIN.top + 1;
  return (
    <g className="ts-marker-badge">
      <rect x={x} y={y} width={props.badge.width} height={15} rx={3} fill={props.color} />
      <text
        x={x + props.badge.width / 2}
        y={y + 11.5}
        textAnchor="middle"
        fontSize={11}
        fontWeight={700}
        fill="var(--surface)"
      >
        {props.badge.text}
      </text>
    </g>
  );
}

function TimeSeriesChartImpl(props: TimeSeriesChartProps) {
  const { series, windowMs } = props;
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
          {series.map((s) => (
            <li key={s.key} data-color={s.color} data-dashed={s.dashed === true ? '1' : '0'}>
              <svg width="18" height="8" aria-hidden="true">
                <line
                  x1="0"
                  y1="4"
                  x2="18"
                  y2="4"
                  stroke={s.color}
                  strokeWidth="3"
                  strokeDasharray={s.dashed === true ? '4 3' : undefined}
                />
              </svg>
              {s.name}
            </li>
          ))}
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
      >
        <ResponsiveContainer
          width="100%"
          height={props.height === 'fill' ? '100%' : (props.height ?? 190)}
        >
          <LineChart data={points} margin={MARGIN} accessibilityLayer={false}>
            <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="tMs"
              type="number"
              domain={[first, last]}
              allowDataOverflow
              ticks={axis.ticks}
              interval={0}
              tickFormatter={axis.format}
              stroke="var(--muted)"
              fontSize={12}
            />
            <YAxis
              yAxisId="left"
              stroke="var(--muted)"
              fontSize={12}
              width={LEFT_AXIS_PX}
              tickFormatter={props.formatY}
              domain={props.yDomain ? [props.yDomain[0], props.yDomain[1]] : [0, 'auto']}
              allowDataOverflow={props.yDomain !== undefined}
            />
            {hasRight ? (
              <YAxis
                yAxisId="right"
                orientation="right"
                stroke="var(--muted)"
                fontSize={12}
                width={RIGHT_AXIS_PX}
                tickFormatter={props.formatRight ?? props.formatY}
                domain={[0, 'auto']}
              />
            ) : null}
            <Tooltip
              isAnimationActive={false}
              contentStyle={TOOLTIP_STYLE}
              labelFormatter={(v) => `t = ${formatClock(Number(v))}`}
              formatter={(v, name) => {
                const spec = series.find((s) => s.name === name);
                const fmt =
                  spec?.right === true ? (props.formatRight ?? props.formatY) : props.formatY;
                return typeof v === 'number' ? fmt(v) : String(v);
              }}
            />
            {visibleMarkers.map(({ m, n }) => {
              const badge = badgeByFirst.get(n);
              return (
                <ReferenceLine
                  key={n}
                  yAxisId="left"
                  x={m.tMs}
                  stroke={markerColor(m)}
                  strokeDasharray="2 3"
                  label={
                    badge === undefined ? (
                      false
                    ) : (
                      <BadgeLabel badge={badge} color={markerColor(m)} />
                    )
                  }
                />
              );
            })}
            {series.map((s) => (
              <Line
                key={s.key}
                yAxisId={s.right === true ? 'right' : 'left'}
                type="linear"
                dataKey={s.key}
                name={s.name}
                stroke={s.color}
                strokeWidth={s.dashed === true ? 1.75 : 2.25}
                strokeDasharray={s.dashed === true ? '6 4' : '0'}
                dot={false}
                activeDot={false}
                isAnimationActive={false}
                connectNulls={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
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
