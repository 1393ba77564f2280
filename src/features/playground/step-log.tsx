import { useAppStore } from '../../store/app-store';
import { formatSimTime } from '../../ui/format-time';

/** What the last steps did, event by event, in the engine's own words. */
export function StepLog() {
  const log = useAppStore((s) => s.playground.stepLog);
  if (log.length === 0) return null;
  return (
    <section className="step-log" aria-labelledby="step-log-title">
      <h2 id="step-log-title">Steps</h2>
      <ol className="step-list" data-testid="step-log">
        {log
          .slice()
          .reverse()
          .map((e) => (
            <li key={e.seq} className={e.outcome ? `step-o-${e.outcome}` : undefined}>
              <span className="step-time">{formatSimTime(e.tMs)}</span>
              <code className="step-type">{e.type}</code>
              <span className="step-lanes">
                {e.actor}
                {e.to ? ` → ${e.to}` : ''}
              </span>
              {e.detail ? <span className="step-detail">{e.detail}</span> : null}
            </li>
          ))}
      </ol>
    </section>
  );
}
