/**
 * The drawing half of {@link TimeSeriesChart}: axes, grid, lines, marker lines with badges, and a
 * hover read-out, as plain SVG. A live chart redraws a few times per second while a run plays;
 * Recharts took tens of milliseconds per redraw on a slow phone (its internal store dispatches and
 * selectors run on every update), so this plot is hand-drawn and costs a few React elements
 * per line instead. Bounded input (at most MAX_CHART_POINTS points per series) keeps the paths short.
 */
import { memo, useId, useState, type PointerEvent } from 'react';
import type { Marker } from '../sim/engine/engine-types';
import { formatClock, type TimeTicks } from './format-time';
import type { MarkerBadge } from './marker-layout';
import type { MetricPoint } from './metric-points';
import { linePath, maxOf, nearestIndex, niceTicks } from './plot-scale';
import type { SeriesSpec } from './time-series-chart';
import { LEFT_AXIS_PX, MARGIN, RIGHT_AXIS_PX, X_AXIS_PX } from './time-series-layout';

/** Length of an axis tick mark, px. */
const TICK_PX = 6;
const FONT_PX = 12;

function markerColor(m: Marker): string {
  return m.kind === 'fault' ? 'var(--c-error)' : 'var(--accent)';
}

export interface TimeSeriesPlotProps {
  readonly points: readonly MetricPoint[];
  readonly series: readonly SeriesSpec[];
  /** Markers on screen with their run-wide numbers. */
  readonly visibleMarkers: readonly { readonly m: Marker; readonly n: number }[];
  /** Badge of each marker that starts a badge group, by the marker's number. */
  readonly badgeByFirst: ReadonlyMap<number, MarkerBadge>;
  readonly first: number;
  readonly last: number;
  readonly axis: TimeTicks;
  readonly hasRight: boolean;
  readonly formatY: (v: number) => string;
  readonly formatRight: ((v: number) => string) | undefined;
  readonly yDomain: readonly [number, number] | undefined;
  /** Size of the SVG, px. */
  readonly width: number;
  readonly height: number;
}

interface Frame {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  readonly x: (tMs: number) => number;
}

function frameOf(props: TimeSeriesPlotProps): Frame {
  const left = MARGIN.left + LEFT_AXIS_PX;
  const right = Math.max(
    left + 10,
    props.width - MARGIN.right - (props.hasRight ? RIGHT_AXIS_PX : 0),
  );
  const top = MARGIN.top;
  const bottom = Math.max(top + 10, props.height - MARGIN.bottom - X_AXIS_PX);
  const span = Math.max(props.last - props.first, 1);
  return {
    left,
    right,
    top,
    bottom,
    x: (tMs) => left + ((tMs - props.first) / span) * (right - left),
  };
}

/** A value axis: its ticks and the y of a value on it. */
function valueAxis(
  frame: Frame,
  max: number,
  domain: readonly [number, number] | undefined,
): { readonly ticks: readonly number[]; readonly y: (v: number) => number } {
  const lo = domain?.[0] ?? 0;
  const nice = domain ? niceTicks(domain[1] - domain[0], 3) : niceTicks(max);
  const hi = domain?.[1] ?? nice.max;
  const ticks = domain ? nice.ticks.map((t) => t + lo) : nice.ticks;
  const h = frame.bottom - frame.top;
  return { ticks, y: (v) => frame.bottom - ((v - lo) / (hi - lo || 1)) * h };
}

/** A value axis drawn at x = `at`: its line, tick marks and labels, outside the plot. */
function AxisOfValues(props: {
  readonly side: 'left' | 'right';
  readonly at: number;
  readonly frame: Frame;
  readonly axis: ReturnType<typeof valueAxis>;
  readonly format: (v: number) => string;
}) {
  const { at, frame, axis } = props;
  const out = props.side === 'left' ? -1 : 1;
  return (
    <g className={`ts-axis ts-y-axis-${props.side}`} stroke="var(--muted)">
      <line x1={at} x2={at} y1={frame.top} y2={frame.bottom} />
      {axis.ticks.map((t) => (
        <g key={t}>
          <line x1={at} x2={at + out * TICK_PX} y1={axis.y(t)} y2={axis.y(t)} />
          <text
            x={at + out * (TICK_PX + 2)}
            y={axis.y(t)}
            dy="0.355em"
            textAnchor={props.side === 'left' ? 'end' : 'start'}
            fill="var(--muted)"
            stroke="none"
            fontSize={FONT_PX}
          >
            {props.format(t)}
          </text>
        </g>
      ))}
    </g>
  );
}

/** The static drawing: redrawn only for new data, a new size or new labels. */
const PlotDrawing = memo(function PlotDrawing(props: TimeSeriesPlotProps) {
  const clipId = useId();
  const frame = frameOf(props);
  const { left, right, top, bottom, x } = frame;
  const leftSeries = props.series.filter((s) => s.right !== true);
  const rightSeries = props.series.filter((s) => s.right === true);
  const leftAxis = valueAxis(
    frame,
    Math.max(...leftSeries.map((s) => maxOf(props.points, (p) => p[s.key]))),
    props.yDomain,
  );
  const rightAxis = props.hasRight
    ? valueAxis(
        frame,
        Math.max(...rightSeries.map((s) => maxOf(props.points, (p) => p[s.key]))),
        undefined,
      )
    : null;
  const xs = props.points.map((p) => x(p.tMs));
  const formatRight = props.formatRight ?? props.formatY;
  return (
    <>
      <defs>
        <clipPath id={clipId}>
          <rect x={left} y={top - 1} width={right - left} height={bottom - top + 2} />
        </clipPath>
      </defs>
      <g className="ts-grid" stroke="var(--grid)" strokeDasharray="3 3">
        {leftAxis.ticks.map((t) => (
          <line key={t} x1={left} x2={right} y1={leftAxis.y(t)} y2={leftAxis.y(t)} />
        ))}
      </g>
      <g className="ts-axis ts-x-axis" stroke="var(--muted)">
        <line x1={left} x2={right} y1={bottom} y2={bottom} />
        {props.axis.ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={bottom} y2={bottom + TICK_PX} />
            <text
              className="ts-x-tick"
              x={x(t)}
              y={bottom + TICK_PX + FONT_PX}
              textAnchor="middle"
              fill="var(--muted)"
              stroke="none"
              fontSize={FONT_PX}
            >
              {props.axis.format(t)}
            </text>
          </g>
        ))}
      </g>
      <AxisOfValues side="left" at={left} frame={frame} axis={leftAxis} format={props.formatY} />
      {rightAxis ? (
        <AxisOfValues side="right" at={right} frame={frame} axis={rightAxis} format={formatRight} />
      ) : null}
      <g className="ts-lines" clipPath={`url(#${clipId})`} fill="none">
        {props.series.map((s) => {
          const axis = s.right === true && rightAxis ? rightAxis : leftAxis;
          return (
            <path
              key={s.key}
              className="ts-line"
              data-series={s.key}
              d={linePath(
                xs,
                props.points.map((p) => p[s.key]),
                axis.y,
              )}
              stroke={s.color}
              strokeWidth={s.dashed === true ? 1.75 : 2.25}
              strokeDasharray={s.dashed === true ? '6 4' : undefined}
              strokeLinejoin="round"
            />
          );
        })}
      </g>
      {props.visibleMarkers.map(({ m, n }) => {
        const badge = props.badgeByFirst.get(n);
        const mx = x(m.tMs);
        const color = markerColor(m);
        return (
          <g key={n} className="ts-marker">
            <line x1={mx} x2={mx} y1={top} y2={bottom} stroke={color} strokeDasharray="2 3" />
            {badge === undefined ? null : (
              <g className="ts-marker-badge">
                <rect x={mx} y={1} width={badge.width} height={15} rx={3} fill={color} />
                <text
                  x={mx + badge.width / 2}
                  y={12.5}
                  textAnchor="middle"
                  fontSize={11}
                  fontWeight={700}
                  fill="var(--surface)"
                >
                  {badge.text}
                </text>
              </g>
            )}
          </g>
        );
      })}
    </>
  );
});

/** The values at the point under the pointer, in a box beside the cursor line. */
function HoverReadout(props: {
  readonly plot: TimeSeriesPlotProps;
  readonly index: number;
  readonly frame: Frame;
}) {
  const { plot, index, frame } = props;
  const p = plot.points[index];
  if (!p) return null;
  const cx = frame.x(p.tMs);
  const formatRight = plot.formatRight ?? plot.formatY;
  // The box sits beside the cursor, on the side with more room.
  const onLeft = cx > (frame.left + frame.right) / 2;
  return (
    <div
      className="ts-tooltip"
      style={
        onLeft ? { right: plot.width - cx + 10, top: frame.top } : { left: cx + 10, top: frame.top }
      }
    >
      <p className="ts-tooltip-label">t = {formatClock(p.tMs)}</p>
      <ul>
        {plot.series.map((s) => {
          const v = p[s.key];
          return (
            <li key={s.key} style={{ color: s.color }}>
              {s.name} :{' '}
              {v === null ? 'no data' : (s.right === true ? formatRight : plot.formatY)(v)}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function TimeSeriesPlotImpl(props: TimeSeriesPlotProps) {
  const [hover, setHover] = useState<number | null>(null);
  const frame = frameOf(props);
  const hovered = hover === null ? undefined : props.points[hover];
  const hoverX = hovered === undefined ? null : frame.x(hovered.tMs);
  const onMove = (e: PointerEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - box.left;
    if (px < frame.left || px > frame.right || props.points.length === 0) {
      setHover(null);
      return;
    }
    const t =
      props.first + ((px - frame.left) / (frame.right - frame.left)) * (props.last - props.first);
    setHover(
      nearestIndex(
        props.points.map((p) => p.tMs),
        t,
      ),
    );
  };
  return (
    <div className="ts-plot" style={{ height: props.height }}>
      <svg
        className="ts-plot-svg"
        width={props.width}
        height={props.height}
        aria-hidden="true"
        focusable="false"
        onPointerMove={onMove}
        onPointerLeave={() => {
          setHover(null);
        }}
      >
        <PlotDrawing {...props} />
        {hoverX === null ? null : (
          <line
            className="ts-plot-cursor"
            x1={hoverX}
            x2={hoverX}
            y1={frame.top}
            y2={frame.bottom}
            stroke="var(--muted)"
          />
        )}
      </svg>
      {hover === null ? null : <HoverReadout plot={props} index={hover} frame={frame} />}
    </div>
  );
}

/**
 * Memoised: the plot redraws only for new data, a new size or new labels, never because the chart
 * around it re-rendered (its callers keep every prop referentially stable).
 */
export const TimeSeriesPlot = memo(TimeSeriesPlotImpl);
