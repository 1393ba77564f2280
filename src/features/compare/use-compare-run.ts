/**
 * Runs compare lanes in lockstep on one shared clock. Each lane has its own engine Web Worker
 * (the app's engine worker); the shared clock only moves forward once every lane has reached it,
 * by asking each worker to seek to the same next simulated time. Lanes therefore never drift
 * apart, however different their speed, and every chart shows the same moment.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MetricWindow, Totals } from '../../sim/engine/engine-types';
import type { Scenario } from '../../sim/scenario/scenario-schema';
import { createEngineClient, type EngineClient } from '../../worker/engine-client';
import type { WorkerEvent } from '../../worker/engine-protocol';

/** Steps the shared clock takes through a run when animated. */
const CLOCK_STEPS = 40;
/** Wall time between clock steps when animated (a 40-step run takes about 3 s). */
const STEP_INTERVAL_MS = 75;

export interface LaneRun {
  readonly tMs: number;
  readonly windows: readonly MetricWindow[];
  readonly totals: Totals | null;
  readonly done: boolean;
  readonly error: string | null;
}

export type RunStatus = 'idle' | 'running' | 'paused' | 'done';

export interface CompareRun {
  readonly status: RunStatus;
  /** The shared clock: every lane has been simulated up to here. */
  readonly clockMs: number;
  readonly lanes: readonly LaneRun[];
  /** Start (or restart) a run; animated moves the clock in steps, otherwise straight to the end. */
  readonly start: (animated: boolean) => void;
  readonly pause: () => void;
  readonly resume: () => void;
  readonly finish: () => void;
}

const EMPTY_LANE: LaneRun = { tMs: 0, windows: [], totals: null, done: false, error: null };

export function useCompareRun(scenarios: readonly Scenario[]): CompareRun {
  const [lanes, setLanes] = useState<LaneRun[]>(() => scenarios.map(() => EMPTY_LANE));
  const [status, setStatus] = useState<RunStatus>('idle');
  const [clockMs, setClockMs] = useState(0);
  const clients = useRef<EngineClient[]>([]);
  const laneState = useRef<LaneRun[]>([]);
  const target = useRef(0);
  const animated = useRef(true);
  const paused = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const scenariosRef = useRef(scenarios);
  useEffect(() => {
    scenariosRef.current = scenarios;
  });

  const stopAll = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    for (const c of clients.current) c.terminate();
    clients.current = [];
  }, []);

  // A change of lanes invalidates the results shown.
  const key = JSON.stringify(scenarios);
  useEffect(() => {
    stopAll();
    laneState.current = scenarios.map(() => EMPTY_LANE);
    setLanes(laneState.current);
    setStatus('idle');
    setClockMs(0);
    return stopAll;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for the scenarios
  }, [key, stopAll]);

  const durationMs = scenarios[0]?.durationMs ?? 0;

  const advanceAll = useCallback((tMs: number) => {
    target.current = tMs;
    for (const c of clients.current) c.send({ type: 'seek', tMs });
  }, []);

  /** Called whenever a lane reports; moves the shared clock when every lane has arrived. */
  const onProgress = useCallback(() => {
    const all = laneState.current;
    if (all.some((l) => l.error !== null)) {
      setStatus('done');
      return;
    }
    const arrived = all.every((l) => l.done || l.tMs >= target.current);
    if (!arrived) return;
    const t = Math.min(...all.map((l) => (l.done ? durationMs : l.tMs)));
    setClockMs(t);
    if (all.every((l) => l.done)) {
      setStatus('done');
      return;
    }
    if (paused.current) return;
    const step = animated.current ? durationMs / CLOCK_STEPS : durationMs;
    timer.current = setTimeout(
      () => {
        timer.current = null;
        advanceAll(Math.min(durationMs, target.current + step));
      },
      animated.current ? STEP_INTERVAL_MS : 0,
    );
  }, [advanceAll, durationMs]);

  const start = useCallback(
    (isAnimated: boolean) => {
      stopAll();
      animated.current = isAnimated;
      paused.current = false;
      target.current = 0;
      const list = scenariosRef.current;
      laneState.current = list.map(() => EMPTY_LANE);
      setLanes(laneState.current);
      setClockMs(0);
      setStatus('running');
      clients.current = list.map((scenario, i) => {
        const client = createEngineClient();
        client.subscribe((event: WorkerEvent) => {
          const prev = laneState.current[i] ?? EMPTY_LANE;
          let next: LaneRun | null = null;
          if (event.type === 'frame') {
            const f = event.frame;
            const reached = f.status !== 'seeking';
            next = {
              ...prev,
              tMs: reached ? f.tMs : prev.tMs,
              windows: f.replace ? f.windows : [...prev.windows, ...f.windows],
              totals: f.totals,
            };
          } else if (event.type === 'done') {
            next = {
              ...prev,
              tMs: durationMs,
              windows: event.windows,
              totals: event.totals,
              done: true,
            };
          } else if (event.type === 'error') {
            next = { ...prev, error: event.message };
          }
          if (next === null) return;
          const copy = [...laneState.current];
          copy[i] = next;
          laneState.current = copy;
          setLanes(copy);
          onProgress();
        });
        client.send({ type: 'load', scenario });
        client.send({ type: 'animate', on: false });
        return client;
      });
      advanceAll(isAnimated ? durationMs / CLOCK_STEPS : durationMs);
    },
    [advanceAll, durationMs, onProgress, stopAll],
  );

  const pause = useCallback(() => {
    paused.current = true;
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    setStatus((s) => (s === 'running' ? 'paused' : s));
  }, []);

  const resume = useCallback(() => {
    if (!paused.current) return;
    paused.current = false;
    setStatus('running');
    onProgress();
  }, [onProgress]);

  const finish = useCallback(() => {
    animated.current = false;
    paused.current = false;
    setStatus('running');
    advanceAll(durationMs);
  }, [advanceAll, durationMs]);

  return { status, clockMs, lanes, start, pause, resume, finish };
}
