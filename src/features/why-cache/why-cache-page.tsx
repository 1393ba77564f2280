import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { replaceSearch, useRoute } from '../../app/hash-router';
import { NumberField } from '../../ui/number-field';
import { useSeen } from '../../ui/use-seen';
import { NoticeList } from '../../ui/notice';
import { formatCount, formatFactor, formatMs, formatNumber, formatPct } from '../../ui/format';
import {
  WHY_CACHE_FIELDS,
  checkField,
  computeWhyCache,
  inputsFromParams,
  latencyCurve,
  paramsFromInputs,
  type WhyCacheInputs,
} from './why-cache-math';

/** Recharts loads only once the chart comes near the viewport, after the numbers have painted. */
const WhyCacheChart = lazy(() =>
  import('./why-cache-chart').then((m) => ({ default: m.WhyCacheChart })),
);

type NumericKey = (typeof WHY_CACHE_FIELDS)[number]['key'];

const HINTS: Record<NumericKey, string> = {
  dbMs: 'A typical indexed query: about 50 ms.',
  cacheMs: 'A Redis or Memcached round trip: about 0.5 ms.',
  readsPerSec: 'How often this data is read.',
  readsPerChange: 'How many reads happen between two changes of the data.',
  hitPct: 'Share of reads the cache answers (from your monitoring).',
};

/** "Why cache?": the arithmetic of CONTENT.md section 1, with every number adjustable. */
export function WhyCachePage() {
  const route = useRoute();
  const chartRef = useRef<HTMLDivElement>(null);
  const chartSeen = useSeen(chartRef);
  const initial = useMemo(() => inputsFromParams(new URLSearchParams(route.search)), []); // eslint-disable-line react-hooks/exhaustive-deps
  const [notices, setNotices] = useState(initial.notices);
  const [raw, setRaw] = useState<Record<NumericKey, string>>(() => {
    const entries = WHY_CACHE_FIELDS.map((f) => [f.key, String(initial.inputs[f.key])] as const);
    return Object.fromEntries(entries) as Record<NumericKey, string>;
  });
  const [hitFrom, setHitFrom] = useState(initial.inputs.hitFrom);
  const [valid, setValid] = useState<WhyCacheInputs>(initial.inputs);

  const errors = useMemo(() => {
    const out: Partial<Record<NumericKey, string>> = {};
    for (const field of WHY_CACHE_FIELDS) {
      const checked = checkField(field, raw[field.key]);
      if ('error' in checked) out[field.key] = checked.error;
    }
    return out;
  }, [raw]);

  const onFieldChange = (key: NumericKey, text: string) => {
    setRaw((prev) => ({ ...prev, [key]: text }));
    const field = WHY_CACHE_FIELDS.find((f) => f.key === key);
    if (!field) return;
    const checked = checkField(field, text);
    if ('value' in checked) setValid((prev) => ({ ...prev, [key]: checked.value }));
  };

  const inputs: WhyCacheInputs = { ...valid, hitFrom };
  const result = computeWhyCache(inputs);
  const curve = useMemo(
    () => latencyCurve({ dbMs: valid.dbMs, cacheMs: valid.cacheMs }),
    [valid.dbMs, valid.cacheMs],
  );
  const at90 = computeWhyCache({ ...inputs, hitFrom: 'measured', hitPct: 90 });
  const at99 = computeWhyCache({ ...inputs, hitFrom: 'measured', hitPct: 99 });
  const paramString = paramsFromInputs(inputs).toString();

  useEffect(() => {
    replaceSearch(paramString);
  }, [paramString]);

  const hasErrors = Object.keys(errors).length > 0;

  return (
    <article className="page why-cache">
      <header className="page-header">
        <h1>Why cache?</h1>
        <p className="lede">
          A cache is a fast copy of slow data. Change the numbers and watch what a cache saves, in
          time per read and in work the database no longer has to do.
        </p>
      </header>
      <NoticeList
        notices={notices}
        onDismiss={() => {
          setNotices([]);
        }}
      />
      <div className="calc-grid">
        <section className="panel" aria-labelledby="calc-inputs">
          <h2 id="calc-inputs">Your numbers</h2>
          {WHY_CACHE_FIELDS.filter((f) => f.key !== 'hitPct').map((field) => (
            <NumberField
              key={field.key}
              label={field.label}
              unit={field.unit}
              min={field.min}
              max={field.max}
              value={raw[field.key]}
              hint={HINTS[field.key]}
              error={errors[field.key] ?? null}
              onChange={(text) => {
                onFieldChange(field.key, text);
              }}
            />
          ))}
          <fieldset className="field radio-group">
            <legend>Hit ratio comes from</legend>
            <label>
              <input
                type="radio"
                name="hit-from"
                checked={hitFrom === 'change'}
                onChange={() => {
                  setHitFrom('change');
                }}
              />{' '}
              Reads per change (each change costs one miss)
            </label>
            <label>
              <input
                type="radio"
                name="hit-from"
                checked={hitFrom === 'measured'}
                onChange={() => {
                  setHitFrom('measured');
                }}
              />{' '}
              A measured hit ratio
            </label>
          </fieldset>
          {hitFrom === 'measured' ? (
            <NumberField
              label="Hit ratio"
              unit="%"
              min={0}
              max={100}
              value={raw.hitPct}
              hint={HINTS.hitPct}
              error={errors.hitPct ?? null}
              onChange={(text) => {
                onFieldChange('hitPct', text);
              }}
            />
          ) : null}
          {hasErrors ? (
            <p className="field-hint">Results use the last valid value of each field.</p>
          ) : null}
        </section>
        <section className="panel results" aria-labelledby="calc-results" aria-live="polite">
          <h2 id="calc-results">What the cache buys you</h2>
          <dl className="stat-grid">
            <div className="stat">
              <dt>Hit ratio</dt>
              <dd data-testid="hit-ratio">{formatPct(result.hitRatio, 2)}</dd>
            </div>
            <div className="stat">
              <dt>Average read, no cache</dt>
              <dd data-testid="latency-no-cache">{formatMs(result.avgLatencyNoCacheMs)}</dd>
            </div>
            <div className="stat">
              <dt>Average read, with cache</dt>
              <dd data-testid="latency-cache">{formatMs(result.avgLatencyCacheMs)}</dd>
            </div>
            <div className="stat stat-strong">
              <dt>Speed-up</dt>
              <dd data-testid="speed-up">{formatFactor(result.speedUp)}</dd>
            </div>
            <div className="stat">
              <dt>DB queries per second</dt>
              <dd data-testid="db-qps">
                {formatCount(result.dbQueriesPerSecNoCache)} →{' '}
                {formatNumber(result.dbQueriesPerSecCache, 1)}
              </dd>
            </div>
            <div className="stat">
              <dt>DB queries in flight (average)</dt>
              <dd data-testid="db-busy">
                {formatNumber(result.dbBusyNoCache, 1)} → {formatNumber(result.dbBusyCache, 2)}
              </dd>
            </div>
          </dl>
          <p className="explain" data-testid="cycle-sentence">
            Between two changes the data is read {formatCount(inputs.readsPerChange)} times. Without
            a cache that is {formatCount(inputs.readsPerChange)} × {formatMs(inputs.dbMs)} ={' '}
            <strong>{formatMs(result.cycleTimeNoCacheMs)}</strong> of database work. With a cache it
            is {formatNumber(result.cycleDbQueriesCache, 1)} quer
            {result.cycleDbQueriesCache === 1 ? 'y' : 'ies'} plus{' '}
            {formatCount(inputs.readsPerChange)} lookups of {formatMs(inputs.cacheMs)} (every read
            looks in the cache first, the ones that miss included):{' '}
            <strong>{formatMs(result.cycleTimeCacheMs)}</strong> in all.
          </p>
          <p className="explain" data-testid="curve-sentence">
            Each point of hit ratio removes the same slice of average latency, so the line below is
            straight. The speed-up is not: it is set by the misses that remain. With these numbers,
            90% hits make reads {formatFactor(at90.speedUp)} faster and 99% hits{' '}
            {formatFactor(at99.speedUp)} faster, and going from 90% to 99% cuts database queries
            tenfold.
          </p>
        </section>
      </div>
      <section className="panel" aria-labelledby="calc-chart">
        <h2 id="calc-chart">Average read latency by hit ratio</h2>
        <div
          ref={chartRef}
          className="chart"
          role="img"
          aria-label={`Line chart: average read latency falls from ${formatMs(valid.dbMs + valid.cacheMs)} at 0% hits to ${formatMs(valid.cacheMs)} at 100% hits; without a cache it stays at ${formatMs(valid.dbMs)}.`}
        >
          {chartSeen ? (
            <Suspense fallback={<p className="loading">Drawing the chart…</p>}>
              <WhyCacheChart
                curve={curve}
                hitPct={result.hitRatio * 100}
                avgLatencyMs={result.avgLatencyCacheMs}
              />
            </Suspense>
          ) : (
            <p className="loading">The chart is drawn when it scrolls into view.</p>
          )}
        </div>
      </section>
    </article>
  );
}
