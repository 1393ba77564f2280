/**
 * One trace analysis at a time: an analysing Web Worker parses the trace and computes its stats
 * and LRU curve; then the simulated runs (every other policy x size) go out over a small pool of
 * workers (that one plus `poolSize - 1` more, each with its own transferred copy of the keys),
 * one run at a time to whichever is free. Starting a run, cancelling or unmounting terminates
 * every worker, so a long parse or simulation really stops.
 */
import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import type { ReuseHistogram } from '../../sim/trace/reuse-histogram';
import type { TraceReport, TraceRunInput } from '../../sim/trace/trace-report';
import {
  PolicyRunPlan,
  poolSize,
  type PoolEvent,
  type PoolLoadMessage,
  type PoolRunMessage,
} from './policy-run-pool';
import type { AnalyseRequest, TraceWorkerEvent } from './traces-model';

export type TraceRunState =
  | { readonly status: 'idle' }
  | {
      readonly status: 'reading';
      readonly bytesRead: number;
      readonly totalBytes: number;
    }
  | { readonly status: 'analysing'; readonly requests: number }
  | {
      readonly status: 'simulating';
      readonly requests: number;
      readonly runsDone: number;
      readonly runsTotal: number;
      readonly workers: number;
    }
  | { readonly status: 'cancelled' }
  | { readonly status: 'error'; readonly message: string };

export interface TraceResult {
  readonly report: TraceReport;
  readonly sizes: readonly number[];
  readonly request: AnalyseRequest;
  /** What was analysed, for headings and the export's file name. */
  readonly sourceName: string;
  readonly reuse: ReuseHistogram;
  /** Workers the simulated runs were split over (0 when LRU was the only policy). */
  readonly workers: number;
}

function newWorker(): Worker {
  return new Worker(new URL('./traces.worker.ts', import.meta.url), {
    type: 'module',
    name: 'cachescope-traces',
  });
}

export function useTraceWorker() {
  const workersRef = useRef<Worker[]>([]);
  /** Counts starts and cancels, so a result rendered late never lands over a newer run. */
  const runRef = useRef(0);
  const [state, setState] = useState<TraceRunState>({ status: 'idle' });
  const [result, setResult] = useState<TraceResult | null>(null);

  const stop = useCallback(() => {
    runRef.current++;
    for (const w of workersRef.current) w.terminate();
    workersRef.current = [];
  }, []);

  useEffect(() => stop, [stop]);

  const start = useCallback(
    (request: AnalyseRequest, sourceName: string) => {
      stop();
      const analyser = newWorker();
      const workers = [analyser];
      workersRef.current = workers;
      const isCurrent = () => workersRef.current === workers;
      const fail = (message: string) => {
        if (!isCurrent()) return;
        setState({ status: 'error', message });
        stop();
      };
      const onError = (e: ErrorEvent) => {
        fail(`The trace worker failed: ${e.message || 'unknown error'}`);
      };

      /** Hands the runs to the pool; the analyser already holds the keys. */
      const simulate = (event: Extract<TraceWorkerEvent, { type: 'parsed' }>) => {
        const plan = new PolicyRunPlan(request.policies, event.sizes);
        const finish = () => {
          stop();
          const run = runRef.current;
          const result: TraceResult = {
            report: { trace: event.trace, results: plan.merge(event.lruRows) },
            sizes: event.sizes,
            request,
            sourceName,
            reuse: event.reuse,
            workers: workers.length,
          };
          // A transition: React renders the results (two charts, a table) in slices between
          // frames instead of one long task, so the page keeps painting while they appear.
          // The updaters run at render time: by then a new start or a cancel has moved runRef on.
          startTransition(() => {
            setResult((cur) => (runRef.current === run ? result : cur));
            setState((cur) => (runRef.current === run ? { status: 'idle' } : cur));
          });
        };
        const size = poolSize(navigator.hardwareConcurrency, plan.total);
        if (size === 0) {
          finish();
          return;
        }
        const progress = () => {
          setState({
            status: 'simulating',
            requests: event.trace.requests,
            runsDone: plan.done,
            runsTotal: plan.total,
            workers: workers.length,
          });
        };
        const sendNext = (w: Worker) => {
          const job = plan.nextJob();
          if (job) w.postMessage({ type: 'pool.run', ...job } satisfies PoolRunMessage);
        };
        const onPoolMessage = (w: Worker) => (e: MessageEvent<PoolEvent | TraceWorkerEvent>) => {
          if (!isCurrent()) return;
          const m = e.data;
          if (m.type === 'error') {
            fail(m.message);
            return;
          }
          if (m.type !== 'pool.row') return;
          try {
            plan.complete(m.row);
          } catch (err) {
            fail(`The analysis failed: ${err instanceof Error ? err.message : String(err)}`);
            return;
          }
          if (plan.finished) finish();
          else {
            progress();
            sendNext(w);
          }
        };
        analyser.addEventListener('message', onPoolMessage(analyser));
        for (let i = 1; i < size; i++) {
          const w = newWorker();
          workers.push(w);
          w.addEventListener('message', onPoolMessage(w));
          w.addEventListener('error', onError);
          // The last one gets the page's copy itself; the others a copy of it. All transferred.
          const keys = i === size - 1 ? event.input.keys : event.input.keys.slice();
          const input: TraceRunInput = { ...event.input, keys };
          w.postMessage({ type: 'pool.load', input } satisfies PoolLoadMessage, [keys.buffer]);
        }
        progress();
        for (const w of workers) sendNext(w);
      };

      setState(
        request.source.kind === 'file'
          ? { status: 'reading', bytesRead: 0, totalBytes: request.source.file.size }
          : { status: 'analysing', requests: 0 },
      );
      const onAnalyserMessage = (e: MessageEvent<TraceWorkerEvent | PoolEvent>) => {
        if (!isCurrent()) return;
        const event = e.data;
        switch (event.type) {
          case 'progress':
            setState({
              status: 'reading',
              bytesRead: event.bytesRead,
              totalBytes: event.totalBytes,
            });
            break;
          case 'analysing':
            setState({ status: 'analysing', requests: event.requests });
            break;
          case 'parsed':
            analyser.removeEventListener('message', onAnalyserMessage);
            simulate(event);
            break;
          case 'error':
            fail(event.message);
            break;
          case 'pool.row':
            break;
        }
      };
      analyser.addEventListener('message', onAnalyserMessage);
      analyser.addEventListener('error', onError);
      analyser.postMessage(request);
    },
    [stop],
  );

  const cancel = useCallback(() => {
    stop();
    setState({ status: 'cancelled' });
  }, [stop]);

  return { state, result, start, cancel };
}
