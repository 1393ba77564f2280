/**
 * The engine's Web Worker entry. It owns one {@link EngineSession}: the UI thread only sends
 * commands and renders frames, so a heavy simulation never blocks input or painting.
 */
import { createEngine, restoreEngine } from '../sim/engine/engine';
import { checkCommand, type WorkerEvent } from './engine-protocol';
import { EngineSession } from './engine-session';
import type { Scenario } from '../sim/scenario/scenario-schema';

const scope = self as unknown as {
  postMessage(message: WorkerEvent): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<unknown>) => void): void;
};

let session: EngineSession | null = null;

function post(event: WorkerEvent): void {
  scope.postMessage(event);
}

scope.addEventListener('message', (e) => {
  const checked = checkCommand(e.data);
  if (!checked.ok) {
    post({ type: 'error', message: `Ignored a malformed command: ${checked.message}` });
    return;
  }
  const command = checked.command;
  if (command.type === 'ping') {
    // Answered here, between slices: a reply proves the worker is not stuck in one.
    post({ type: 'pong', id: command.id });
    return;
  }
  if (session === null) {
    if (command.type !== 'load') return; // nothing to act on before the first scenario arrives
    try {
      session = createSession(command.scenario, command.traceKeys);
    } catch (err) {
      // E.g. a trace replay whose keys did not come along: say so, and wait for the next load.
      post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
      return;
    }
  }
  session.handle(command);
});

function createSession(scenario: Scenario, traceKeys: Int32Array | undefined): EngineSession {
  return new EngineSession(
    {
      createEngine,
      restoreEngine,
      post,
      now: () => performance.now(),
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (handle) => {
        clearTimeout(handle as ReturnType<typeof setTimeout>);
      },
    },
    scenario,
    traceKeys,
  );
}
