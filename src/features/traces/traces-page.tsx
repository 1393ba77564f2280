import { lazy, Suspense, useId, useState, type DragEvent } from 'react';
import type { AnyPolicyId } from '../../sim/cache/cache-types';
import { formatFromFileName, type TraceFormat } from '../../sim/trace/trace-format';
import { formatCount } from '../../ui/format';
import { SamplingFields } from './sampling-fields';
import { SAMPLE_IDS, SAMPLE_LABELS, type SampleId } from './sample-traces';
import {
  DEFAULT_POLICIES,
  parseKeyColumn,
  parseSampling,
  parseSizes,
  TRACE_POLICIES,
  tracePolicyLabel,
  type AnalyseRequest,
  type FormatChoice,
  type TraceSource,
} from './traces-model';
import './traces.css';
import { RunStatus } from './run-status';
import { useTraceWorker } from './use-trace-worker';

/**
 * The results view and its charts (Recharts) load when a run starts, while the worker reads the
 * trace, so they are there by the time the results are.
 */
const loadResults = () => import('./traces-results');
const Results = lazy(() => loadResults().then((m) => ({ default: m.Results })));

const FORMAT_OPTIONS: readonly { value: FormatChoice; label: string }[] = [
  { value: 'auto', label: 'Auto (from the file name)' },
  { value: 'text', label: 'Text (one key per line)' },
  { value: 'csv', label: 'CSV with a header' },
  { value: 'oracle-general', label: 'oracleGeneral (libCacheSim binary)' },
];

/** Traces: bring your own key trace (or a sample) and see each policy's hit-ratio curve. */
export function TracesPage() {
  const ids = useId();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<FormatChoice>('auto');
  const [keyColumn, setKeyColumn] = useState('');
  const [policies, setPolicies] = useState<readonly AnyPolicyId[]>(DEFAULT_POLICIES);
  const [sizesText, setSizesText] = useState('auto');
  const [rateText, setRateText] = useState('');
  const [sampleKeysText, setSampleKeysText] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const { state, result, start, cancel } = useTraceWorker();
  const busy =
    state.status === 'reading' || state.status === 'analysing' || state.status === 'simulating';

  function options(): Omit<AnalyseRequest, 'source'> | string {
    if (policies.length === 0) return 'Choose at least one policy.';
    const sizes = parseSizes(sizesText);
    if (sizes !== 'auto' && 'error' in sizes) return sizes.error;
    const sampling = parseSampling(rateText, sampleKeysText);
    if ('error' in sampling) return sampling.error;
    const ordered = TRACE_POLICIES.filter((p) => policies.includes(p));
    return { type: 'analyse', policies: ordered, sizes, ...sampling };
  }

  function run(source: TraceSource, name: string) {
    const o = options();
    if (typeof o === 'string') {
      setFormError(o);
      return;
    }
    setFormError(null);
    void loadResults();
    start({ ...o, source }, name);
  }

  function runFile() {
    if (file === null) {
      setFormError('Choose a trace file first (or try a sample trace below).');
      return;
    }
    const f: TraceFormat = format === 'auto' ? formatFromFileName(file.name) : format;
    const col = f === 'csv' ? parseKeyColumn(keyColumn) : undefined;
    run(
      { kind: 'file', file, format: f, ...(col === undefined ? {} : { keyColumn: col }) },
      file.name,
    );
  }

  function onDrop(e: DragEvent<HTMLDivElement>) {
    e.preventDefault();
    setDragging(false);
    const dropped = e.dataTransfer.files[0];
    if (dropped) setFile(dropped);
  }

  const effectiveFormat = file && format === 'auto' ? formatFromFileName(file.name) : format;

  return (
    <article className="page traces">
      <header className="page-header">
        <h1>Traces</h1>
        <p className="lede">
          Replay a real request trace through the eviction policies and see how much cache each
          needs. Your trace never leaves your browser: it is read locally, in a Web Worker on this
          page, and nothing is uploaded.
        </p>
      </header>

      <section className="panel" aria-labelledby={`${ids}-in`}>
        <h2 id={`${ids}-in`}>Your trace</h2>
        <div
          className={dragging ? 'drop-zone dragging' : 'drop-zone'}
          data-testid="drop-zone"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => {
            setDragging(false);
          }}
          onDrop={onDrop}
        >
          <div className="field">
            <label htmlFor={`${ids}-file`}>Trace file</label>
            <input
              id={`${ids}-file`}
              type="file"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
              }}
            />
            <p className="field-hint">
              Or drop a file here. Text (one key per line), CSV, or libCacheSim oracleGeneral; gzip
              is unpacked for you.
              {file ? ` Chosen: ${file.name} (${formatCount(file.size)} bytes).` : ''}
            </p>
          </div>
        </div>

        <div className="trace-options">
          <div className="field">
            <label htmlFor={`${ids}-format`}>Format</label>
            <select
              id={`${ids}-format`}
              value={format}
              onChange={(e) => {
                setFormat(e.target.value as FormatChoice);
              }}
            >
              {FORMAT_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
          {effectiveFormat === 'csv' ? (
            <div className="field">
              <label htmlFor={`${ids}-col`}>CSV key column</label>
              <input
                id={`${ids}-col`}
                type="text"
                value={keyColumn}
                placeholder="first column"
                onChange={(e) => {
                  setKeyColumn(e.target.value);
                }}
              />
              <p className="field-hint">A header name, or a column number from 1.</p>
            </div>
          ) : null}
          <div className="field">
            <label htmlFor={`${ids}-sizes`}>Cache sizes (keys)</label>
            <input
              id={`${ids}-sizes`}
              type="text"
              value={sizesText}
              onChange={(e) => {
                setSizesText(e.target.value);
              }}
            />
            <p className="field-hint">“auto”, or a list such as 100, 1000, 10000.</p>
          </div>
          <SamplingFields
            rate={rateText}
            onRate={setRateText}
            budget={sampleKeysText}
            onBudget={setSampleKeysText}
          />
        </div>

        <fieldset className="field">
          <legend>Policies</legend>
          <div className="policy-checks">
            {TRACE_POLICIES.map((p) => (
              <label key={p}>
                <input
                  type="checkbox"
                  checked={policies.includes(p)}
                  onChange={(e) => {
                    const on = e.target.checked;
                    setPolicies((cur) => (on ? [...cur, p] : cur.filter((x) => x !== p)));
                  }}
                />
                {tracePolicyLabel(p)}
              </label>
            ))}
          </div>
        </fieldset>

        <div className="button-row">
          <button type="button" className="button primary" onClick={runFile} disabled={busy}>
            Analyse the trace
          </button>
          <button type="button" className="button" onClick={cancel} disabled={!busy}>
            Cancel
          </button>
        </div>
        {formError ? (
          <p className="field-error" role="alert">
            {formError}
          </p>
        ) : null}
      </section>

      <section className="panel" aria-labelledby={`${ids}-samples`}>
        <h2 id={`${ids}-samples`}>Try a sample trace</h2>
        <p className="field-hint">
          Generated in the worker from a fixed seed, 200,000 requests each, with the options above.
        </p>
        <div className="button-row">
          {SAMPLE_IDS.map((s: SampleId) => (
            <button
              key={s}
              type="button"
              className="button"
              disabled={busy}
              onClick={() => {
                run({ kind: 'sample', sample: s }, `sample: ${SAMPLE_LABELS[s]}`);
              }}
            >
              {SAMPLE_LABELS[s]}
            </button>
          ))}
        </div>
      </section>

      <RunStatus state={state} />
      {result ? (
        <Suspense fallback={<p className="loading">Loading the results…</p>}>
          <Results result={result} />
        </Suspense>
      ) : null}
    </article>
  );
}
