/**
 * A loaded lab result: the real run drawn over the model's (Recharts), the totals side by side and
 * the differences beyond noise. Its own module so Recharts loads only once a file is imported.
 */
import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatCount, formatMs, formatNumber, formatPct } from '../../ui/format';
import { formatClock } from '../../ui/format-time';
import { LegendSwatch } from '../../ui/time-series-chart';
import { overlayRows, type LabFile, type OverlayMetric } from './lab-report';
// Its charts use the shared chart classes; Compare, unlike the Playground, does not load them.
import '../../ui/sim-ui.css';

const MODEL_COLOR = 'var(--accent)';
const REAL_COLOR = 'var(--c-miss)';

interface ChartSpec {
  readonly metric: OverlayMetric;
  readonly title: string;
  readonly format: (v: number) => string;
  readonly domain?: [number, number];
}

const CHARTS: readonly ChartSpec[] = [
  { metric: 'hitRatio', title: 'Hit ratio', format: (v) => formatPct(v, 0), domain: [0, 1] },
  { metric: 'dbReadsPerSec', title: 'DB reads per second', format: (v) => formatNumber(v, 0) },
  { metric: 'p99Ms', title: 'p99 latency (ms)', format: (v) => formatNumber(v, 1) },
];

function OverlayChart(props: {
  readonly file: LabFile;
  readonly windowMs: number;
  readonly spec: ChartSpec;
}) {
  const { spec } = props;
  const rows = overlayRows(props.file, props.windowMs, spec.metric);
  const last = rows.at(-1);
  const summary = `${spec.title}, model and real servers over ${rows.length} windows; last window: model ${last?.model == null ? 'no value' : spec.format(last.model)}, real ${last?.real == null ? 'no value' : spec.format(last.real)}.`;
  return (
    <figure className="ts-chart" aria-labelledby={`lab-${spec.metric}-title`}>
      <figcaption className="ts-chart-head">
        <span className="ts-chart-title" id={`lab-${spec.metric}-title`}>
          {spec.title}
        </span>
        <ul className="ts-legend">
          <li>
            <LegendSwatch color={MODEL_COLOR} dashed={false} />
            Model
          </li>
          <li>
            <LegendSwatch color={REAL_COLOR} dashed />
            Real servers
          </li>
        </ul>
      </figcaption>
      <div
        className="ts-chart-body"
        role="img"
        aria-label={summary}
        data-testid={`lab-chart-${spec.metric}`}
        data-points={rows.length}
      >
        <ResponsiveContainer width="100%" height={190}>
          <LineChart data={rows} margin={{ top: 14, right: 12, bottom: 4, left: 0 }}>
            <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="tMs"
              type="number"
              domain={['dataMin', 'dataMax']}
              tickFormatter={(v: number) => formatClock(v)}
              stroke="var(--muted)"
              fontSize={12}
              minTickGap={24}
            />
            <YAxis
              stroke="var(--muted)"
              fontSize={12}
              width={52}
              tickFormatter={spec.format}
              domain={spec.domain ?? [0, 'auto']}
            />
            <Tooltip
              isAnimationActive={false}
              labelFormatter={(v) => `t = ${formatClock(Number(v))}`}
              formatter={(v) => (typeof v === 'number' ? spec.format(v) : String(v))}
              contentStyle={{
                background: 'var(--surface)',
                border: '1px solid var(--border)',
                color: 'var(--text)',
                fontSize: '0.85rem',
              }}
            />
            <Line
              dataKey="model"
              name="Model"
              stroke={MODEL_COLOR}
              strokeWidth={2.25}
              dot={false}
              activeDot={false}
              isAnimationActive={false}
              connectNulls={false}
            />
            <Line
              dataKey="real"
              name="Real servers"
              stroke={REAL_COLOR}
              strokeWidth={1.75}
              strokeDasharray="6 4"
              dot={false}
              activeDot={false}
              isAnimationActive={false}
              connectNulls={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

const TOTAL_ROWS: readonly [string, (t: LabFile['model']['totals']) => string][] = [
  ['Requests', (t) => formatCount(t.requests)],
  ['Hit ratio', (t) => formatPct(t.hitRatio, 2)],
  ['Misses', (t) => formatCount(t.misses)],
  ['DB reads', (t) => formatCount(t.dbReads)],
  ['DB writes', (t) => formatCount(t.dbWrites)],
  ['Stale reads', (t) => formatCount(t.staleReads)],
  ['Errors', (t) => formatCount(t.errors)],
  ['Lock waits', (t) => formatCount(t.lockWaits)],
  ['Evictions', (t) => formatCount(t.evictions)],
  ['Expirations', (t) => formatCount(t.expirations)],
  ['Latency p50', (t) => formatMs(t.latencyMs.p50)],
  ['Latency p99', (t) => formatMs(t.latencyMs.p99)],
];

export function LabResult(props: {
  readonly file: LabFile;
  readonly windowMs: number;
  readonly name: string;
  readonly scenarioLine: string;
}) {
  const { file } = props;
  const s = file.real.setup;
  return (
    <div className="lab-result" data-testid="lab-result">
      <p className="lab-source">
        <strong>{props.name}</strong>: {props.scenarioLine}. Real run on Redis {s.redisVersion} (
        {s.policy}, maxmemory{' '}
        {s.maxmemory === 0 ? 'unlimited' : `${formatCount(s.maxmemory)} bytes`}) and PostgreSQL{' '}
        {s.postgresVersion}; that machine drove up to about {formatCount(s.maxRatePerSec)} requests
        per second.
      </p>
      <div className="charts-grid">
        {CHARTS.map((spec) => (
          <OverlayChart key={spec.metric} file={file} windowMs={props.windowMs} spec={spec} />
        ))}
      </div>
      <table className="lab-totals">
        <caption>Totals after the warm-up</caption>
        <thead>
          <tr>
            <th scope="col"></th>
            <th scope="col">Model</th>
            <th scope="col">Real servers</th>
          </tr>
        </thead>
        <tbody>
          {TOTAL_ROWS.map(([label, get]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{get(file.model.totals)}</td>
              <td>{get(file.real.totals)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="lab-diff-title">Differences beyond noise</h3>
      {file.differences.length === 0 ? (
        <p data-testid="lab-differences">
          None: every compared total is within its noise allowance.
        </p>
      ) : (
        <ul data-testid="lab-differences">
          {file.differences.map((d) => (
            <li key={d.metric}>
              {d.metric}: model {formatNumber(d.model, 3)}, real {formatNumber(d.real, 3)} (noise
              allows ±{formatNumber(d.allowed, 3)})
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
