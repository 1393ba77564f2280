/**
 * The UI-side handle on the engine worker: typed `send`, typed event subscription, `terminate`.
 * One client per mounted simulation view; terminating it frees the engine's memory at once.
 */
import type { EngineChannel, WorkerCommand, WorkerEvent } from './engine-protocol';

export interface EngineClient extends EngineChannel {
  /** Listen to worker events; returns an unsubscribe function. */
  subscribe(listener: (event: WorkerEvent) => void): () => void;
  terminate(): void;
}

export function createEngineClient(): EngineClient {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), {
    type: 'module',
    name: 'cachescope-engine',
  });
  const listeners = new Set<(event: WorkerEvent) => void>();
  worker.addEventListener('message', (e: MessageEvent<WorkerEvent>) => {
    for (const listener of listeners) listener(e.data);
  });
  worker.addEventListener('error', (e) => {
    const event: WorkerEvent = {
      type: 'error',
      message: `The simulation worker failed: ${e.message || 'unknown error'}`,
    };
    for (const listener of listeners) listener(event);
  });
  return {
    send(command: WorkerCommand, transfer?: Transferable[]) {
      worker.postMessage(command, transfer ?? []);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    terminate() {
      listeners.clear();
      worker.terminate();
    },
  };
}
