/**
 * The playground's slice: the scenario being edited, the run as the engine worker last reported
 * it, and the commands that drive the worker. The worker is reached through an
 * {@link EngineChannel} the page connects on mount, so this slice runs in tests without a Worker.
 *
 * The scenario here is optimistic: a knob change updates it at once and is sent to the worker; a
 * frame's scenario (which may differ after a backwards seek) is taken only once the worker has
 * handled the latest change (`scenarioSeq`), so controls never flicker back.
 */
import type { StateCreator } from 'zustand';
import type {
  EngineView,
  FaultSpec,
  Marker,
  MetricWindow,
  RunStop,
  Totals,
  TraceEvent,
} from '../sim/engine/engine-types';
import { getPreset, presetScenario } from '../sim/scenario/presets';
import {
  applyScenarioPatch,
  parseScenario,
  type Scenario,
  type ScenarioPatch,
} from '../sim/scenario/scenario-schema';
import { decodeScenarioParams, encodeScenarioParams } from '../sim/scenario/url-codec';
import { appendBounded, toMetricPoints, type MetricPoint } from '../ui/metric-points';
import {
  clampSpeed,
  type EngineChannel,
  type PlaybackStatus,
  type TheorySegment,
  type TopologyMark,
  type WorkerCommand,
  type WorkerEvent,
} from '../worker/engine-protocol';
import type { AppState } from './app-store';

/** Steps kept in the step log. */
const STEP_LOG_LIMIT = 40;

export interface PlaygroundNotice {
  readonly id: string;
  readonly text: string;
}

/** The finished run, for the run summary. */
export interface FinishedRun {
  readonly totals: Totals;
  readonly windows: readonly MetricWindow[];
  readonly markers: readonly Marker[];
  readonly scenario: Scenario;
}

export interface PlaygroundState {
  readonly scenario: Scenario;
  /** The preset the scenario started from (the URL encodes differences from it). */
  readonly presetId: string | null;
  readonly notices: readonly PlaygroundNotice[];
  readonly status: PlaybackStatus;
  readonly speed: number;
  readonly achievedSpeed: number;
  readonly tMs: number;
  readonly durationMs: number;
  readonly progress: number | null;
  readonly points: readonly MetricPoint[];
  readonly lastWindow: MetricWindow | null;
  readonly totals: Totals | null;
  readonly view: EngineView | null;
  readonly markers: readonly Marker[];
  readonly theory: readonly TheorySegment[];
  /** The latest batch of sampled requests to animate; `seq` changes with every batch. */
  readonly marks: { readonly seq: number; readonly items: readonly TopologyMark[] };
  readonly marksAvailable: boolean;
  readonly animate: boolean;
  /** Trace events of recent steps, oldest first. */
  readonly stepLog: readonly TraceEvent[];
  readonly finished: FinishedRun | null;
  /** Set when the run ended early because its backlog passed a cap (run-limits.ts). */
  readonly stopped: RunStop | null;
  readonly error: string | null;
  /** The worker has sent its first frame. */
  readonly connected: boolean;
}

export interface PlaygroundActions {
  /** Attach the worker channel (the page does this on mount) and load the current scenario. */
  readonly connect: (channel: EngineChannel) => void;
  readonly disconnect: () => void;
  /** Read the scenario from URL search params; bad parameters become notices. */
  readonly loadFromSearch: (search: string) => void;
  /** The URL search string for the current scenario. */
  readonly searchString: () => string;
  readonly receive: (event: WorkerEvent) => void;
  readonly play: () => void;
  readonly pause: () => void;
  readonly togglePlay: () => void;
  readonly step: (unit: 'event' | 'request') => void;
  readonly setSpeed: (speed: number) => void;
  readonly reset: () => void;
  readonly seek: (tMs: number) => void;
  /** Change knobs live; returns an error message when the result is invalid (nothing changes). */
  readonly applyKnob: (patch: ScenarioPatch) => string | null;
  /** Replace the whole scenario (seed, duration, presets, imports): a new run from t = 0. */
  readonly loadScenario: (scenario: Scenario, presetId: string | null) => void;
  readonly loadPreset: (id: string) => void;
  /** Parse and load a scenario file's text; returns the problems (nothing changes) or null. */
  readonly importScenario: (text: string) => readonly string[] | null;
  readonly injectFault: (fault: FaultSpec) => void;
  readonly setAnimate: (on: boolean) => void;
  readonly dismissNotice: (id: string) => void;
  readonly addNotice: (text: string) => void;
  /** Ask the worker for the whole series (CSV export); resolves when it answers. */
  readonly requestSeries: () => Promise<{
    windows: readonly MetricWindow[];
    markers: readonly Marker[];
  }>;
}

export interface PlaygroundSlice {
  readonly playground: PlaygroundState;
  readonly playgroundActions: PlaygroundActions;
}

function initialState(scenario: Scenario): PlaygroundState {
  return {
    scenario,
    presetId: null,
    notices: [],
    status: 'paused',
    speed: 1,
    achievedSpeed: 0,
    tMs: 0,
    durationMs: scenario.durationMs,
    progress: null,
    points: [],
    lastWindow: null,
    totals: null,
    view: null,
    markers: [],
    theory: [],
    marks: { seq: 0, items: [] },
    marksAvailable: true,
    animate: true,
    stepLog: [],
    finished: null,
    stopped: null,
    error: null,
    connected: false,
  };
}

/** The run-specific part of the state, cleared whenever a new run starts. */
function clearedRun(s: PlaygroundState): PlaygroundState {
  return {
    ...s,
    status: 'paused',
    tMs: 0,
    progress: null,
    points: [],
    lastWindow: null,
    totals: null,
    markers: [],
    stepLog: [],
    finished: null,
    stopped: null,
    error: null,
  };
}

export const createPlaygroundSlice: StateCreator<AppState, [], [], PlaygroundSlice> = (
  set,
  get,
) => {
  let channel: EngineChannel | null = null;
  let seq = 0;
  /** Seq of the latest scenario-changing command sent. */
  let scenarioSeq = 0;
  let seriesRequest = 0;
  const seriesWaiters = new Map<
    number,
    (r: { windows: readonly MetricWindow[]; markers: readonly Marker[] }) => void
  >();

  const pg = (): PlaygroundState => get().playground;
  const update = (patch: Partial<PlaygroundState>): void => {
    set((s) => ({ playground: { ...s.playground, ...patch } }));
  };
  const send = (command: WorkerCommand): void => {
    channel?.send(command);
  };
  const sendLoad = (scenario: Scenario): void => {
    scenarioSeq = ++seq;
    send({ type: 'load', scenario, seq: scenarioSeq });
  };

  const onFrame = (frame: Extract<WorkerEvent, { type: 'frame' }>['frame']): void => {
    const s = pg();
    const windowMs = frame.scenario.windowMs;
    const added = toMetricPoints(frame.windows, windowMs, frame.theory);
    const points = frame.replace ? added : appendBounded(s.points, added);
    const lastWindow = frame.windows.at(-1) ?? (frame.replace ? null : s.lastWindow);
    const takeScenario = frame.scenarioSeq >= scenarioSeq;
    update({
      status: frame.status,
      speed: frame.speed,
      achievedSpeed: frame.achievedSpeed,
      tMs: frame.tMs,
      // A frame the worker sent before it saw the latest load still carries the old duration;
      // taking it would make "Run to end" stop at the old scenario's end.
      durationMs: takeScenario ? frame.durationMs : s.durationMs,
      progress: frame.progress,
      points,
      lastWindow,
      totals: frame.totals,
      view: frame.view,
      // Keep the old reference when nothing changed, so marker layers do not re-render.
      markers:
        JSON.stringify(frame.markers) === JSON.stringify(s.markers) ? s.markers : frame.markers,
      theory: frame.theory,
      marks: frame.marks.length > 0 ? { seq: s.marks.seq + 1, items: frame.marks } : s.marks,
      marksAvailable: frame.marksAvailable,
      connected: true,
      // A new run (t back to 0, or before the finished one) clears the summary.
      finished: frame.status === 'done' ? s.finished : null,
      stopped: frame.stopped ?? null,
      stepLog: frame.tMs === 0 ? [] : s.stepLog,
      ...(takeScenario && JSON.stringify(frame.scenario) !== JSON.stringify(s.scenario)
        ? { scenario: frame.scenario }
        : {}),
    });
  };

  const actions: PlaygroundActions = {
    connect(next) {
      channel = next;
      const s = pg();
      sendLoad(s.scenario);
      send({ type: 'speed', speed: s.speed });
      send({ type: 'animate', on: s.animate });
    },
    disconnect() {
      channel = null;
      seriesWaiters.clear();
      set((s) => ({ playground: { ...clearedRun(s.playground), connected: false } }));
    },
    loadFromSearch(search) {
      const decoded = decodeScenarioParams(search);
      const notices = decoded.notices.map((n, i) => ({
        id: `url-${i}-${n.param}`,
        text: n.message,
      }));
      set((s) => ({
        playground: {
          ...clearedRun(s.playground),
          scenario: decoded.scenario,
          presetId: decoded.presetId,
          durationMs: decoded.scenario.durationMs,
          notices,
        },
      }));
      sendLoad(decoded.scenario);
    },
    searchString() {
      const s = pg();
      return encodeScenarioParams(s.scenario, s.presetId).toString();
    },
    receive(event) {
      switch (event.type) {
        case 'frame':
          onFrame(event.frame);
          break;
        case 'stepped': {
          const log = [...pg().stepLog, ...event.events].slice(-STEP_LOG_LIMIT);
          update({ stepLog: log });
          break;
        }
        case 'series': {
          const resolve = seriesWaiters.get(event.requestId);
          seriesWaiters.delete(event.requestId);
          resolve?.({ windows: event.windows, markers: event.markers });
          break;
        }
        case 'done':
          update({
            finished: {
              totals: event.totals,
              windows: event.windows,
              markers: event.markers,
              scenario: event.scenario,
            },
          });
          break;
        case 'error':
          update({ error: event.message });
          break;
      }
    },
    play() {
      if (pg().status === 'done') {
        // "Play again": a finished run restarts from 0 with the current settings.
        actions.reset();
      }
      update({ status: 'playing', error: null });
      send({ type: 'play' });
    },
    pause() {
      send({ type: 'pause' });
    },
    togglePlay() {
      const status = pg().status;
      if (status === 'playing' || status === 'seeking') actions.pause();
      else actions.play();
    },
    step(unit) {
      send({ type: 'step', unit });
    },
    setSpeed(speed) {
      const clamped = clampSpeed(speed);
      update({ speed: clamped });
      send({ type: 'speed', speed: clamped });
    },
    reset() {
      set((s) => ({ playground: clearedRun(s.playground) }));
      scenarioSeq = ++seq;
      send({ type: 'reset', seq: scenarioSeq });
    },
    seek(tMs) {
      send({ type: 'seek', tMs: Math.max(0, Math.min(tMs, pg().scenario.durationMs)) });
    },
    applyKnob(patch) {
      const next = applyScenarioPatch(pg().scenario, patch);
      if (!next.ok) return next.issues.map((i) => i.message).join('; ');
      update({ scenario: next.scenario });
      scenarioSeq = ++seq;
      send({ type: 'knob', patch, seq: scenarioSeq });
      return null;
    },
    loadScenario(scenario, presetId) {
      set((s) => ({
        playground: {
          ...clearedRun(s.playground),
          scenario,
          presetId,
          durationMs: scenario.durationMs,
        },
      }));
      sendLoad(scenario);
    },
    loadPreset(id) {
      if (getPreset(id) === undefined) return;
      actions.loadScenario(presetScenario(id), id);
    },
    importScenario(text) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (err) {
        return [
          `The file is not valid JSON (${err instanceof Error ? err.message : 'parse error'}).`,
        ];
      }
      const parsed = parseScenario(json);
      if (!parsed.ok) return parsed.issues.map((i) => i.message);
      actions.loadScenario(parsed.scenario, null);
      return null;
    },
    injectFault(fault) {
      send({ type: 'fault', fault });
    },
    setAnimate(on) {
      update({ animate: on });
      send({ type: 'animate', on });
    },
    dismissNotice(id) {
      update({ notices: pg().notices.filter((n) => n.id !== id) });
    },
    addNotice(text) {
      const notices = pg().notices;
      update({ notices: [...notices, { id: `n-${++seq}`, text }] });
    },
    requestSeries() {
      const requestId = ++seriesRequest;
      return new Promise((resolve) => {
        if (channel === null) {
          resolve({ windows: [], markers: [] });
          return;
        }
        seriesWaiters.set(requestId, resolve);
        send({ type: 'series', requestId });
      });
    },
  };

  return {
    playground: initialState(decodeScenarioParams('').scenario),
    playgroundActions: actions,
  };
};
