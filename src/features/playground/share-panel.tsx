import { useId, useState, type RefObject } from 'react';
import { useAppStore } from '../../store/app-store';
import type { Scenario, ScenarioPatch } from '../../sim/scenario/scenario-schema';
import { replayOf } from '../../sim/scenario/trace-replay';
import { formatCount } from '../../ui/format';
import { compareHref } from '../compare/compare-model';

/** Saving files is code no one needs to see the page: it loads on the first save. */
const shareFiles = () => import('./share-files');

/** The "compare this with…" variants: one knob flipped, everything else (seed included) kept. */
function compareVariants(scenario: Scenario): { label: string; patch: ScenarioPatch }[] {
  const lfu = scenario.cache.policy === 'allkeys-lfu';
  const jitter = scenario.cache.jitterPct > 0;
  const writeThrough = scenario.pattern.write === 'write-through';
  return [
    {
      label: lfu ? 'with LRU eviction' : 'with LFU eviction',
      patch: { cache: { policy: lfu ? 'allkeys-lru' : 'allkeys-lfu' } },
    },
    {
      label: jitter ? 'without TTL jitter' : 'with 10% TTL jitter',
      patch: { cache: { jitterPct: jitter ? 0 : 10 } },
    },
    {
      label: writeThrough ? 'with delete-on-write' : 'with write-through',
      patch: { pattern: { write: writeThrough ? 'invalidate' : 'write-through' } },
    },
  ];
}

/** Larger files are not scenarios; refuse before reading them into memory. */
const MAX_IMPORT_BYTES = 1_000_000;

type Message = {
  readonly tone: 'ok' | 'error';
  readonly text: string;
  readonly details?: readonly string[];
};

function baseName(presetId: string | null, seed: number): string {
  return `cachescope-${presetId ?? 'custom'}-seed${seed}`;
}

/** Copy link, scenario JSON out and in, metrics CSV, charts as SVG or PNG. */
export function SharePanel(props: { readonly chartsRef: RefObject<HTMLElement | null> }) {
  const actions = useAppStore((s) => s.playgroundActions);
  const scenario = useAppStore((s) => s.playground.recorded);
  const presetId = useAppStore((s) => s.playground.presetId);
  const [message, setMessage] = useState<Message | null>(null);
  const [linkShown, setLinkShown] = useState<string | null>(null);
  const importId = useId();
  const name = baseName(presetId, scenario.seed);
  const replay = replayOf(scenario);

  const copyLink = async () => {
    // Built from the recorded run, not read from the address bar (which follows a moment later).
    const href = `${window.location.href.replace(/#.*$/, '')}#/playground?${actions.searchString()}`;
    const changes = scenario.changes.length;
    const replays =
      changes === 0
        ? ''
        : changes === 1
          ? ' It replays the change made during the run at the same simulated time.'
          : ` It replays the ${changes} changes made during the run at the same simulated times.`;
    try {
      await navigator.clipboard.writeText(href);
      setLinkShown(null);
      setMessage({
        tone: 'ok',
        text:
          replay === null
            ? `Link copied. It opens this exact scenario, seed included.${replays}`
            : `Link copied. It names the trace “${replay.name}” but does not contain it: opened where that trace has not been replayed, it runs Zipf keys instead.`,
      });
    } catch {
      // Clipboard access can be refused (permissions, insecure origin): show the link to copy by hand.
      setLinkShown(href);
      setMessage({ tone: 'ok', text: 'Copy the link below.' });
    }
  };

  const exportCharts = async (kind: 'svg' | 'png') => {
    const { combineChartsSvg, downloadBlob, findCharts, findMarkerNotes, svgToPngBlob } =
      await shareFiles();
    const container = props.chartsRef.current;
    const charts = container ? findCharts(container) : [];
    if (charts.length === 0) {
      setMessage({ tone: 'error', text: 'There are no charts to export yet.' });
      return;
    }
    const { svg, width, height } = combineChartsSvg(
      charts,
      `Cachescope: ${presetId ?? 'custom scenario'}, seed ${scenario.seed}`,
      container ? findMarkerNotes(container) : [],
    );
    try {
      const blob =
        kind === 'svg'
          ? new Blob([svg], { type: 'image/svg+xml;charset=utf-8' })
          : await svgToPngBlob(svg, width, height);
      downloadBlob(blob, `${name}-charts.${kind}`);
      setMessage({ tone: 'ok', text: `Charts saved as ${kind.toUpperCase()}.` });
    } catch (err) {
      setMessage({
        tone: 'error',
        text: `The charts could not be exported: ${err instanceof Error ? err.message : String(err)}.`,
      });
    }
  };

  return (
    <section className="share" aria-labelledby="share-title">
      <h2 id="share-title">Share and save</h2>
      {replay !== null ? (
        <p className="field-hint" data-testid="share-trace-note">
          This run replays the trace “{replay.name}”. Links and exported scenarios record its name
          and size ({formatCount(replay.requests)} requests, {formatCount(replay.uniqueKeys)} keys),
          never the trace itself: to run it elsewhere, load the same trace on the Traces page and
          press Replay in the Playground.
        </p>
      ) : null}
      <div className="button-row">
        <button type="button" className="button" onClick={() => void copyLink()}>
          Copy link
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            void shareFiles().then(({ downloadBlob }) => {
              downloadBlob(
                new Blob([`${JSON.stringify(scenario, null, 2)}\n`], {
                  type: 'application/json',
                }),
                `${name}.json`,
              );
              setMessage({
                tone: 'ok',
                text:
                  replay === null
                    ? 'Scenario saved as JSON.'
                    : `Scenario saved as JSON. It names the trace “${replay.name}” (${formatCount(replay.requests)} requests) but does not contain its keys.`,
              });
            });
          }}
        >
          Export scenario
        </button>
        <input
          id={importId}
          className="visually-hidden-input"
          type="file"
          accept=".json,application/json"
          onChange={(e) => {
            const input = e.currentTarget;
            const file = input.files?.[0];
            input.value = ''; // choosing the same file again must fire change again
            if (!file) return;
            if (file.size > MAX_IMPORT_BYTES) {
              setMessage({
                tone: 'error',
                text: `${file.name} is too large to be a scenario (over 1 MB). Nothing changed.`,
              });
              return;
            }
            void file.text().then((text) => {
              const problems = actions.importScenario(text);
              setMessage(
                problems === null
                  ? { tone: 'ok', text: `Loaded ${file.name}. The run restarted with it.` }
                  : {
                      tone: 'error',
                      text: `${file.name} was not loaded; nothing changed.`,
                      details: problems.slice(0, 8),
                    },
              );
            });
          }}
        />
        <label className="button file-button" htmlFor={importId}>
          Import scenario
        </label>
        <button
          type="button"
          className="button"
          onClick={() =>
            void Promise.all([actions.requestSeries(), shareFiles()]).then(
              ([{ windows, markers }, { downloadBlob, seriesToCsv }]) => {
                if (windows.length === 0) {
                  setMessage({
                    tone: 'error',
                    text: 'There are no metric windows yet: play the run first.',
                  });
                  return;
                }
                downloadBlob(
                  new Blob([seriesToCsv(windows, markers, scenario.windowMs)], {
                    type: 'text/csv;charset=utf-8',
                  }),
                  `${name}-metrics.csv`,
                );
                setMessage({ tone: 'ok', text: `Saved ${windows.length} windows as CSV.` });
              },
            )
          }
        >
          Export metrics CSV
        </button>
        <button type="button" className="button" onClick={() => void exportCharts('svg')}>
          Export charts SVG
        </button>
        <button type="button" className="button" onClick={() => void exportCharts('png')}>
          Export charts PNG
        </button>
      </div>
      {replay === null ? (
        <p className="compare-links">
          Compare this run, same seed and workload:{' '}
          {compareVariants(scenario).map((v, i) => (
            <span key={v.label}>
              {i > 0 ? ' · ' : null}
              <a href={compareHref(scenario, v.patch, presetId)}>{v.label}</a>
            </span>
          ))}
        </p>
      ) : (
        <p className="compare-links">
          Compare runs generated keys only: a trace’s keys stay in this Playground. To compare
          policies on this trace, use the Traces page’s curve and table.
        </p>
      )}
      <div className="share-message" role="status" data-testid="share-message">
        {message ? (
          <div className={message.tone === 'error' ? 'field-error' : 'share-ok'}>
            <p>{message.text}</p>
            {message.details ? (
              <ul>
                {message.details.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        {linkShown ? (
          <input
            className="share-link"
            type="text"
            readOnly
            value={linkShown}
            aria-label="Link to this scenario"
            onFocus={(e) => {
              e.currentTarget.select();
            }}
          />
        ) : null}
      </div>
    </section>
  );
}
