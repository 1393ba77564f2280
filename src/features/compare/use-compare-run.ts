/**
 * Runs every Compare lane on several seeds, each run to the end as fast as the engine goes, in a
 * small pool of Web Workers (one per core, at most four). Results arrive per run; the table waits
 * for all of them. An optional replay then plays the finished series back over wall time, for a
 * projector, without running anything again.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MetricWindow, Totals } from '../../sim/engine/engine-types';
import type { Scenario } from '../../sim/scenario/scenario-schema';
import type { CompareJob, CompareWorkerEvent } from './compare-protocol';
import { laneSeeds, SEEDS_PER_LANE } from './compare-stats';

/** Most workers a compare run starts (lanes x seeds jobs share them). */
const MAX_WORKERS = 4;

export interface SeedRun {
  readonly seed: number;
  readonly totals: Totals;
  readonly windows: readonly MetricWindow[];
  readonly wallMs: number;
}

export interface LaneResult {
  /** Finished runs in seed order; a slot stays null until its run is done. */
  readonly runs: readonly (SeedRun | null)[];
  readonly error: string | null;
}

export type RunStatus = 'idle' | 'running' | 'done' | 'stopped' | 'failed';

export interface CompareRun {
  readonly status: RunStatus;
  readonly lanes: readonly LaneResult[];
  /** Share of the total simulated time done, 0-1. */
  readonly progress: number;
  /** Wall time from start to the last result, once done. */
  readonly wallMs: number | null;
  readonly workers: number;
  readonly seeds: readonly number[];
  readonly start: () => void;
  readonly stop: () => void;
}

function emptyLanes(count: number): LaneResult[] {
  return Array.from({ length: count }, () => ({
    runs: Array.from({ length: SEEDS_PER_LANE }, () => null),
    error: null,
  }));
}

function workerCount(jobs: number): number {
  const cores = typeof navigator === 'undefined' ? 2 : navigator.hardwareConcurrency || 2;
  return Math.max(1, Math.min(jobs, cores, MAX_WORKERS));
}

export function useCompareRun(scenarios: readonly Scenario[]): CompareRun {
  const [status, setStatus] = useState<RunStatus>('idle');
  const [lanes, setLanes] = useState<LaneResult[]>(() => emptyLanes(scenarios.length));
  const [progress, setProgress] = useState(0);
  const [wallMs, setWallMs] = useState<number | null>(null);
  const [workers, setWorkers] = useState(0);
  const pool = useRef<Worker[]>([]);
  const scenariosRef = useRef(scenarios);
  useEffect(() => {
    scenariosRef.current = scenarios;
  });

  /** Terminate the pool; true when a run was still going. */
  const stopWorkers = useCallback((): boolean => {
    const running = pool.current.length > 0;
    for (const w of pool.current) w.terminate();
    pool.current = [];
    return running;
  }, []);

  // New lanes make the results shown meaningless: stop any run still going; the state below is
  // only shown while it belongs to the lanes on screen.
  const key = JSON.stringify(scenarios);
  const [runKey, setRunKey] = useState<string | null>(null);
  useEffect(
    () => () => {
      if (stopWorkers()) setStatus('stopped');
    },
    [key, stopWorkers],
  );

  const start = useCallback(() => {
    stopWorkers();
    const list = scenariosRef.current;
    const jobs: { lane: number; slot: number; scenario: Scenario }[] = [];
    list.forEach((scenario, lane) => {
      laneSeeds(scenario.seed).forEach((seed, slot) => {
        jobs.push({ lane, slot, scenario: { ...scenario, seed } });
      });
    });
    const totalSimMs = jobs.reduce((sum, j) => sum + j.scenario.durationMs, 0);
    const simDone = jobs.map(() => 0);
    let state = emptyLanes(list.length);
    let next = 0;
    let finished = 0;
    const started = performance.now();
    setLanes(state);
    setProgress(0);
    setWallMs(null);
    setStatus('running');
    setRunKey(JSON.stringify(list));

    const update = (lane: number, change: (l: LaneResult) => LaneResult) => {
      state = state.map((l, i) => (i === lane ? change(l) : l));
      setLanes(state);
    };
    const dispatch = (worker: Worker) => {
      const jobId = next++;
      const job = jobs[jobId];
      if (job === undefined) return;
      const message: CompareJob = { type: 'run', jobId, scenario: job.scenario };
      worker.postMessage(message);
    };
    const settle = (worker: Worker) => {
      finished++;
      setProgress(simDone.reduce((a, b) => a + b, 0) / totalSimMs);
      if (finished === jobs.length) {
        setWallMs(performance.now() - started);
        setStatus(state.some((l) => l.error !== null) ? 'failed' : 'done');
        stopWorkers();
      } else {
        dispatch(worker);
      }
    };

    const size = workerCount(jobs.length);
    setWorkers(size);
    pool.current = Array.from({ length: size }, (_, w) => {
      const worker = new Worker(new URL('./compare.worker.ts', import.meta.url), {
        type: 'module',
        name: `cachescope-compare-${w}`,
      });
      worker.addEventListener('message', (e: MessageEvent<CompareWorkerEvent>) => {
        const event = e.data;
        const job = jobs[event.jobId];
        if (job === undefined) return;
        if (event.type === 'progress') {
          simDone[event.jobId] = event.tMs;
          setProgress(simDone.reduce((a, b) => a + b, 0) / totalSimMs);
          return;
        }
        if (event.type === 'done') {
          simDone[event.jobId] = job.scenario.durationMs;
          const run: SeedRun = {
            seed: job.scenario.seed,
            totals: event.totals,
            windows: event.windows,
            wallMs: event.wallMs,
          };
          update(job.lane, (l) => ({
            ...l,
            runs: l.runs.map((r, s) => (s === job.slot ? run : r)),
          }));
        } else {
          simDone[event.jobId] = job.scenario.durationMs;
          update(job.lane, (l) => ({
            ...l,
            error: l.error ?? `seed ${job.scenario.seed}: ${event.message}`,
          }));
        }
        settle(worker);
      });
      worker.addEventListener('error', (e) => {
        e.preventDefault();
        stopWorkers();
        state = state.map((l) => ({
          ...l,
          error: l.error ?? `the compare worker failed: ${e.message || 'unknown error'}`,
        }));
        setLanes(state);
        setStatus('failed');
      });
      dispatch(worker);
      return worker;
    });
  }, [stopWorkers]);

  const stop = useCallback(() => {
    if (stopWorkers()) setStatus('stopped');
  }, [stopWorkers]);

  if (runKey !== key) {
    return {
      status: 'idle',
      lanes: emptyLanes(scenarios.length),
      progress: 0,
      wallMs: null,
      workers: 0,
      seeds: laneSeeds(scenarios[0]?.seed ?? 0),
      start,
      stop,
    };
  }
  return {
    status,
    lanes,
    progress,
    wallMs,
    workers,
    seeds: laneSeeds(scenarios[0]?.seed ?? 0),
    start,
    stop,
  };
}

/** Wall time a replay of the whole run takes at 1x. */
export const REPLAY_WALL_MS = 15_000;

export interface Replay {
  /** Simulated time shown, or null when not replaying (everything shown). */
  readonly clockMs: number | null;
  readonly playing: boolean;
  readonly play: () => void;
  readonly pause: () => void;
  readonly reset: () => void;
}

/** Plays finished series back: a clock that sweeps 0..durationMs over REPLAY_WALL_MS of wall time. */
export function useReplay(durationMs: number): Replay {
  const [clockMs, setClockMs] = useState<number | null>(null);
  const [playing, setPlaying] = useState(false);
  const frame = useRef<number | null>(null);
  const clockRef = useRef<number | null>(null);

  const cancel = useCallback(() => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    frame.current = null;
  }, []);
  useEffect(() => cancel, [cancel]);

  const play = useCallback(() => {
    cancel();
    const from = clockRef.current === null || clockRef.current >= durationMs ? 0 : clockRef.current;
    const startWall = performance.now();
    setPlaying(true);
    const tick = () => {
      const t = Math.min(
        durationMs,
        from + ((performance.now() - startWall) / REPLAY_WALL_MS) * durationMs,
      );
      clockRef.current = t;
      setClockMs(t);
      if (t >= durationMs) {
        frame.current = null;
        setPlaying(false);
        return;
      }
      frame.current = requestAnimationFrame(tick);
    };
    clockRef.current = from;
    setClockMs(from);
    frame.current = requestAnimationFrame(tick);
  }, [cancel, durationMs]);

  const pause = useCallback(() => {
    cancel();
    setPlaying(false);
  }, [cancel]);

  const reset = useCallback(() => {
    cancel();
    clockRef.current = null;
    setClockMs(null);
    setPlaying(false);
  }, [cancel]);

  return { clockMs, playing, play, pause, reset };
}
