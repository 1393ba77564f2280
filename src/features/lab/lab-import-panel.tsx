/**
 * "Model vs real servers": import a lab result (`npm run lab -- SCENARIO.json --json`) and see the
 * real Redis + PostgreSQL run drawn over the model's run of the same scenario, with both totals
 * and the differences the lab found beyond noise. Everything shown comes from the file.
 */
import { lazy, Suspense, useId, useState } from 'react';
import { formatCount, formatMs, formatNumber } from '../../ui/format';
import { readLabFile, type LabImport } from './lab-report';
import './lab.css';

/** Recharts and the result view load only once a file has been imported. */
const LabResult = lazy(() => import('./lab-result').then((m) => ({ default: m.LabResult })));

/**
 * Results measured with `npm run lab` on this project's 2-core build machine (docs/lab/): one hot
 * key at 300 req/s whose TTL keeps expiring, without and with the rebuild lock. Loaded on demand,
 * as raw text through the same reader as an imported file.
 */
const EXAMPLES = [
  {
    id: 'one-hot-key',
    label: 'Example: a hot-key stampede on real servers',
    file: 'one-hot-key.json',
    load: () => import('../../../docs/lab/one-hot-key.json?raw'),
  },
  {
    id: 'one-hot-key-lock',
    label: 'Example: the same with a rebuild lock',
    file: 'one-hot-key-lock.json',
    load: () => import('../../../docs/lab/one-hot-key-lock.json?raw'),
  },
] as const;

/** Largest file accepted (a 10-minute run at 1 s windows is about 1 MB). */
const MAX_LAB_FILE_BYTES = 20_000_000;

/** The import control and, once a file is loaded, its charts and tables. */
export function LabImportPanel() {
  const inputId = useId();
  const [loaded, setLoaded] = useState<{ name: string; result: LabImport } | null>(null);
  const ok = loaded?.result.ok === true ? loaded.result : null;
  return (
    <section className="lab-panel" aria-labelledby="lab-title">
      <h2 id="lab-title">Model vs real servers</h2>
      <p>
        The lab runs a scenario on a real Redis and a real PostgreSQL on your machine, next to the
        model: <code>npm run lab -- scenario.json --json &gt; lab.json</code>. Import its file to
        see the real run (dashed) drawn over the model's (solid).
      </p>
      <div className="button-row">
        <input
          id={inputId}
          className="visually-hidden-input"
          type="file"
          accept=".json,application/json"
          data-testid="lab-import"
          onChange={(e) => {
            const input = e.currentTarget;
            const file = input.files?.[0];
            input.value = '';
            if (!file) return;
            if (file.size > MAX_LAB_FILE_BYTES) {
              setLoaded({
                name: file.name,
                result: { ok: false, problems: ['the file is over 20 MB: not a lab result'] },
              });
              return;
            }
            void file.text().then((text) => {
              setLoaded({ name: file.name, result: readLabFile(text) });
            });
          }}
        />
        <label className="button file-button" htmlFor={inputId}>
          Import lab result
        </label>
        {EXAMPLES.map((example) => (
          <button
            key={example.id}
            type="button"
            className="button"
            onClick={() => {
              void example.load().then((m) => {
                setLoaded({ name: example.file, result: readLabFile(m.default) });
              });
            }}
          >
            {example.label}
          </button>
        ))}
        {loaded !== null ? (
          <button
            type="button"
            className="button"
            onClick={() => {
              setLoaded(null);
            }}
          >
            Clear
          </button>
        ) : null}
      </div>
      {loaded !== null && !loaded.result.ok ? (
        <div className="notice notice-warning" role="alert" data-testid="lab-import-error">
          <div className="notice-body">
            {loaded.name} is not a lab result; nothing was loaded.
            <ul>
              {loaded.result.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
      {ok !== null && loaded !== null ? (
        <Suspense fallback={<p role="status">Drawing the lab result…</p>}>
          <LabResult
            file={ok.file}
            windowMs={ok.scenario.windowMs}
            name={loaded.name}
            scenarioLine={`${formatNumber(ok.scenario.workload.requestsPerSec, 0)} requests/s for ${formatMs(ok.scenario.durationMs)} over ${formatCount(ok.scenario.workload.keys)} keys, cache ${ok.scenario.cache.capacityKeys === null ? 'unlimited' : `${formatCount(ok.scenario.cache.capacityKeys)} keys`} ${ok.scenario.cache.policy}, ${ok.scenario.pattern.read} + ${ok.scenario.pattern.write}${ok.scenario.stampede.lock !== null ? ', rebuild lock' : ''}`}
          />
        </Suspense>
      ) : null}
    </section>
  );
}
