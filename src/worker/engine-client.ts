/**
 * The UI-side handle on the engine worker: typed `send`, typed event subscription, `terminate`.
 * One client per mounted simulation view; terminating it frees the engine's memory at once.
 *
 * A watchdog pings the worker every {@link WATCHDOG_PING_MS}; the worker answers between slices,
 * so with the session's work budget it answers within a slice (~30-60 ms). When nothing at all
 * comes back for {@link WATCHDOG_TIMEOUT_MS}, the worker is stuck (or died without an error
 * event): the client terminates it, starts a new one, replays the commands that define the run
 * (the last `load`, the knob changes since, speed and animation), and tells its listeners with an
 * `error` event saying so. The run then starts again from t = 0. If the same run hangs again, the
 * new worker is left idle (a scenario that hangs would otherwise restart forever) until the next
 * `load`.
 */
import type { EngineChannel, WorkerCommand, WorkerEvent } from './engine-protocol';

/** How often the client asks the worker whether it is alive. */
export const WATCHDOG_PING_MS = 1_000;
/** Silence after a ping that counts as a stuck worker. */
export const WATCHDOG_TIMEOUT_MS = 8_000;
/**
 * A watchdog tick this late means the page's own thread was busy (its timers and the worker's
 * replies both waited): the silence says nothing about the worker, so the ping starts over.
 */
const LATE_TICK_MS = 3 * WATCHDOG_PING_MS;

export interface EngineClient extends EngineChannel {
  /** Listen to worker events; returns an unsubscribe function. */
  subscribe(listener: (event: WorkerEvent) => void): () => void;
  terminate(): void;
}

/** The part of a Worker the client uses (a fake in tests). */
export interface WorkerLike {
  postMessage(message: WorkerCommand, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((e: { readonly data: WorkerEvent }) => void) | null;
  onerror: ((e: { readonly message?: string }) => void) | null;
}

export interface EngineClientDeps {
  readonly createWorker: () => WorkerLike;
  readonly now: () => number;
  readonly setInterval: (fn: () => void, ms: number) => unknown;
  readonly clearInterval: (handle: unknown) => void;
}

function browserDeps(): EngineClientDeps {
  return {
    createWorker: () =>
      new Worker(new URL('./engine.worker.ts', import.meta.url), {
        type: 'module',
        name: 'cachescope-engine',
      }) as unknown as WorkerLike,
    now: () => performance.now(),
    setInterval: (fn, ms) => window.setInterval(fn, ms),
    clearInterval: (handle) => {
      window.clearInterval(handle as number);
    },
  };
}

/** The message listeners get when the watchdog replaced a stuck worker. */
export function restartMessage(silentMs: number, replayed: boolean): string {
  const silent = `The simulation stopped answering for ${Math.round(silentMs / 1000)} s`;
  return replayed
    ? `${silent}, so it was restarted: the run starts again from 0 with the same settings.`
    : `${silent} again with these settings, so it was stopped. Load a preset or a smaller scenario.`;
}

export function createEngineClient(deps: EngineClientDeps = browserDeps()): EngineClient {
  const listeners = new Set<(event: WorkerEvent) => void>();
  const emit = (event: WorkerEvent): void => {
    for (const listener of listeners) listener(event);
  };
  /** What defines the run: the last load and the knob changes after it, then speed, animation. */
  let runCommands: WorkerCommand[] = [];
  let speed: WorkerCommand | null = null;
  let animate: WorkerCommand | null = null;
  let lastHeard = deps.now();
  let pingSentAt: number | null = null;
  let lastTick = deps.now();
  let pingId = 0;
  /** The run was replayed once after a restart; a second hang gives up on it. */
  let replayedRun = false;
  /** The highest command `seq` sent: a restarted worker's frames must not echo less. */
  let lastSeq = 0;
  let worker = start();

  function start(): WorkerLike {
    const w = deps.createWorker();
    w.onmessage = (e) => {
      lastHeard = deps.now();
      if (e.data.type === 'pong') return;
      emit(e.data);
    };
    w.onerror = (e) => {
      lastHeard = deps.now();
      emit({
        type: 'error',
        message: `The simulation worker failed: ${e.message ?? 'unknown error'}`,
      });
    };
    return w;
  }

  function remember(command: WorkerCommand): void {
    const seq = 'seq' in command ? command.seq : undefined;
    if (seq !== undefined) lastSeq = Math.max(lastSeq, seq);
    if (command.type === 'load') {
      // A trace replay's keys are transferred to the worker (their buffer is detached here once
      // posted): keep a copy, so a restarted worker can be given the same run.
      const keys = command.traceKeys;
      runCommands = [keys === undefined ? command : { ...command, traceKeys: keys.slice() }];
      replayedRun = false;
    } else if (command.type === 'knob') runCommands.push(command);
    else if (command.type === 'speed') speed = command;
    else if (command.type === 'animate') animate = command;
  }

  function restart(silentMs: number): void {
    worker.onmessage = null;
    worker.onerror = null;
    worker.terminate();
    worker = start();
    lastHeard = deps.now();
    pingSentAt = null;
    // Replay the run once; when the same run hangs again, keep the fresh worker idle instead of
    // restarting it every few seconds.
    const replay = !replayedRun;
    replayedRun = true;
    if (!replay) runCommands = [];
    // The new worker's run replaces whatever the old one was told: its frames answer every
    // command sent so far, so the replay carries the latest seq (a load with no seq says so too).
    const replayed = [...runCommands, speed, animate].filter((c) => c !== null);
    replayed.push({ type: 'pause', seq: lastSeq });
    for (const c of replayed) worker.postMessage(c);
    emit({ type: 'error', message: restartMessage(silentMs, replay) });
  }

  const watchdog = deps.setInterval(() => {
    const now = deps.now();
    const late = now - lastTick > LATE_TICK_MS;
    lastTick = now;
    if (late) pingSentAt = null;
    if (pingSentAt !== null && lastHeard < pingSentAt) {
      if (now - pingSentAt >= WATCHDOG_TIMEOUT_MS) restart(now - pingSentAt);
      return;
    }
    pingSentAt = now;
    worker.postMessage({ type: 'ping', id: ++pingId });
  }, WATCHDOG_PING_MS);

  return {
    send(command: WorkerCommand, transfer?: Transferable[]) {
      remember(command);
      worker.postMessage(command, transfer ?? []);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    terminate() {
      deps.clearInterval(watchdog);
      listeners.clear();
      worker.onmessage = null;
      worker.onerror = null;
      worker.terminate();
    },
  };
}
