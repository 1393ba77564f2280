/**
 * One trace analysis at a time in its own Web Worker. Starting a run or cancelling terminates the
 * previous worker, so a long parse or simulation really stops; unmounting does the same.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TraceReport } from '../../sim/trace/trace-report';
import type { AnalyseRequest, TraceWorkerEvent } from './traces-model';

export type TraceRunState =
  | { readonly status: 'idle' }
  | {
      readonly status: 'reading';
      readonly bytesRead: number;
      readonly totalBytes: number;
    }
  | {
      readonly status: 'analysing';
      readonly requests: number;
      readonly policiesDone: number;
      readonly policiesTotal: number;
    }
  | { readonly status: 'cancelled' }
  | { readonly status: 'error'; readonly message: string };

export interface TraceResult {
  readonly report: TraceReport;
  readonly sizes: readonly number[];
  readonly request: AnalyseRequest;
  /** What was analysed, for headings and the export's file name. */
  readonly sourceName: string;
}

export function useTraceWorker() {
  const workerRef = useRef<Worker | null>(null);
  const [state, setState] = useState<TraceRunState>({ status: 'idle' });
  const [result, setResult] = useState<TraceResult | null>(null);

  const stop = useCallback(() => {
    workerRef.current?.terminate();
    workerRef.current = null;
  }, []);

  useEffect(() => stop, [stop]);

  const start = useCallback(
    (request: AnalyseRequest, sourceName: string) => {
      stop();
      const worker = new Worker(new URL('./traces.worker.ts', import.meta.url), {
        type: 'module',
        name: 'cachescope-traces',
      });
      workerRef.current = worker;
      setState(
        request.source.kind === 'file'
          ? { status: 'reading', bytesRead: 0, totalBytes: request.source.file.size }
          : {
              status: 'analysing',
              requests: 0,
              policiesDone: 0,
              policiesTotal: request.policies.length,
            },
      );
      worker.addEventListener('message', (e: MessageEvent<TraceWorkerEvent>) => {
        if (workerRef.current !== worker) return;
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
            setState({
              status: 'analysing',
              requests: event.requests,
              policiesDone: event.policiesDone,
              policiesTotal: event.policiesTotal,
            });
            break;
          case 'done':
            setResult({ report: event.report, sizes: event.sizes, request, sourceName });
            setState({ status: 'idle' });
            stop();
            break;
          case 'error':
            setState({ status: 'error', message: event.message });
            stop();
            break;
        }
      });
      worker.addEventListener('error', (e) => {
        if (workerRef.current !== worker) return;
        setState({
          status: 'error',
          message: `The trace worker failed: ${e.message || 'unknown error'}`,
        });
        stop();
      });
      worker.postMessage(request);
    },
    [stop],
  );

  const cancel = useCallback(() => {
    stop();
    setState({ status: 'cancelled' });
  }, [stop]);

  return { state, result, start, cancel };
}
