import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useRoute } from '../../app/hash-router';
import type { MetricWindow, RunStop, Totals } from '../../sim/engine/engine-types';
import { getPreset, PRESETS, presetScenario } from '../../sim/scenario/presets';
import { parseScenario, type Scenario } from '../../sim/scenario/scenario-schema';
import { decodeScenarioParams, encodeScenarioParams } from '../../sim/scenario/url-codec';
import {
  formatCount,
  formatMs,
  formatNumber,
  formatP99CountingUnfinished,
  formatPct,
} from '../../ui/format';
import { windowRate } from '../../ui/metric-points';
import { MiniSeriesChart } from '../../ui/mini-series-chart';
import { NoticeList } from '../../ui/notice';
import { RunStopBanner } from '../../ui/run-stop-banner';
import { createEngineClient, type EngineClient } from '../../worker/engine-client';
import { MAX_CHART_WINDOWS, type PlaybackStatus } from '../../worker/engine-protocol';
import { postToHost, useHostCommands } from './embed-bridge';
import { frameMessage, type HostMessage } from './embed-protocol';
import { EMBED_OPTION_PARAMS, splitEmbedParams } from './embed-params';
import { useClicker } from './presenter';
import './embed.css';

interface Loaded {
  readonly scenario: Scenario;
  readonly presetId: string | null;
  /** Bumped on every (re)load so the same scenario can be loaded again. */
  readonly generation: number;
  readonly autoplay: boolean;
}

interface PlayerState {
  readonly status: PlaybackStatus;
  readonly tMs: number;
  readonly windows: readonly MetricWindow[];
  readonly totals: Totals | null;
  readonly stopped: RunStop | null;
}

const INITIAL_STATE: PlayerState = {
  status: 'paused',
  tMs: 0,
  windows: [],
  totals: null,
  stopped: null,
};

/**
 * The embeddable player (`#/embed`): one scenario with play, pause, step and restart, a compact
 * chart and totals. Options come from the URL (see embed-params.ts); a host page can drive it
 * through the postMessage API.
 */
export function EmbedPlayerPage() {
  const route = useRoute();
  // A new link (hash change, back/forward) is a new player: its own scenario, options and worker.
  return <EmbedPlayer key={route.search} search={route.search} />;
}

function EmbedPlayer({ search }: { readonly search: string }) {
  const initial = useMemo(() => {
    const { scenarioParams, options } = splitEmbedParams(new URLSearchParams(search));
    return {
      decoded: decodeScenarioParams(scenarioParams, { otherParams: EMBED_OPTION_PARAMS }),
      options,
    };
  }, [search]);
  const { options } = initial;
  const [notices, setNotices] = useState<readonly string[]>(() => [
    ...initial.decoded.notices.map((n) => n.message),
    ...options.notices,
  ]);
  const [loaded, setLoaded] = useState<Loaded>({
    scenario: initial.decoded.scenario,
    presetId: initial.decoded.presetId,
    generation: 0,
    autoplay: options.autoplay,
  });
  const [state, setState] = useState<PlayerState>(INITIAL_STATE);
  const client = useRef<EngineClient | null>(null);
  const loopPending = useRef(false);
  const { loop, speed } = options;

  useEffect(() => {
    const c = createEngineClient();
    client.current = c;
    loopPending.current = false;
    c.subscribe((event) => {
      if (event.type === 'frame') {
        const f = event.frame;
        setState((prev) => ({
          status: f.status,
          tMs: f.tMs,
          windows: f.replace
            ? f.windows
            : [...prev.windows, ...f.windows].slice(-MAX_CHART_WINDOWS),
          totals: f.totals,
          stopped: f.stopped ?? null,
        }));
        if (loop && f.status === 'playing' && f.tMs >= loop.toMs && !loopPending.current) {
          loopPending.current = true;
          c.send({ type: 'seek', tMs: loop.fromMs });
        } else if (f.status !== 'seeking' && f.tMs < (loop?.toMs ?? 0)) {
          loopPending.current = false;
        }
      } else if (event.type === 'error') {
        setNotices((n) => [...n, event.message]);
        postToHost(frameMessage({ type: 'error', message: event.message }));
      }
    });
    c.send({ type: 'load', scenario: loaded.scenario });
    c.send({ type: 'animate', on: false });
    c.send({ type: 'speed', speed });
    if (loop) c.send({ type: 'seek', tMs: loop.fromMs });
    if (loaded.autoplay) c.send({ type: 'play' });
    return () => {
      c.terminate();
      if (client.current === c) client.current = null;
    };
  }, [loaded, loop, speed]);

  const playing = state.status === 'playing' || state.status === 'seeking';
  const done = state.status === 'done';

  // Tell the host what the frame is doing (play state changes and clock progress).
  const reportedT = Math.floor(state.tMs / 250);
  useEffect(() => {
    postToHost(frameMessage({ type: 'state', playing, tMs: state.tMs, done }));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- report at most every 250 simulated ms
  }, [playing, done, reportedT]);

  const send = useCallback((msg: Parameters<EngineClient['send']>[0]) => {
    client.current?.send(msg);
  }, []);
  const restart = useCallback(() => {
    setLoaded((l) => ({ ...l, generation: l.generation + 1, autoplay: false }));
  }, []);
  const togglePlay = useCallback(() => {
    send({ type: playing ? 'pause' : 'play' });
  }, [playing, send]);

  const onHost = useCallback(
    (m: HostMessage) => {
      switch (m.type) {
        case 'play':
          send({ type: 'play' });
          return;
        case 'pause':
          send({ type: 'pause' });
          return;
        case 'step':
          // One worker command for the whole count: one reply, however many steps.
          send({ type: 'step', unit: m.unit, count: m.count });
          return;
        case 'load-scenario': {
          if (m.presetId !== undefined) {
            if (!getPreset(m.presetId)) {
              postToHost(
                frameMessage({ type: 'error', message: `unknown preset "${m.presetId}"` }),
              );
              return;
            }
            setLoaded((l) => ({
              scenario: presetScenario(m.presetId ?? ''),
              presetId: m.presetId ?? null,
              generation: l.generation + 1,
              autoplay: m.autoplay,
            }));
            return;
          }
          const parsed = parseScenario(m.scenario);
          if (!parsed.ok) {
            postToHost(
              frameMessage({
                type: 'error',
                message: parsed.issues.map((i) => i.message).join('; '),
              }),
            );
            return;
          }
          setLoaded((l) => ({
            scenario: parsed.scenario,
            presetId: null,
            generation: l.generation + 1,
            autoplay: m.autoplay,
          }));
        }
      }
    },
    [send],
  );
  useHostCommands(onHost);
  useClicker(
    useCallback(
      (dir) => {
        if (dir === 'next') togglePlay();
        else restart();
      },
      [togglePlay, restart],
    ),
  );

  const preset = loaded.presetId ? getPreset(loaded.presetId) : undefined;
  const s = loaded.scenario;
  const hidden = new Set(options.hide);
  const lastWindow = state.windows.at(-1);
  const appHref = `${window.location.pathname.replace(/[^/]*$/, '')}#/playground?${encodeScenarioParams(s, loaded.presetId).toString()}`;

  return (
    <article className="page embed-player" aria-labelledby="embed-title">
      <header className="embed-header">
        <h1 id="embed-title">{preset?.title ?? 'Cachescope simulation'}</h1>
        <a className="embed-open" href={appHref} target="_blank" rel="noopener">
          Open in Cachescope
        </a>
      </header>
      <NoticeList
        notices={notices}
        onDismiss={() => {
          setNotices([]);
        }}
      />
      <RunStopBanner stop={state.stopped} />
      {!hidden.has('description') && preset ? (
        <p className="embed-description">{preset.description}</p>
      ) : null}
      {!hidden.has('controls') ? (
        <div className="embed-controls">
          <div className="button-row">
            <button
              type="button"
              className="button primary"
              onClick={togglePlay}
              disabled={done}
              aria-pressed={playing}
            >
              {playing ? 'Pause' : 'Play'}
            </button>
            <button
              type="button"
              className="button"
              disabled={done}
              onClick={() => {
                send({ type: 'step', unit: 'request' });
              }}
            >
              Step one request
            </button>
            <button type="button" className="button" onClick={restart}>
              Restart
            </button>
          </div>
          {!options.lock ? (
            <label className="embed-preset">
              <span>Scenario</span>
              <select
                value={loaded.presetId ?? ''}
                onChange={(e) => {
                  const id = e.target.value;
                  if (!getPreset(id)) return;
                  setLoaded((l) => ({
                    scenario: presetScenario(id),
                    presetId: id,
                    generation: l.generation + 1,
                    autoplay: false,
                  }));
                }}
              >
                {loaded.presetId === null ? <option value="">Custom scenario</option> : null}
                {PRESETS.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.title}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </div>
      ) : null}
      <p className="embed-clock">
        <span data-testid="embed-clock" data-t-ms={Math.round(state.tMs)}>
          {formatMs(state.tMs)}
        </span>{' '}
        of {formatMs(s.durationMs)} ·{' '}
        <span data-testid="embed-status">
          {state.stopped ? 'stopped' : done ? 'finished' : playing ? 'playing' : 'paused'}
        </span>
        {loop ? ` · looping ${formatMs(loop.fromMs)}–${formatMs(loop.toMs)}` : ''}
      </p>
      {!hidden.has('chart') ? (
        <MiniSeriesChart
          label={`Hit ratio and database reads per second over ${formatMs(s.durationMs)}.`}
          series={[
            {
              label: 'Hit ratio',
              color: 'var(--c-hit)',
              values: state.windows.map((w) => (w.reads > 0 ? w.hitRatio : Number.NaN)),
            },
          ]}
          durationMs={s.durationMs}
          windowMs={s.windowMs}
          cursorMs={state.tMs}
          yMax={1}
          formatY={(v) => formatPct(v, 0)}
          height={130}
        />
      ) : null}
      {!hidden.has('totals') && state.tMs < s.warmupMs ? (
        <p className="field-hint">
          Totals count from the end of the warm-up at {formatMs(s.warmupMs)}.
        </p>
      ) : null}
      {!hidden.has('totals') && state.totals && state.tMs >= s.warmupMs ? (
        <dl className="stat-grid embed-stats">
          <div className="stat">
            <dt>Hit ratio</dt>
            <dd>{formatPct(state.totals.hitRatio)}</dd>
          </div>
          <div className="stat">
            <dt>DB reads/s (last window)</dt>
            <dd>{formatNumber(lastWindow ? windowRate(lastWindow.dbReads, lastWindow) : 0, 0)}</dd>
          </div>
          <div className="stat">
            <dt>p99 latency</dt>
            <dd title="Counting requests still unfinished at their age; “≥”: only a lower bound">
              {formatP99CountingUnfinished(state.totals)}
            </dd>
          </div>
          <div className="stat">
            <dt>Stale reads</dt>
            <dd>{formatCount(state.totals.staleReads)}</dd>
          </div>
          <div className="stat">
            <dt>Errors</dt>
            <dd>{formatCount(state.totals.errors)}</dd>
          </div>
        </dl>
      ) : null}
    </article>
  );
}
