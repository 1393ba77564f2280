/**
 * The reuse-distance histogram: for each request, how many distinct keys were used since the
 * previous request for the same key (its LRU stack distance), binned by powers of two, plus the
 * first uses of keys (cold misses). A request at distance d hits in every LRU cache of at least d
 * keys, so the bars are the LRU curve's steps. A text summary carries the numbers for screen
 * readers; the figure's data attributes let tests read what was drawn.
 */
import { memo, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { ReuseBin, ReuseHistogram } from '../../sim/trace/reuse-histogram';
import { formatCount, formatPct } from '../../ui/format';
import { TRACE_CHART_MARGIN, TracePlot } from './curve-chart';

/** "1", "2-3", "4-7", ... (with an en dash). */
export function binLabel(bin: ReuseBin): string {
  return bin.from === bin.to
    ? formatCount(bin.from)
    : `${formatCount(bin.from)}–${formatCount(bin.to)}`;
}

const COLD_LABEL = 'first use';

/** The histogram in words, with the numbers the chart shows. */
export function reuseSummary(h: ReuseHistogram): string {
  if (h.requests === 0) return 'The trace is empty.';
  const cold = `${formatCount(h.coldMisses)} of ${formatCount(h.requests)} requests (${formatPct(h.coldMisses / h.requests)}) were the first use of their key: cold misses, a miss at every cache size.`;
  if (h.medianDistance === null) return `${cold} No key was used twice.`;
  const top = h.bins.reduce((a, b) => (b.count > a.count ? b : a));
  const last = h.bins[h.bins.length - 1];
  return (
    `${cold} Half of the other requests came within ${formatCount(h.medianDistance)} distinct ` +
    `keys of the previous use of the same key (an LRU cache of that many keys hits them); ` +
    `the most common distance is ${binLabel(top)} keys (${formatPct(top.count / h.requests)} of requests)` +
    (last ? `, the largest ${binLabel(last)}.` : '.')
  );
}

export const ReuseChart = memo(function ReuseChart(props: { readonly histogram: ReuseHistogram }) {
  const h = props.histogram;
  const data = useMemo(() => {
    const n = Math.max(1, h.requests);
    return [
      ...h.bins.map((b) => ({ label: binLabel(b), reuse: b.count / n, cold: 0 })),
      { label: COLD_LABEL, reuse: 0, cold: h.coldMisses / n },
    ];
  }, [h]);
  return (
    <figure
      className="trace-curve"
      data-testid="reuse-histogram"
      data-bins={h.bins.map((b) => `${b.from}-${b.to}:${b.count}`).join(',')}
      data-cold={h.coldMisses}
    >
      <p className="field-hint" aria-hidden="true">
        Share of requests (up) by reuse distance in distinct keys (across, bins doubling in width);
        the last bar is first uses.
      </p>
      <TracePlot height={240}>
        <BarChart accessibilityLayer={false} data={data} margin={TRACE_CHART_MARGIN}>
          <CartesianGrid stroke="var(--grid)" vertical={false} />
          <XAxis dataKey="label" stroke="var(--muted)" interval="preserveStartEnd" />
          <YAxis tickFormatter={(v: number) => formatPct(v, 0)} stroke="var(--muted)" width={52} />
          <Tooltip
            formatter={(v) => (typeof v === 'number' ? formatPct(v) : String(v))}
            labelFormatter={(v) =>
              v === COLD_LABEL ? 'first use (cold miss)' : `${typeof v === 'string' ? v : ''} keys`
            }
          />
          <Bar
            dataKey="reuse"
            name="reused"
            stackId="share"
            fill="var(--c-hit)"
            isAnimationActive={false}
          />
          <Bar
            dataKey="cold"
            name="first use"
            stackId="share"
            fill="var(--c-miss)"
            isAnimationActive={false}
          />
        </BarChart>
      </TracePlot>
      <figcaption className="field-hint" data-testid="reuse-summary">
        {reuseSummary(h)}
      </figcaption>
    </figure>
  );
});
