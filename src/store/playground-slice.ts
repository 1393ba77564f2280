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
import {
  replayOf,
  traceReplayScenario,
  withoutTraceReplay,
  type TraceReplayInfo,
} from '../sim/scenario/trace-replay';
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
  /**
   * The run as a scenario that replays it: what it started from, with the knob changes and faults
   * made while it played recorded in `changes` at their simulated times (the worker reports them
   * with the time each took effect). Links and exports carry this one.
   */
  readonly recorded: Scenario;
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
  /**
   * Playback commands for the worker. Which of them a button or key may send, and what the UI
   * shows meanwhile, is the Playground's playback machine (features/playground/playback.machine).
   */
  /**
   * Each returns the `seq` its command carries (see WorkerCommand): frames whose `commandSeq` is
   * below it were sent before the worker applied it.
   */
  readonly play: () => number;
  readonly pause: () => number;
  readonly step: (unit: 'event' | 'request') => number;
  readonly setSpeed: (speed: number) => void;
  readonly reset: () => number;
  readonly seek: (tMs: number) => number;
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
  /**
   * Replay a loaded trace: the current scenario with its keys taken from `keys` in order (see
   * sim/scenario/trace-replay.ts). The keys stay here and go to the worker with every load.
   * Returns the problems (nothing changes) or null.
   */
  readonly replayTrace: (
    name: string,
    keys: Int32Array,
    uniqueKeys: number,
  ) => readonly string[] | null;
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
    recorded: scenario,
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

/**
 * `next` with `prev`'s values wherever they are equal (the same scenario, both lists empty), and
 * `prev` itself when nothing changed: components select single fields, and an equal field with
 * a new identity would re-render them for nothing.
 */
function keepEqual(prev: PlaygroundState, next: PlaygroundState): PlaygroundState {
  const out: Record<string, unknown> = { ...next };
  let changed = false;
  for (const key of Object.keys(next) as (keyof PlaygroundState)[]) {
    const a: unknown = prev[key];
    const b: unknown = next[key];
    const same =
      Object.is(a, b) ||
      (Array.isArray(a) && Array.isArray(b) && a.length === 0 && b.length === 0) ||
      ((key === 'scenario' || key === 'recorded') && JSON.stringify(a) === JSON.stringify(b));
    if (same) out[key] = a;
    else changed = true;
  }
  return changed ? (out as unknown as PlaygroundState) : prev;
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
  const send = (command: WorkerCommand, transfer?: Transferable[]): void => {
    channel?.send(command, transfer);
  };

  /** The key sequence of the trace being replayed (kept here: a new worker needs it again). */
  let replayKeys: { readonly info: TraceReplayInfo; readonly keys: Int32Array } | null = null;
  const keysFor = (scenario: Scenario): Int32Array | null => {
    const info = replayOf(scenario);
    return info !== null && JSON.stringify(info) === JSON.stringify(replayKeys?.info)
      ? (replayKeys?.keys ?? null)
      : null;
  };
  const sendLoad = (scenario: Scenario): void => {
    scenarioSeq = ++seq;
    const keys = keysFor(scenario);
    if (keys === null) {
      send({ type: 'load', scenario, seq: scenarioSeq });
      return;
    }
    // A copy moves to the worker (transferred, not cloned); the original stays for later loads.
    const traceKeys = keys.slice();
    send({ type: 'load', scenario, seq: scenarioSeq, traceKeys }, [traceKeys.buffer]);
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
      const current = pg().scenario;
      // The URL of the replay being shown (arriving from the Traces page, or coming back to
      // the page): keep it, keys and all.
      if (keysFor(current) !== null && search === actions.searchString()) {
        set((s) => ({ playground: clearedRun(s.playground) }));
        sendLoad(current);
        return;
      }
      const decoded = decodeScenarioParams(search);
      const params = new URLSearchParams(search);
      const linkedTrace = params.get('pop') === 'trace' || replayOf(decoded.scenario) !== null;
      const notices = decoded.notices
        .filter((n) => !linkedTrace || (!n.param.startsWith('trace') && n.param !== 'pop'))
        .map((n, i) => ({ id: `url-${i}-${n.param}`, text: n.message }));
      const keysMissing = linkedTrace && keysFor(decoded.scenario) === null;
      if (keysMissing) {
        const name = (params.get('trace') ?? '').slice(0, 80);
        notices.push({
          id: 'url-trace',
          text: `This link was made from a replay of ${name === '' ? 'a trace' : `the trace “${name}”`}. Links never carry a trace’s keys, so this runs with Zipf keys instead. To replay the trace, load it on the Traces page and press Replay in the Playground.`,
        });
      }
      const scenario = keysMissing ? withoutTraceReplay(decoded.scenario) : decoded.scenario;
      set((s) => ({
        // Arriving on the page reads the URL; when that is what the store already holds (a first
        // visit without parameters), nothing the page shows changes, so nothing re-renders.
        playground: keepEqual(s.playground, {
          ...clearedRun(s.playground),
          scenario,
          recorded: scenario,
          presetId: decoded.presetId,
          durationMs: scenario.durationMs,
          notices,
        }),
      }));
      sendLoad(scenario);
    },
    searchString() {
      const s = pg();
      return encodeScenarioParams(s.recorded, s.presetId).toString();
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
        case 'recorded':
          // Only the answer to the latest run-changing command describes this run.
          if (event.seq >= scenarioSeq) update({ recorded: event.scenario });
          break;
        case 'error':
          update({ error: event.message });
          break;
      }
    },
    play() {
      update({ error: null });
      const n = ++seq;
      send({ type: 'play', seq: n });
      return n;
    },
    pause() {
      const n = ++seq;
      send({ type: 'pause', seq: n });
      return n;
    },
    step(unit) {
      const n = ++seq;
      send({ type: 'step', unit, seq: n });
      return n;
    },
    setSpeed(speed) {
      const clamped = clampSpeed(speed);
      update({ speed: clamped });
      send({ type: 'speed', speed: clamped });
    },
    reset() {
      // A new run from the settings in effect now; the timeline that led to them is not replayed.
      set((s) => {
        const scenario = { ...s.playground.scenario, changes: [] };
        return { playground: { ...clearedRun(s.playground), scenario, recorded: scenario } };
      });
      scenarioSeq = ++seq;
      send({ type: 'reset', seq: scenarioSeq });
      return scenarioSeq;
    },
    seek(tMs) {
      const n = ++seq;
      send({ type: 'seek', tMs: Math.max(0, Math.min(tMs, pg().scenario.durationMs)), seq: n });
      return n;
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
          recorded: scenario,
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
      const trace = replayOf(parsed.scenario);
      if (trace !== null && keysFor(parsed.scenario) === null)
        return [
          `This scenario replays the trace “${trace.name}” (${trace.requests} requests), which is not in the file. Load that trace on the Traces page and press Replay in the Playground.`,
        ];
      actions.loadScenario(parsed.scenario, null);
      return null;
    },
    injectFault(fault) {
      // Recorded (with the time it struck) when the worker reports the run as a scenario.
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
    replayTrace(name, keys, uniqueKeys) {
      const info = { name, requests: keys.length, uniqueKeys };
      const next = traceReplayScenario(pg().scenario, info);
      if (!next.ok) return next.issues.map((i) => i.message);
      replayKeys = { info: replayOf(next.scenario) ?? info, keys };
      actions.loadScenario(next.scenario, null);
      return null;
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
