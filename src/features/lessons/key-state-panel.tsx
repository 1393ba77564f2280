import type { Counts } from '../../sim/engine/engine-types';
import { formatCount, formatMs } from '../../ui/format';
import type { KeyState } from '../../content/lessons/lesson-types';

/** Freshness of a cached copy against the database's current version. */
export function freshness(state: KeyState): 'absent' | 'fresh' | 'stale' | 'ahead' {
  if (state.cache === null) return 'absent';
  if (state.cache.version === state.dbVersion) return 'fresh';
  return state.cache.version < state.dbVersion ? 'stale' : 'ahead';
}

const FRESHNESS_WORDS = {
  absent: 'not cached',
  fresh: 'fresh',
  stale: 'STALE: older than the DB',
  ahead: 'AHEAD of the DB (not flushed yet)',
} as const;

/** What the cache and the database hold for the lesson's keys after the current step. */
export function KeyStatePanel(props: { readonly keys: readonly KeyState[] }) {
  return (
    <section className="panel key-state" aria-labelledby="key-state-h">
      <h2 id="key-state-h">Cache and database now</h2>
      <table className="key-table">
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Cache</th>
            <th scope="col">TTL left</th>
            <th scope="col">DB</th>
          </tr>
        </thead>
        <tbody>
          {props.keys.map((s) => {
            const f = freshness(s);
            return (
              <tr key={s.key} data-testid={`key-row-${s.key}`} className={`fresh-${f}`}>
                <th scope="row">k{s.key}</th>
                <td data-testid={`cache-value-${s.key}`}>
                  {s.cache === null ? '—' : `v${s.cache.version}`}
                </td>
                <td>
                  {s.cache === null
                    ? '—'
                    : s.cache.ttlLeftMs === null
                      ? 'no TTL'
                      : formatMs(s.cache.ttlLeftMs)}
                </td>
                <td data-testid={`db-value-${s.key}`}>v{s.dbVersion}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ul className="freshness-list">
        {props.keys.map((s) => {
          const f = freshness(s);
          return (
            <li key={s.key} className={`fresh-${f}`} data-testid={`freshness-${s.key}`}>
              k{s.key}: {FRESHNESS_WORDS[f]}
            </li>
          );
        })}
      </ul>
      <p className="field-hint">Values are shown by the database version they copy (v1, v2 …).</p>
    </section>
  );
}

const METRICS: readonly { readonly key: keyof Counts; readonly label: string }[] = [
  { key: 'reads', label: 'Reads' },
  { key: 'writes', label: 'Writes' },
  { key: 'hits', label: 'Hits' },
  { key: 'misses', label: 'Misses' },
  { key: 'dbReads', label: 'DB reads' },
  { key: 'dbWrites', label: 'DB writes' },
  { key: 'staleReads', label: 'Stale reads' },
  { key: 'lostWrites', label: 'Lost writes' },
  { key: 'evictions', label: 'Evictions' },
  { key: 'expirations', label: 'Expirations' },
  { key: 'errors', label: 'Errors' },
  { key: 'lockWaits', label: 'Lock waits' },
];

/**
 * Running counts up to the current step. Counters that stay zero for the whole lesson are left
 * out (`final` decides), so each lesson shows only what it is about.
 */
export function MetricsPanel(props: { readonly totals: Counts; readonly final: Counts }) {
  const shown = METRICS.filter((m) => m.key === 'reads' || props.final[m.key] !== 0);
  return (
    <section className="panel lesson-metrics" aria-labelledby="metrics-h">
      <h2 id="metrics-h">Counts so far</h2>
      <p className="field-hint">
        Each thing counts when it happens: a request when it arrives, a read as a hit or a miss when
        the cache answers it, stale reads when they are served, database reads and writes when the
        database starts them.
      </p>
      <dl>
        {shown.map((m) => (
          <div key={m.key} className={`metric metric-${m.key}`}>
            <dt>{m.label}</dt>
            <dd data-testid={`metric-${m.key}`}>{formatCount(props.totals[m.key])}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
