import { useAppStore } from '../../store/app-store';
import { formatCount, formatMs, formatNumber, formatPct } from '../../ui/format';
import { windowRate } from '../../ui/metric-points';
import { runVerdict } from './verdict';

/**
 * The numbers that matter, big: the last window's hit ratio, DB reads per second and p99, and the
 * run's stale reads, lost writes, errors and refused SETs so far, with the verdict: the DB queue
 * and latency first, then the hit ratio against the rules of thumb.
 */
export function HeadlineStrip() {
  const last = useAppStore((s) => s.playground.lastWindow);
  const totals = useAppStore((s) => s.playground.totals);
  const warmupMs = useAppStore((s) => s.playground.scenario.warmupMs);
  // A flag, not the clock: the clock changes with every worker report, the flag once a run.
  const warmingUp = useAppStore((s) => s.playground.tMs < s.playground.scenario.warmupMs);
  const dbReadLatencyMs = useAppStore((s) => s.playground.scenario.db.readLatencyMs);

  const lastRatio = last && last.reads > 0 ? last.hits / last.reads : null;
  const counted = totals !== null && totals.reads > 0;
  const verdict = counted
    ? runVerdict({ totals, saturatedNow: last?.dbSaturated ?? false, dbReadLatencyMs })
    : null;

  return (
    <section className="headline" aria-labelledby="headline-title">
      <h2 id="headline-title" className="visually-hidden">
        Current numbers
      </h2>
      <dl className="headline-stats">
        <div className="stat stat-hit">
          <dt>Hit ratio, last window</dt>
          <dd data-testid="hl-hit-ratio">{lastRatio === null ? '—' : formatPct(lastRatio)}</dd>
        </div>
        <div className="stat">
          <dt>Hit ratio since warm-up</dt>
          <dd data-testid="hl-hit-ratio-total">{counted ? formatPct(totals.hitRatio) : '—'}</dd>
        </div>
        <div className="stat">
          <dt>DB reads per second</dt>
          <dd data-testid="hl-db-reads">
            {last ? formatNumber(windowRate(last.dbReads, last), 0) : '—'}
          </dd>
        </div>
        <div className="stat">
          <dt>Latency p99, last window</dt>
          <dd data-testid="hl-p99">
            {last && last.completed > 0 ? formatMs(last.latencyMs.p99) : '—'}
          </dd>
        </div>
        <div className="stat">
          <dt>Stale reads</dt>
          <dd data-testid="hl-stale">{totals ? formatCount(totals.staleReads) : '—'}</dd>
        </div>
        <div className="stat">
          <dt>Lost writes</dt>
          <dd data-testid="hl-lost-writes">{totals ? formatCount(totals.lostWrites) : '—'}</dd>
        </div>
        <div className="stat">
          <dt>Errors</dt>
          <dd data-testid="hl-errors">{totals ? formatCount(totals.errors) : '—'}</dd>
        </div>
        <div className="stat">
          <dt>Refused SETs (OOM)</dt>
          <dd data-testid="hl-oom">{totals ? formatCount(totals.oomErrors) : '—'}</dd>
        </div>
      </dl>
      <p className={`verdict verdict-${verdict?.level ?? 'none'}`} data-testid="verdict">
        {verdict ? (
          <>
            <strong>{verdict.title}.</strong> {verdict.advice}{' '}
            <span className="verdict-rule">{verdict.rule}</span>
          </>
        ) : warmingUp ? (
          <>
            <strong>Warming up.</strong> Totals and the verdict start after the {formatMs(warmupMs)}{' '}
            warm-up.
          </>
        ) : (
          <>
            <strong>No reads yet.</strong> The verdict appears once reads are counted.
          </>
        )}
      </p>
    </section>
  );
}
