import { useMemo } from 'react';
import { useAppStore } from '../../store/app-store';
import { summarizeRun } from './run-summary';

/** Shown once a run reaches its duration: what happened, in numbers and in words. */
export function RunSummaryPanel() {
  const finished = useAppStore((s) => s.playground.finished);
  const summary = useMemo(() => (finished ? summarizeRun(finished) : null), [finished]);
  if (!summary) return null;
  return (
    <section
      className="panel run-summary"
      aria-labelledby="summary-title"
      data-testid="run-summary"
    >
      <h2 id="summary-title">Run summary</h2>
      <div className="summary-grid">
        <div>
          <h3>What happened</h3>
          <ul className="summary-sentences">
            {summary.sentences.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </div>
        <table className="totals-table">
          <caption>Totals after the warm-up</caption>
          <tbody>
            {summary.rows.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                <td>{r.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
