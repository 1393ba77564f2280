import { useRef } from 'react';
import { timeTicks } from './format-time';
import { useElementWidth } from './use-element-width';

export interface MiniSeries {
  readonly label: string;
  /** A CSS colour, e.g. 'var(--c-hit)'. */
  readonly color: string;
  /** SVG stroke-dasharray; each series also differs by dash so colour is never the only cue. */
  readonly dash?: string;
  /** One value per window, window i starting at i * windowMs; NaN leaves a gap. */
  readonly values: readonly number[];
}

export interface MiniSeriesChartProps {
  /** Accessible description of what the chart shows (it is exposed as an image). */
  readonly label: string;
  readonly series: readonly MiniSeries[];
  readonly durationMs: number;
  readonly windowMs: number;
  /** A vertical line at this simulated time (a shared clock), or null. */
  readonly cursorMs?: number | null;
  readonly formatY: (v: number) => string;
  /** Fixed y maximum (e.g. 1 for ratios); otherwise the data's maximum. */
  readonly yMax?: number;
  readonly height?: number;
  readonly testId?: string;
}

const PAD = { top: 8, right: 10, bottom: 22, left: 52 };

/**
 * A small dependency-free SVG line chart for bounded metric series (a few hundred points per
 * line). Several lines share one time axis, so charts stacked on the same `durationMs` align.
 */
export function MiniSeriesChart(props: MiniSeriesChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const width = useElementWidth(ref, 320);

  const height = props.height ?? 150;
  const innerW = Math.max(10, width - PAD.left - PAD.right);
  const innerH = height - PAD.top - PAD.bottom;
  let max = props.yMax ?? 0;
  if (props.yMax === undefined) {
    for (const s of props.series)
      for (const v of s.values) if (Number.isFinite(v) && v > max) max = v;
    if (max <= 0) max = 1;
  }
  const x = (tMs: number) =>
    PAD.left + (Math.min(tMs, props.durationMs) / props.durationMs) * innerW;
  const y = (v: number) => PAD.top + innerH - (Math.max(0, Math.min(v, max)) / max) * innerH;
  const path = (values: readonly number[]) => {
    let d = '';
    let pen = false;
    values.forEach((v, i) => {
      if (!Number.isFinite(v)) {
        pen = false;
        return;
      }
      // Plot each window at its end, so the line reaches the shared clock.
      d += `${pen ? 'L' : 'M'}${x((i + 1) * props.windowMs).toFixed(1)},${y(v).toFixed(1)}`;
      pen = true;
    });
    return d;
  };
  // Round, distinct time labels (never "1 s, 1 s" on a short run), spaced for the width.
  const axis = timeTicks(0, props.durationMs, Math.max(2, Math.min(6, Math.floor(innerW / 70))));
  const yTicks = [0, 0.5, 1].map((f) => ({ v: max * f }));

  return (
    // One Tab stop, named by its summary; the SVG inside is drawing only.
    <div
      ref={ref}
      className="mini-chart"
      data-testid={props.testId}
      role="img"
      tabIndex={0}
      aria-label={props.label}
    >
      <svg width={width} height={height} aria-hidden="true" focusable="false">
        {yTicks.map((t) => (
          <g key={t.v}>
            <line
              x1={PAD.left}
              x2={PAD.left + innerW}
              y1={y(t.v)}
              y2={y(t.v)}
              stroke="var(--grid)"
              strokeWidth={1}
            />
            <text x={PAD.left - 6} y={y(t.v) + 4} textAnchor="end" className="mini-chart-tick">
              {props.formatY(t.v)}
            </text>
          </g>
        ))}
        {axis.ticks.map((tMs) => (
          <text
            key={tMs}
            x={x(tMs)}
            y={height - 6}
            textAnchor={tMs === 0 ? 'start' : tMs >= props.durationMs ? 'end' : 'middle'}
            className="mini-chart-tick"
          >
            {axis.format(tMs)}
          </text>
        ))}
        {props.series.map((s) => (
          <path
            key={s.label}
            d={path(s.values)}
            fill="none"
            stroke={s.color}
            strokeWidth={2}
            strokeDasharray={s.dash}
            strokeLinejoin="round"
          />
        ))}
        {props.cursorMs != null && props.cursorMs > 0 ? (
          <line
            x1={x(props.cursorMs)}
            x2={x(props.cursorMs)}
            y1={PAD.top}
            y2={PAD.top + innerH}
            stroke="var(--muted)"
            strokeDasharray="2 3"
          />
        ) : null}
      </svg>
    </div>
  );
}
