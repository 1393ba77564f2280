import { describe, expect, it } from 'vitest';
import {
  createEngineClient,
  WATCHDOG_PING_MS,
  WATCHDOG_TIMEOUT_MS,
  type WorkerLike,
} from './engine-client';
import type { WorkerCommand, WorkerEvent } from './engine-protocol';
import { parseScenario } from '../sim/scenario/scenario-schema';

class FakeWorker implements WorkerLike {
  onmessage: ((e: { readonly data: WorkerEvent }) => void) | null = null;
  onerror: ((e: { readonly message?: string }) => void) | null = null;
  readonly received: WorkerCommand[] = [];
  terminated = false;
  /** A stuck worker takes messages and never answers. */
  constructor(private readonly answers: boolean) {}
  postMessage(message: WorkerCommand, transfer?: Transferable[]): void {
    // Like a real worker: a transferred buffer is detached from the sender.
    for (const t of transfer ?? [])
      if (t instanceof ArrayBuffer) structuredClone(t, { transfer: [t] });
    this.received.push(message);
    if (this.answers && message.type === 'ping')
      this.onmessage?.({ data: { type: 'pong', id: message.id } });
  }
  terminate(): void {
    this.terminated = true;
  }
}

function setup(firstAnswers: boolean) {
  let wall = 0;
  let tick: (() => void) | null = null;
  const workers: FakeWorker[] = [];
  const client = createEngineClient({
    createWorker: () => {
      const w = new FakeWorker(workers.length > 0 || firstAnswers);
      workers.push(w);
      return w;
    },
    now: () => wall,
    setInterval: (fn) => {
      tick = fn;
      return 1;
    },
    clearInterval: () => {
      tick = null;
    },
  });
  const events: WorkerEvent[] = [];
  client.subscribe((e) => events.push(e));
  /** Let `ms` of wall time pass, firing the watchdog on its interval. */
  const pass = (ms: number) => {
    for (let t = 0; t < ms; t += WATCHDOG_PING_MS) {
      wall += WATCHDOG_PING_MS;
      tick?.();
    }
  };
  /** The page's thread is blocked for `ms`: its timer fires once, late. */
  const stall = (ms: number) => {
    wall += ms;
    tick?.();
  };
  return { client, workers, events, pass, stall };
}

const scenario = (() => {
  const r = parseScenario({});
  if (!r.ok) throw new Error('invalid');
  return r.scenario;
})();

describe('engine client watchdog', () => {
  it('leaves a worker that answers alone, and passes no pongs to listeners', () => {
    const { client, workers, events, pass } = setup(true);
    client.send({ type: 'load', scenario, seq: 1 });
    pass(30_000);
    expect(workers).toHaveLength(1);
    expect(events).toEqual([]);
    client.terminate();
    expect(workers[0]?.terminated).toBe(true);
  });

  it('replaces a worker that stops answering, replays the run and says so', () => {
    const { client, workers, events, pass } = setup(false);
    client.send({ type: 'load', scenario, seq: 1 });
    client.send({ type: 'knob', patch: { cache: { ttlMs: 5 } }, seq: 2 });
    client.send({ type: 'speed', speed: 100 });
    client.send({ type: 'play', seq: 3 });
    pass(WATCHDOG_TIMEOUT_MS);
    expect(workers).toHaveLength(1);
    pass(2 * WATCHDOG_PING_MS);
    expect(workers).toHaveLength(2);
    expect(workers[0]?.terminated).toBe(true);
    // The run again, paused at 0, answering every command sent so far (Play's seq 3 included).
    expect(workers[1]?.received.filter((c) => c.type !== 'ping')).toEqual([
      { type: 'load', scenario, seq: 1 },
      { type: 'knob', patch: { cache: { ttlMs: 5 } }, seq: 2 },
      { type: 'speed', speed: 100 },
      { type: 'pause', seq: 3 },
    ]);
    expect(events).toHaveLength(1);
    const e = events[0];
    expect(e?.type === 'error' && e.message).toMatch(
      /stopped answering for \d+ s, so it was restarted: the run starts again from 0/,
    );
    // The new worker answers: no further restarts.
    pass(30_000);
    expect(workers).toHaveLength(2);
  });

  it('gives a restarted worker the trace replay keys the first one was given', () => {
    const { client, workers, pass } = setup(false);
    const keys = Int32Array.from([3, 1, 4, 1, 5]);
    client.send({ type: 'load', scenario, seq: 1, traceKeys: keys }, [keys.buffer]);
    expect(keys.length).toBe(0);
    pass(WATCHDOG_TIMEOUT_MS + 2 * WATCHDOG_PING_MS);
    expect(workers).toHaveLength(2);
    const load = workers[1]?.received.find((c) => c.type === 'load');
    expect(load?.type === 'load' ? [...(load.traceKeys ?? [])] : null).toEqual([3, 1, 4, 1, 5]);
  });

  it('does not blame the worker for a page that was too busy to hear it', () => {
    const { client, workers, events, pass, stall } = setup(false);
    client.send({ type: 'load', scenario, seq: 1 });
    pass(WATCHDOG_PING_MS);
    // The page's thread was blocked for 20 s: one late tick, then the worker is asked afresh.
    stall(20_000);
    expect(workers).toHaveLength(1);
    expect(events).toEqual([]);
    // A worker that then stays silent while the page is responsive is still replaced.
    pass(WATCHDOG_TIMEOUT_MS + WATCHDOG_PING_MS);
    expect(workers).toHaveLength(2);
  });

  it('gives up on a run that hangs again after its restart, until the next load', () => {
    let wall = 0;
    const timer: { tick: () => void } = { tick: () => undefined };
    const workers: WorkerLike[] = [];
    const client = createEngineClient({
      createWorker: () => {
        // The first two hang on the run; an idle worker answers.
        const w = new FakeWorker(workers.length >= 2);
        workers.push(w);
        return w;
      },
      now: () => wall,
      setInterval: (fn) => {
        timer.tick = fn;
        return 1;
      },
      clearInterval: () => undefined,
    });
    const messages: string[] = [];
    client.subscribe((e) => {
      if (e.type === 'error') messages.push(e.message);
    });
    client.send({ type: 'load', scenario, seq: 1 });
    for (let i = 0; i < 20; i++) {
      wall += WATCHDOG_PING_MS;
      timer.tick();
    }
    expect(messages).toHaveLength(2);
    expect(messages[1]).toMatch(/again with these settings, so it was stopped/);
    expect(workers).toHaveLength(3);
    const idle = workers[2] as FakeWorker;
    expect(idle.received.filter((c) => c.type === 'load')).toEqual([]);
    // The next load goes to the idle worker as usual.
    client.send({ type: 'load', scenario, seq: 2 });
    expect(idle.received.filter((c) => c.type === 'load')).toHaveLength(1);
  });
});
