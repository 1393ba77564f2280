/**
 * The Traces results: figures, the reuse-distance chart, the hit-ratio curve and the table. Its own
 * module, loaded when a run starts, so the page's first paint does not carry Recharts.
 */
import { useId, useState } from 'react';
import { downloadBlob } from '../../ui/chart-export';
import { formatCount, formatNumber, formatPct } from '../../ui/format';
import { CurveChart } from './curve-chart';
import { ReplayButton } from './replay-button';
import { ReuseSection } from './reuse-section';
import { SampleNote } from './sample-note';
import {
  bestPolicy,
  readingSentence,
  resultsCsv,
  rowsAtSize,
  tracePolicyLabel,
} from './traces-model';
import type { TraceResult } from './use-trace-worker';

export function Results(props: { readonly result: TraceResult }) {
  const { report, sizes, request, sourceName } = props.result;
  const ids = useId();
  const [chosen, setChosen] = useState<number | null>(null);
  const size =
    chosen !== null && sizes.includes(chosen) ? chosen : (sizes[Math.floor(sizes.length / 2)] ?? 1);
  const rows = rowsAtSize(report.results, size);
  const best = bestPolicy(rows);
  const t = report.trace;
  return (
    <section
      className="panel"
      aria-labelledby={`${ids}-res`}
      data-testid="trace-results"
      data-workers={props.result.workers}
    >
      <h2 id={`${ids}-res`}>Results: {sourceName}</h2>
      <dl className="trace-stats">
        <div>
          <dt>Requests</dt>
          <dd data-testid="stat-requests">{formatCount(t.requests)}</dd>
        </div>
        <div>
          <dt>Unique keys</dt>
          <dd data-testid="stat-unique">{formatCount(t.uniqueKeys)}</dd>
        </div>
        <div>
          <dt>One-hit wonders</dt>
          <dd data-testid="stat-one-hit">{formatCount(t.oneHitWonders)}</dd>
        </div>
        <div>
          <dt>Fitted Zipf alpha</dt>
          <dd data-testid="stat-alpha">
            {t.zipfAlpha === null ? 'n/a' : formatNumber(t.zipfAlpha)}
          </dd>
        </div>
      </dl>
      {t.sample ? <SampleNote sample={t.sample} /> : null}
      <ReuseSection histogram={props.result.reuse} />
      <p data-testid="trace-reading">{readingSentence(report.results, request.policies)}</p>
      <CurveChart results={report.results} policies={request.policies} sizes={sizes} />

      <div className="field">
        <label htmlFor={`${ids}-size`}>Table at cache size</label>
        <select
          id={`${ids}-size`}
          value={size}
          onChange={(e) => {
            setChosen(Number(e.target.value));
          }}
        >
          {sizes.map((s) => (
            <option key={s} value={s}>
              {formatCount(s)} keys
            </option>
          ))}
        </select>
      </div>
      <div className="trace-table-scroll">
        <table className="trace-table" data-testid="trace-table">
          <caption className="visually-hidden">Hits per policy at {formatCount(size)} keys</caption>
          <thead>
            <tr>
              <th scope="col">Policy</th>
              <th scope="col">Hit ratio</th>
              <th scope="col">Hits</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.policy} data-testid={`row-${r.policy}`}>
                <th scope="row">
                  {tracePolicyLabel(r.policy)}
                  {r.policy === best ? <span className="cell-tag"> best</span> : null}
                </th>
                <td>{formatPct(r.hitRatio)}</td>
                <td>{formatCount(r.hits)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="field-hint">
        “best” marks the one online policy with the most hits at this size; on a tie nothing is
        marked. opt is the ceiling no online policy can beat.
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button"
          onClick={() => {
            downloadBlob(
              new Blob([resultsCsv(report.results)], { type: 'text/csv;charset=utf-8' }),
              'trace-results.csv',
            );
          }}
        >
          Download results (CSV)
        </button>
      </div>
      <ReplayButton source={request.source} name={sourceName} requests={t.requests} />
    </section>
  );
}
