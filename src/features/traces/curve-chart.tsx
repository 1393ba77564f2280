/**
 * The miss-ratio curve drawn as hit ratio against cache size (log x axis), one line per policy,
 * `opt` dashed as the ceiling. A text summary beside it carries the same numbers for screen
 * readers; the figure's data attributes let tests read what was drawn.
 */
import { memo, useMemo, type ReactElement } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { AnyPolicyId } from '../../sim/cache/cache-types';
import type { PolicyRunResult } from '../../sim/trace/trace-runner';
import { formatCount, formatPct } from '../../ui/format';

const COLORS = [
  'var(--c-write)',
  'var(--c-miss)',
  'var(--c-hit)',
  'var(--c-stale)',
  'var(--c-error)',
  'var(--c-db)',
];
const DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 2', '10 4'];

export interface CurveChartProps {
  readonly results: readonly PolicyRunResult[];
  readonly policies: readonly AnyPolicyId[];
  readonly sizes: readonly number[];
}

/**
 * One sentence for the chart: what is drawn, and each policy's hit ratio at the middle size tried
 * (where policies differ most) and at the largest.
 */
export function curveSummary(props: CurveChartProps): string {
  const first = props.sizes[0];
  const mid = props.sizes[Math.floor(props.sizes.length / 2)];
  const last = props.sizes[props.sizes.length - 1];
  if (first === undefined || mid === undefined || last === undefined) return 'No sizes were tried.';
  const at = (p: AnyPolicyId, s: number) =>
    formatPct(props.results.find((r) => r.policy === p && r.size === s)?.hitRatio ?? 0);
  const parts = props.policies.map(
    (p) => `${p} ${at(p, mid)} at ${formatCount(mid)} and ${at(p, last)} at ${formatCount(last)}`,
  );
  return `Hit ratio against cache size in keys (log scale), ${props.sizes.length} sizes from ${formatCount(first)} to ${formatCount(last)}: ${parts.join('; ')}.`;
}

/** The margin of the Traces page's charts, in px. */
export const TRACE_CHART_MARGIN = { top: 8, right: 16, bottom: 4, left: 4 } as const;

/** A Traces chart's plot, full width, hidden from screen readers (the figcaption says it). */
export function TracePlot(props: { readonly height: number; readonly children: ReactElement }) {
  return (
    <div className="trace-curve-plot" aria-hidden="true">
      <ResponsiveContainer width="100%" height={props.height}>
        {props.children}
      </ResponsiveContainer>
    </div>
  );
}

export const CurveChart = memo(function CurveChart(props: CurveChartProps) {
  const data = useMemo(
    () =>
      props.sizes.map((size) => {
        const point: Record<string, number> = { size };
        for (const r of props.results) if (r.size === size) point[r.policy] = r.hitRatio;
        return point;
      }),
    [props.results, props.sizes],
  );
  const summary = curveSummary(props);
  let online = 0;
  return (
    <figure
      className="trace-curve"
      data-testid="trace-curve"
      data-sizes={props.sizes.join(',')}
      data-policies={props.policies.join(',')}
    >
      <p className="field-hint" aria-hidden="true">
        Hit ratio (up) against cache size in keys (across, log scale); opt, dashed grey, is the
        ceiling.
      </p>
      <TracePlot height={300}>
        <LineChart accessibilityLayer={false} data={data} margin={TRACE_CHART_MARGIN}>
          <CartesianGrid stroke="var(--grid)" />
          <XAxis
            dataKey="size"
            type="number"
            scale="log"
            domain={['dataMin', 'dataMax']}
            tickFormatter={(v: number) => formatCount(v)}
            stroke="var(--muted)"
          />
          <YAxis
            domain={[0, 1]}
            tickFormatter={(v: number) => formatPct(v, 0)}
            stroke="var(--muted)"
            width={52}
          />
          <Tooltip
            formatter={(v) => (typeof v === 'number' ? formatPct(v) : String(v))}
            labelFormatter={(v) => `${formatCount(Number(v))} keys`}
          />
          <Legend />
          {props.policies.map((p) => {
            const isOpt = p === 'opt';
            const i = isOpt ? 0 : online++;
            return (
              <Line
                key={p}
                dataKey={p}
                name={isOpt ? 'opt (ceiling)' : p}
                stroke={isOpt ? 'var(--c-theory)' : (COLORS[i % COLORS.length] ?? 'var(--text)')}
                strokeDasharray={isOpt ? '4 4' : (DASHES[i % DASHES.length] ?? '')}
                strokeWidth={2}
                dot={{ r: 2 }}
                isAnimationActive={false}
              />
            );
          })}
        </LineChart>
      </TracePlot>
      <figcaption className="field-hint" data-testid="trace-curve-summary">
        {summary}
      </figcaption>
    </figure>
  );
});
