/**
 * The Recharts half of {@link TimeSeriesChart}: axes, grid, lines, tooltip and marker lines. Its
 * own module, loaded lazily, so the Recharts bundle is fetched and parsed only once a chart has
 * data to draw, after the page's first paint.
 */
import { memo } from 'react';
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
import { formatClock, type TimeTicks } from './format-time';
import type { MarkerBadge } from './marker-layout';
import type { MetricPoint } from './metric-points';
import type { SeriesSpec } from './time-series-chart';
import { LEFT_AXIS_PX, MARGIN, RIGHT_AXIS_PX } from './time-series-layout';

const TOOLTIP_STYLE = {
  background: 'var(--surface)',
  border: '1px solid var(--border)',
  color: 'var(--text)',
  fontSize: '0.85rem',
};

function markerColor(m: Marker): string {
  return m.kind === 'fault' ? 'var(--c-error)' : 'var(--accent)';
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
  readonly height: number | 'fill' | undefined;
}

function TimeSeriesPlotImpl(props: TimeSeriesPlotProps) {
  const { points, series, visibleMarkers, badgeByFirst, first, last, axis, hasRight } = props;
  return (
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
            const fmt = spec?.right === true ? (props.formatRight ?? props.formatY) : props.formatY;
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
                badge === undefined ? false : <BadgeLabel badge={badge} color={markerColor(m)} />
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
  );
}

/**
 * Memoised: Recharts re-renders only for new data, a new size or new labels, never because the
 * chart around it re-rendered (its callers keep every prop referentially stable).
 */
export const TimeSeriesPlot = memo(TimeSeriesPlotImpl);
