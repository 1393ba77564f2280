/**
 * The typed message protocol between the UI thread and the engine Web Worker.
 *
 * The UI sends {@link WorkerCommand}s; the worker answers with {@link WorkerEvent}s. Messages are
 * plain data (structured-clone safe). The worker processes commands in order, so the UI never needs
 * request ids except for the one request/response pair (`series`).
 *
 * Speeds are simulated milliseconds per wall millisecond (1 = real time, 1000 = 1000x).
 */
import type {
  EngineView,
  FaultSpec,
  Marker,
  MetricWindow,
  RequestOutcome,
  RunStop,
  Totals,
  TraceEvent,
} from '../sim/engine/engine-types';
import type { Scenario, ScenarioPatch } from '../sim/scenario/scenario-schema';

/** Slowest and fastest playback speeds the worker accepts (0.01x slow motion to 10,000x). */
export const MIN_SPEED = 0.01;
export const MAX_SPEED = 10_000;

/** Most steps one `step` command may ask for (more are not taken). */
export const MAX_STEP_COUNT = 1000;
/** Most trace events one `stepped` reply carries (the latest ones). */
export const MAX_STEPPED_EVENTS = 2000;

/** Most chart windows the worker sends after a seek (older ones stay in the worker's series). */
export const MAX_CHART_WINDOWS = 300;

export type PlaybackStatus = 'paused' | 'playing' | 'seeking' | 'done';

/**
 * Commands may carry `seq`, a number the sender increases with every command it sends; every
 * frame echoes the highest one the worker has applied (`commandSeq`), so the UI can tell a
 * frame sent before its latest command (already on its way when the command left) from one
 * that answers it.
 */
export type WorkerCommand =
  /**
   * Start a new run of `scenario` at t = 0, paused (also what "reset" does with new settings).
   * A trace replay's key sequence comes along as `traceKeys` (transferred, not copied); the worker
   * keeps it for later loads and resets until another sequence arrives.
   */
  | {
      readonly type: 'load';
      readonly scenario: Scenario;
      readonly seq?: number;
      readonly traceKeys?: Int32Array;
    }
  | { readonly type: 'play'; readonly seq?: number }
  | { readonly type: 'pause'; readonly seq?: number }
  /**
   * Process one engine event or one whole client request (pauses playback); `count` of them
   * (at most {@link MAX_STEP_COUNT}) with one `stepped` reply and one frame.
   */
  | {
      readonly type: 'step';
      readonly unit: 'event' | 'request';
      readonly count?: number;
      readonly seq?: number;
    }
  | { readonly type: 'speed'; readonly speed: number }
  /** Restart at t = 0 with the current (knob-adjusted) scenario, dropping live faults. */
  | { readonly type: 'reset'; readonly seq?: number }
  /** Jump to a simulated time; backwards replays from t = 0 (the run is deterministic). */
  | { readonly type: 'seek'; readonly tMs: number; readonly seq?: number }
  /** Change knobs at the current simulated time (marked on the charts). */
  | { readonly type: 'knob'; readonly patch: ScenarioPatch; readonly seq?: number }
  | { readonly type: 'fault'; readonly fault: FaultSpec }
  /** Whether the UI draws moving request marks (off: no trace sampling, runs faster). */
  | { readonly type: 'animate'; readonly on: boolean }
  /** Ask for the whole metric series so far (CSV export, run summary). */
  | { readonly type: 'series'; readonly requestId: number }
  /** Are you there? The worker answers `pong` with the same id between slices (the watchdog). */
  | { readonly type: 'ping'; readonly id: number };

/** One request drawn on the topology: the lanes it visited, in order, and how it ended. */
export interface TopologyMark {
  readonly requestId: number;
  readonly outcome: RequestOutcome;
  /** Lane names as in {@link TraceEvent.actor} ('client', 'app:0', 'cache', 'db', ...). */
  readonly hops: readonly string[];
}

/** The analytic hit ratio in effect from `fromMs` (null where no formula applies). */
export interface TheorySegment {
  readonly fromMs: number;
  readonly hitRatio: number | null;
}

/** What the UI needs a few times per second while a run is live. */
export interface TickFrame {
  readonly tMs: number;
  readonly durationMs: number;
  readonly status: PlaybackStatus;
  /** Requested speed and the speed actually achieved over the last second (lower when the engine cannot keep up). */
  readonly speed: number;
  readonly achievedSpeed: number;
  /** New completed windows since the previous frame; when `replace` is set, the recent series. */
  readonly windows: readonly MetricWindow[];
  readonly replace: boolean;
  readonly totals: Totals;
  readonly view: EngineView;
  readonly markers: readonly Marker[];
  /** The scenario in effect now (the loaded one plus live knob changes). */
  readonly scenario: Scenario;
  /**
   * `seq` of the last load/reset/knob command handled. The UI ignores `scenario` from frames
   * older than its own latest change, so a control never flickers back while a change is in flight.
   */
  readonly scenarioSeq: number;
  /**
   * The highest `seq` of any command applied so far (a command deferred during a seek counts once
   * it applies): a frame whose `commandSeq` is below the UI's latest command was sent before that
   * command took effect, and says nothing about it.
   */
  readonly commandSeq: number;
  /** Steady-state hit-ratio predictions over the run, one segment per knob change. */
  readonly theory: readonly TheorySegment[];
  /** Sampled requests to animate (empty when animation is off). */
  readonly marks: readonly TopologyMark[];
  /**
   * False when the engine runs without its trace (animation off, or after a long fast-forward,
   * which runs untraced because tracing costs about two thirds of the engine's speed).
   */
  readonly marksAvailable: boolean;
  /** Seek progress 0..1 while seeking, else null. */
  readonly progress: number | null;
  /** Present once the run ended early because its backlog passed a cap (then status is 'done'). */
  readonly stopped?: RunStop;
}

export type WorkerEvent =
  | { readonly type: 'frame'; readonly frame: TickFrame }
  /** The trace events one step produced, in order. */
  | {
      readonly type: 'stepped';
      readonly unit: 'event' | 'request';
      readonly events: readonly TraceEvent[];
    }
  | {
      readonly type: 'series';
      readonly requestId: number;
      readonly windows: readonly MetricWindow[];
      readonly markers: readonly Marker[];
    }
  /** The run reached its duration: the whole series, for the run summary. */
  | {
      readonly type: 'done';
      readonly totals: Totals;
      readonly windows: readonly MetricWindow[];
      readonly markers: readonly Marker[];
      readonly scenario: Scenario;
      /** Present when the run ended early at a backlog cap (the run summary says so). */
      readonly stopped?: RunStop;
    }
  /**
   * The run as a scenario that replays it (the starting scenario plus the changes made live, as
   * `changes`), sent whenever that changes; `seq` as in frames.
   */
  | { readonly type: 'recorded'; readonly scenario: Scenario; readonly seq: number }
  | { readonly type: 'error'; readonly message: string }
  /** The answer to `ping`. */
  | { readonly type: 'pong'; readonly id: number };

/** Anything that can carry commands to the worker (the real worker client, or a test double). */
export interface EngineChannel {
  /** `transfer`: buffers moved to the worker instead of copied (a trace's key sequence). */
  send(command: WorkerCommand, transfer?: Transferable[]): void;
}

const COMMAND_TYPES = new Set<string>([
  'load',
  'play',
  'pause',
  'step',
  'speed',
  'reset',
  'seek',
  'knob',
  'fault',
  'animate',
  'series',
  'ping',
]);

function isFiniteNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/**
 * Checks the envelope of a message arriving in the worker. The worker has one sender (this app),
 * but a malformed message must produce an error event, not a crashed worker.
 */
export function checkCommand(
  data: unknown,
): { ok: true; command: WorkerCommand } | { ok: false; message: string } {
  if (typeof data !== 'object' || data === null)
    return { ok: false, message: 'command must be an object' };
  const msg = data as Record<string, unknown>;
  const type = msg['type'];
  if (typeof type !== 'string' || !COMMAND_TYPES.has(type))
    return { ok: false, message: `unknown command type ${JSON.stringify(type)}` };
  if (msg['seq'] !== undefined && !isFiniteNumber(msg['seq']))
    return { ok: false, message: `${type}.seq must be a number` };
  switch (type) {
    case 'step':
      if (msg['unit'] !== 'event' && msg['unit'] !== 'request')
        return { ok: false, message: 'step.unit must be "event" or "request"' };
      if (
        msg['count'] !== undefined &&
        (!Number.isInteger(msg['count']) || (msg['count'] as number) < 1)
      )
        return { ok: false, message: 'step.count must be a positive integer' };
      break;
    case 'speed':
      if (!isFiniteNumber(msg['speed']) || msg['speed'] <= 0)
        return { ok: false, message: 'speed.speed must be a positive number' };
      break;
    case 'seek':
      if (!isFiniteNumber(msg['tMs']) || msg['tMs'] < 0)
        return { ok: false, message: 'seek.tMs must be a non-negative number' };
      break;
    case 'series':
      if (!isFiniteNumber(msg['requestId']))
        return { ok: false, message: 'series.requestId must be a number' };
      break;
    case 'ping':
      if (!isFiniteNumber(msg['id'])) return { ok: false, message: 'ping.id must be a number' };
      break;
    case 'load':
      if (typeof msg['scenario'] !== 'object' || msg['scenario'] === null)
        return { ok: false, message: 'load.scenario must be a scenario object' };
      if (msg['traceKeys'] !== undefined && !(msg['traceKeys'] instanceof Int32Array))
        return { ok: false, message: 'load.traceKeys must be an Int32Array of key ids' };
      break;
    case 'knob':
      if (typeof msg['patch'] !== 'object' || msg['patch'] === null)
        return { ok: false, message: 'knob.patch must be a patch object' };
      break;
    case 'fault':
      if (typeof msg['fault'] !== 'object' || msg['fault'] === null)
        return { ok: false, message: 'fault.fault must be a fault object' };
      break;
    case 'animate':
      if (typeof msg['on'] !== 'boolean')
        return { ok: false, message: 'animate.on must be true or false' };
      break;
    default:
      break;
  }
  return { ok: true, command: data as WorkerCommand };
}

/** Clamp a requested speed into the supported range. */
export function clampSpeed(speed: number): number {
  if (!Number.isFinite(speed)) return 1;
  return Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed));
}
