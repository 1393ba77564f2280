import type { FaultSpec } from '../../sim/engine/engine-types';
import { useAppStore } from '../../store/app-store';

/** Faults a person can throw at the running system, with what each one shows. */
const FAULTS: readonly {
  readonly label: string;
  readonly hint: string;
  readonly fault: FaultSpec;
}[] = [
  {
    label: 'Kill cache',
    hint: 'Down for 10 s. Cache-aside falls back to the DB; write-behind loses its buffer.',
    fault: { kind: 'cache-down', forMs: 10_000 },
  },
  {
    label: 'Restart cache cold',
    hint: 'Back in 1 s, empty: every key misses until it warms.',
    fault: { kind: 'cache-restart', forMs: 1000 },
  },
  {
    label: 'Slow DB ×10',
    hint: 'Queries take ten times longer for 10 s; the pool queue grows.',
    fault: { kind: 'db-slow', factor: 10, forMs: 10_000 },
  },
  {
    label: 'Traffic spike ×10',
    hint: 'Ten times the requests for 10 s.',
    fault: { kind: 'traffic-spike', factor: 10, forMs: 10_000 },
  },
  {
    label: 'Expire hottest key',
    hint: 'Key 0 expires now: watch for a stampede on it.',
    fault: { kind: 'expire-key', key: 0 },
  },
  {
    label: 'Pause an app server',
    hint: 'App 0 stalls for 15 s, holding any lock past its expiry.',
    fault: { kind: 'pause-app', instance: 0, forMs: 15_000 },
  },
];

export function FaultButtons() {
  const actions = useAppStore((s) => s.playgroundActions);
  const done = useAppStore((s) => s.playground.status === 'done');
  return (
    <section className="faults" aria-labelledby="faults-title">
      <h2 id="faults-title">Break something</h2>
      <ul className="fault-list">
        {FAULTS.map((f) => (
          <li key={f.label}>
            <button
              type="button"
              className="button fault-button"
              disabled={done}
              aria-describedby={`fault-hint-${f.fault.kind}`}
              onClick={() => {
                actions.injectFault(f.fault);
              }}
            >
              {f.label}
            </button>
            <span className="fault-hint" id={`fault-hint-${f.fault.kind}`}>
              {f.hint}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
