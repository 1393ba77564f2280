/**
 * The Playground: the live simulation. The engine runs in a Web Worker (src/worker); this page
 * connects it to the store, keeps the scenario in the URL, and lays out controls, topology, charts,
 * faults, sharing and the run summary.
 */
import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import { ReplayBanner } from './replay-banner';
import { replaceSearch, useRoute } from '../../app/hash-router';
import { PRESETS, getPreset } from '../../sim/scenario/presets';
import { useClicker, type ClickerDirection } from '../embed/presenter';
import { useActorRef, useSelector } from '@xstate/react';
import type { ActorRefFrom } from 'xstate';
import { useAppStore } from '../../store/app-store';
import { Notice } from '../../ui/notice';
import { usePrefetch } from '../../ui/use-prefetch';
import { PlaybackControls, nextSpeed } from '../../ui/playback-controls';
import { RunStopBanner } from '../../ui/run-stop-banner';
import { TopologyView } from '../../ui/topology-view';
import { createEngineClient } from '../../worker/engine-client';
import { DbSaturationBanner } from './db-saturation-banner';
import { FaultButtons } from './fault-buttons';
import { HeadlineStrip } from './headline-strip';
import { HelpDialog } from './help-dialog';
import { MetricsCharts } from './metrics-charts';
import { controlsStatus, playbackMachine } from './playback.machine';
import { LabImportPanel } from '../lab/lab-import-panel';
import { RunSummaryPanel } from './run-summary-panel';
import { SettingsDrawer } from './settings-drawer';
import { SharePanel } from './share-panel';
import { StepLog } from './step-log';
import '../../ui/sim-ui.css';
import './playground.css';

type PlaybackActor = ActorRefFrom<typeof playbackMachine>;

/**
 * The settings (every knob, and the policy implementations their picker reads) are built only
 * when the drawer first opens, so their code is not among what a phone downloads before the page
 * first paints; it is fetched once the page is up (see `usePrefetchSettings`).
 */
const loadScenarioControls = () => import('./scenario-controls');
const ScenarioControls = lazy(() =>
  loadScenarioControls().then((m) => ({ default: m.ScenarioControls })),
);

/** Fetches the settings' code a second after the page is up, so opening the drawer is instant. */
function usePrefetchSettings(): void {
  usePrefetch(() => {
    void loadScenarioControls();
    return undefined;
  });
}

function prefersReducedMotion(): boolean {
  return (
    typeof window.matchMedia === 'function' &&
    window.matchMedia('(prefers-reduced-motion: reduce)').matches
  );
}

/** Keys typed into these must never trigger playback shortcuts. */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement)
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
  return false;
}

/**
 * Connects the engine worker for as long as the page is mounted. Its frames feed the store and
 * tell the playback machine where the run is; the machine's commands go back to the worker.
 */
function useEngineWorker(playback: PlaybackActor): void {
  const actions = useAppStore((s) => s.playgroundActions);
  useEffect(() => {
    const client = createEngineClient();
    const off = client.subscribe((event) => {
      actions.receive(event);
      if (event.type === 'frame')
        playback.send({
          type: 'engine.report',
          status: event.frame.status,
          tMs: event.frame.tMs,
          seq: event.frame.commandSeq,
        });
    });
    actions.setAnimate(!prefersReducedMotion());
    actions.connect(client);
    return () => {
      off();
      actions.disconnect();
      client.terminate();
    };
  }, [actions, playback]);

  useEffect(() => {
    // Each command's seq goes back to the machine: reports older than it are not followed.
    const sent = (seq: number): void => {
      playback.send({ type: 'engine.sent', seq });
    };
    const subscriptions = [
      playback.on('engine.play', () => {
        sent(actions.play());
      }),
      playback.on('engine.pause', () => {
        sent(actions.pause());
      }),
      playback.on('engine.step', (e) => {
        sent(actions.step(e.unit));
      }),
      playback.on('engine.seek', (e) => {
        sent(actions.seek(e.tMs));
      }),
      playback.on('engine.reset', () => {
        sent(actions.reset());
      }),
    ];
    return () => {
      for (const s of subscriptions) s.unsubscribe();
    };
  }, [actions, playback]);
}

/** Reads the scenario from the URL on arrival and keeps the URL in step (replaceState, no history spam). */
function useScenarioUrl(): void {
  const route = useRoute();
  const actions = useAppStore((s) => s.playgroundActions);
  const scenario = useAppStore((s) => s.playground.scenario);
  const presetId = useAppStore((s) => s.playground.presetId);
  const recorded = useAppStore((s) => s.playground.recorded);
  const written = useRef<string | null>(null);

  // A search string we did not write (first load, a pasted link, back/forward) is read in.
  useEffect(() => {
    if (route.search === written.current) return;
    actions.loadFromSearch(route.search);
    written.current = actions.searchString();
    replaceSearch(written.current);
  }, [route.search, actions]);

  useEffect(() => {
    const next = actions.searchString();
    if (next === written.current) return;
    written.current = next;
    replaceSearch(next);
  }, [scenario, recorded, presetId, actions]);
}

/** The preset choice, at the top of the settings drawer, with what the preset is for. */
function PresetPicker() {
  const id = useId();
  const presetId = useAppStore((s) => s.playground.presetId);
  const actions = useAppStore((s) => s.playgroundActions);
  const preset = presetId === null ? undefined : getPreset(presetId);
  return (
    <div className="preset-picker">
      <div className="field">
        <label htmlFor={id}>Preset</label>
        <select
          id={id}
          value={presetId ?? ''}
          aria-describedby={`${id}-desc`}
          onChange={(e) => {
            if (e.target.value !== '') actions.loadPreset(e.target.value);
          }}
        >
          {presetId === null ? <option value="">Custom scenario</option> : null}
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </select>
      </div>
      <p className="preset-desc" id={`${id}-desc`}>
        {preset?.description ??
          'Your own settings. Pick a preset to start from a known experiment, or change any setting.'}
      </p>
    </div>
  );
}

/** The scenario's name, shown in the page header and on the Settings button. */
function useScenarioTitle(): string {
  const presetId = useAppStore((s) => s.playground.presetId);
  const preset = presetId === null ? undefined : getPreset(presetId);
  return preset?.title ?? 'Custom scenario';
}

function SimulationPlayback(props: { readonly playback: PlaybackActor }) {
  const { playback } = props;
  // One narrow selection: the state's name (a string, so unchanged frames do not re-render).
  const state = useSelector(playback, (s) => s.value);
  const tMs = useAppStore((s) => s.playground.tMs);
  const durationMs = useAppStore((s) => s.playground.durationMs);
  const speed = useAppStore((s) => s.playground.speed);
  const achieved = useAppStore((s) => s.playground.achievedSpeed);
  const progress = useAppStore((s) => s.playground.progress);
  const seed = useAppStore((s) => s.playground.scenario.seed);
  const actions = useAppStore((s) => s.playgroundActions);
  return (
    <PlaybackControls
      status={controlsStatus(state)}
      tMs={tMs}
      durationMs={durationMs}
      speed={speed}
      achievedSpeed={achieved}
      progress={progress}
      seed={seed}
      onPlay={() => {
        playback.send({ type: 'playback.play' });
      }}
      onPause={() => {
        playback.send({ type: 'playback.pause' });
      }}
      onStep={(unit) => {
        playback.send({ type: 'playback.step', unit });
      }}
      onSpeed={actions.setSpeed}
      onReset={() => {
        playback.send({ type: 'playback.reset' });
      }}
      onSeek={(tMs) => {
        playback.send({ type: 'playback.seek', tMs });
      }}
    />
  );
}

function SimulationTopology() {
  const view = useAppStore((s) => s.playground.view);
  const marks = useAppStore((s) => s.playground.marks);
  const marksAvailable = useAppStore((s) => s.playground.marksAvailable);
  const animate = useAppStore((s) => s.playground.animate);
  const last = useAppStore((s) => s.playground.lastWindow);
  const scenario = useAppStore((s) => s.playground.scenario);
  const actions = useAppStore((s) => s.playgroundActions);
  const animateId = useId();
  const counts = last
    ? {
        hits: last.hits,
        misses: last.misses,
        stale: last.staleReads,
        errors: last.errors,
        writes: last.writes,
      }
    : null;
  return (
    <>
      <TopologyView
        view={view}
        showReplica={scenario.db.replica !== null}
        showEventBus={scenario.pattern.eventInvalidation !== null}
        showFlusher={scenario.pattern.write === 'write-behind'}
        marks={marks}
        moving={animate && marksAvailable}
        stillReason={
          !animate
            ? 'Animation is off: counts replace moving requests.'
            : !marksAvailable
              ? 'Moving requests are off after a long fast-forward (it runs untraced to be fast); Reset brings them back.'
              : null
        }
        counts={counts}
        windowMs={scenario.windowMs}
      />
      <div className="check-row animate-toggle">
        <input
          id={animateId}
          type="checkbox"
          checked={animate}
          onChange={(e) => {
            actions.setAnimate(e.target.checked);
          }}
        />
        <label htmlFor={animateId}>Animate requests</label>
      </div>
    </>
  );
}

function Notices() {
  const notices = useAppStore((s) => s.playground.notices);
  const error = useAppStore((s) => s.playground.error);
  const stopped = useAppStore((s) => s.playground.stopped);
  const actions = useAppStore((s) => s.playgroundActions);
  return (
    <>
      <RunStopBanner stop={stopped} />
      {notices.length > 0 ? (
        <Notice
          onDismiss={() => {
            for (const n of notices) actions.dismissNotice(n.id);
          }}
        >
          <p className="notice-lead">Some settings were not used:</p>
          <ul data-testid="url-notices">
            {notices.map((n) => (
              <li key={n.id}>{n.text}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {error ? (
        <Notice tone="warning">
          <p>The simulation reported: {error}</p>
        </Notice>
      ) : null}
    </>
  );
}

export function PlaygroundPage() {
  // The URL is read first, so the worker's first run is already the linked scenario.
  useScenarioUrl();
  const playback = useActorRef(playbackMachine);
  useEngineWorker(playback);
  usePrefetchSettings();
  const actions = useAppStore((s) => s.playgroundActions);
  const [helpOpen, setHelpOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const pageRef = useRef<HTMLElement>(null);
  const title = useScenarioTitle();
  const chartsRef = useRef<HTMLElement>(null);

  // A presenter's clicker (PageDown) steps one request; there is no step back, so PageUp does
  // nothing here rather than scroll the stage away.
  const onClicker = useCallback(
    (direction: ClickerDirection) => {
      if (direction === 'next') playback.send({ type: 'playback.step', unit: 'request' });
    },
    [playback],
  );
  useClicker(onClicker);

  // `?` opens the shortcuts from anywhere on the page (except while typing).
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === '?' && !isTextEntry(e.target) && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        setHelpOpen(true);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
    };
  }, []);

  const onSimulationKey = (e: KeyboardEvent<HTMLElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey || isTextEntry(e.target)) return;
    const onButton = e.target instanceof HTMLButtonElement || e.target instanceof HTMLAnchorElement;
    const state = useAppStore.getState().playground;
    switch (e.key) {
      case ' ':
        // On a button Space means "press this button"; elsewhere in the area it means play/pause.
        if (onButton) return;
        e.preventDefault();
        playback.send({ type: 'playback.toggle' });
        break;
      case 'ArrowRight':
        if (e.target instanceof HTMLInputElement) return; // the seek slider uses its arrows
        e.preventDefault();
        playback.send({ type: 'playback.step', unit: 'request' });
        break;
      case '+':
      case '=':
        e.preventDefault();
        actions.setSpeed(nextSpeed(state.speed, 1));
        break;
      case '-':
      case '_':
        e.preventDefault();
        actions.setSpeed(nextSpeed(state.speed, -1));
        break;
      default:
        break;
    }
  };

  return (
    <article className="page playground" ref={pageRef}>
      <header className="playground-header">
        <div className="playground-title">
          <h1>Playground</h1>
          <p className="playground-scenario">
            <span className="playground-scenario-label">Scenario:</span>{' '}
            <strong data-testid="preset-title">{title}</strong>
          </p>
        </div>
        <div className="playground-tools">
          <SettingsDrawer
            open={settingsOpen}
            onOpenChange={setSettingsOpen}
            summary={title}
            pushRef={pageRef}
          >
            <PresetPicker />
            <Suspense fallback={<p className="loading">Loading settings…</p>}>
              <ScenarioControls />
            </Suspense>
          </SettingsDrawer>
          <button
            type="button"
            className="button help-button"
            aria-keyshortcuts="?"
            onClick={() => {
              setHelpOpen(true);
            }}
          >
            Keyboard shortcuts
          </button>
        </div>
        <p className="lede playground-lede">
          A simulated app, cache and database, request by request. Change a setting while it runs
          and watch the numbers respond.
        </p>
      </header>
      <Notices />
      <ReplayBanner />
      <DbSaturationBanner />
      <section
        className="playground-sim"
        aria-label="Simulation"
        tabIndex={0}
        onKeyDown={onSimulationKey}
        data-testid="simulation-area"
        ref={chartsRef}
      >
        <div className="panel playground-playback">
          <SimulationPlayback playback={playback} />
        </div>
        <HeadlineStrip />
        {/* The presenter's stage: everything the audience should see fits one screen. */}
        <div className="playground-stage" data-testid="stage">
          <div className="panel stage-topology">
            <SimulationTopology />
          </div>
          <div className="panel stage-charts-panel">
            <MetricsCharts part="stage" />
          </div>
        </div>
        <div className="panel">
          <FaultButtons />
        </div>
        <div className="panel">
          <MetricsCharts part="more" />
        </div>
        <StepLogPanel />
      </section>
      <RunSummaryPanel />
      <div className="panel">
        <SharePanel chartsRef={chartsRef} />
      </div>
      <div className="panel">
        <LabImportPanel />
      </div>
      <HelpDialog
        open={helpOpen}
        onClose={() => {
          setHelpOpen(false);
        }}
      />
    </article>
  );
}

function StepLogPanel() {
  const has = useAppStore((s) => s.playground.stepLog.length > 0);
  return has ? (
    <div className="panel">
      <StepLog />
    </div>
  ) : null;
}
