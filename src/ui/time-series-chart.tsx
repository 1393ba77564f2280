/**
 * A lean live line chart over simulated time (Recharts), shared by the playground, compare lanes
 * and embeds. Lean by design (TOOLCHAIN.md): no dots, no animation, at most ~300 points, string
 * data keys, a plain HTML legend. Knob changes and faults are drawn as labelled vertical lines.
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
import { formatClock } from './format-time';
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
  readonly height?: number;
  /**
   * Position among charts fed the same data: chart n applies new data n x 40 ms later, so a
   * dashboard of charts spreads its re-renders over several frames.
   */
  readonly staggerSlot?: number;
}

/** Delay between staggered charts; five charts fit inside one 200 ms worker frame. */
const STAGGER_MS = 40;

const MARGIN = { top: 14, right: 12, bottom: 4, left: 0 };
const TOOLTIP_STYLE = {
  background: 'var(--surface)',
  border: '1px solid var(--border)',
  color: 'var(--text)',
  fontSize: '0.85rem',
};

function markerColor(m: Marker): string {
  return m.kind === 'fault' ? 'var(--c-error)' : 'var(--accent)';
}

/** Marker labels are engine text like `cache.ttlMs=1000`; keep the chart legible. */
function shortLabel(label: string): string {
  return label.length > 22 ? `${label.slice(0, 21)}…` : label;
}

function TimeSeriesChartImpl(props: TimeSeriesChartProps) {
  const { series, windowMs } = props;
  const delay = (props.staggerSlot ?? 0) * STAGGER_MS;
  const points = useStaggeredValue(props.points, delay);
  const markers = useStaggeredValue(props.markers, delay);
  const first = points[0]?.tMs ?? 0;
  const last = (points.at(-1)?.tMs ?? 0) + windowMs;
  const hasRight = series.some((s) => s.right === true);
  const visibleMarkers = markers.filter((m) => m.tMs >= first && m.tMs <= last);
  return (
    <figure className="ts-chart" aria-labelledby={`${props.id}-title`}>
      <figcaption className="ts-chart-head">
        <span className="ts-chart-title" id={`${props.id}-title`}>
          {props.title}
        </span>
        <ul className="ts-legend">
          {series.map((s) => (
            <li key={s.key}>
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
        className="ts-chart-body"
        role="img"
        aria-label={props.summary}
        data-testid={`chart-${props.id}`}
        data-points={points.length}
        data-markers={visibleMarkers.length}
      >
        <ResponsiveContainer width="100%" height={props.height ?? 190}>
          <LineChart data={points} margin={MARGIN}>
            <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="tMs"
              type="number"
              domain={[first, last]}
              allowDataOverflow
              tickFormatter={(v: number) => formatClock(v)}
              stroke="var(--muted)"
              fontSize={12}
              minTickGap={24}
            />
            <YAxis
              yAxisId="left"
              stroke="var(--muted)"
              fontSize={12}
              width={52}
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
                width={40}
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
            {visibleMarkers.map((m, i) => (
              <ReferenceLine
                key={`${m.tMs}-${i}`}
                yAxisId="left"
                x={m.tMs}
                stroke={markerColor(m)}
                strokeDasharray="2 3"
                label={{
                  value: shortLabel(m.label),
                  position: 'insideTopLeft',
                  fill: markerColor(m),
                  fontSize: 11,
                }}
              />
            ))}
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
