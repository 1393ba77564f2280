/**
 * The "Why cache?" latency curve (Recharts), its own module so the page paints its numbers first
 * and Recharts loads after.
 */
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceDot,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatMs, formatNumber } from '../../ui/format';
import type { latencyCurve } from './why-cache-math';

export function WhyCacheChart(props: {
  readonly curve: ReturnType<typeof latencyCurve>;
  /** The reader's hit ratio in percent and its average latency, marked on the line. */
  readonly hitPct: number;
  readonly avgLatencyMs: number;
}) {
  return (
    <ResponsiveContainer width="100%" height={280}>
      <LineChart data={props.curve} margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
        <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" />
        <XAxis
          dataKey="hitPct"
          type="number"
          domain={[0, 100]}
          tickFormatter={(v: number) => `${v}%`}
          stroke="var(--muted)"
          label={{
            value: 'Hit ratio',
            position: 'insideBottom',
            offset: -12,
            fill: 'var(--muted)',
          }}
        />
        <YAxis
          stroke="var(--muted)"
          tickFormatter={(v: number) => formatNumber(v, 1)}
          width={56}
          label={{ value: 'ms', angle: -90, position: 'insideLeft', fill: 'var(--muted)' }}
        />
        <Tooltip
          formatter={(v) => (typeof v === 'number' ? formatMs(v) : String(v))}
          labelFormatter={(v) => `Hit ratio ${formatNumber(Number(v), 1)}%`}
          contentStyle={{
            background: 'var(--surface)',
            border: '1px solid var(--border)',
            color: 'var(--text)',
          }}
        />
        <Legend position="top" height={28} />
        <Line
          name="With cache"
          dataKey="withCache"
          stroke="var(--c-hit)"
          strokeWidth={2.5}
          dot={false}
          isAnimationActive={false}
        />
        <Line
          name="No cache"
          dataKey="withoutCache"
          stroke="var(--c-miss)"
          strokeWidth={2}
          strokeDasharray="6 4"
          dot={false}
          isAnimationActive={false}
        />
        <ReferenceDot
          x={props.hitPct}
          y={props.avgLatencyMs}
          r={6}
          fill="var(--c-hit)"
          stroke="var(--surface)"
        />
      </LineChart>
    </ResponsiveContainer>
  );
}
