/**
 * The Traces page's Web Worker, in two roles. Analysing: reads a dropped file (gunzipping it when
 * needed) or generates a sample, computes the stats, the SHARDS sample if asked for, the LRU
 * curve and its rows, and the reuse histogram, and posts them with a copy of the keys to run.
 * Pool: runs one (policy, size) at a time for the page (policy-run-pool.ts); the analysing worker
 * keeps its keys for that, the others get theirs in a `pool.load`. Cancelling terminates the
 * workers, so a long run stops at once. The trace never leaves the page's workers.
 */
import { readTraceStream } from '../../sim/trace/read-trace-stream';
import { reuseHistogram } from '../../sim/trace/reuse-histogram';
import { createTraceReader } from '../../sim/trace/trace-format';
import {
  autoSizes,
  lruRow,
  prepareTrace,
  simulatedRow,
  type TraceRunInput,
} from '../../sim/trace/trace-report';
import { TraceFormatError, type Trace } from '../../sim/trace/trace-types';
import { parsePoolMessage, type PoolEvent } from './policy-run-pool';
import { sampleTrace } from './sample-traces';
import { parseAnalyseRequest, type AnalyseRequest, type TraceWorkerEvent } from './traces-model';

const scope = self as unknown as {
  postMessage(message: TraceWorkerEvent | PoolEvent, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<unknown>) => void): void;
};

function post(event: TraceWorkerEvent | PoolEvent, transfer: Transferable[] = []): void {
  scope.postMessage(event, transfer);
}

/** What this worker runs pool jobs on: set by an analysis or a `pool.load`. */
let runInput: TraceRunInput | null = null;

/** The file's bytes, counted on the way past so the page can show bytes read / total. */
function countedStream(file: File): ReadableStream<Uint8Array> {
  let bytesRead = 0;
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      bytesRead += chunk.length;
      post({ type: 'progress', bytesRead, totalBytes: file.size });
      controller.enqueue(chunk);
    },
  });
  return file.stream().pipeThrough(counter);
}

async function loadTrace(request: AnalyseRequest): Promise<Trace> {
  const { source } = request;
  if (source.kind === 'sample') return sampleTrace(source.sample);
  post({ type: 'progress', bytesRead: 0, totalBytes: source.file.size });
  const reader = createTraceReader(
    source.format,
    source.keyColumn === undefined ? {} : { keyColumn: source.keyColumn },
  );
  return readTraceStream(countedStream(source.file), reader);
}

async function analyse(request: AnalyseRequest): Promise<void> {
  const trace = await loadTrace(request);
  post({ type: 'analysing', requests: trace.keys.length });
  const sizes = request.sizes === 'auto' ? autoSizes(trace.uniqueKeys) : request.sizes;
  const prepared = prepareTrace(trace.keys, trace.uniqueKeys, {
    sizes,
    ...(request.sampleRate === undefined ? {} : { sampleRate: request.sampleRate }),
    ...(request.sampleKeys === undefined ? {} : { sampleKeys: request.sampleKeys }),
  });
  runInput = prepared.input;
  const copy = { ...prepared.input, keys: prepared.input.keys.slice() };
  post(
    {
      type: 'parsed',
      trace: prepared.stats,
      sizes,
      lruRows: request.policies.includes('allkeys-lru')
        ? sizes.map((s) => lruRow(prepared, s))
        : [],
      reuse: reuseHistogram(prepared.exactCurve),
      input: copy,
    },
    [copy.keys.buffer],
  );
}

function failed(err: unknown): string {
  return err instanceof TraceFormatError
    ? `The trace could not be read: ${err.message}`
    : `The analysis failed: ${err instanceof Error ? err.message : String(err)}`;
}

scope.addEventListener('message', (e) => {
  const pool = parsePoolMessage(e.data);
  if (typeof pool !== 'string') {
    if (pool.type === 'pool.load') runInput = pool.input;
    else if (runInput === null) post({ type: 'error', message: 'A run came before the trace.' });
    else {
      try {
        post({ type: 'pool.row', row: simulatedRow(runInput, pool.policy, pool.size) });
      } catch (err) {
        post({ type: 'error', message: failed(err) });
      }
    }
    return;
  }
  const request = parseAnalyseRequest(e.data);
  if (typeof request === 'string') {
    post({ type: 'error', message: `Ignored a malformed request: ${request}` });
    return;
  }
  analyse(request).catch((err: unknown) => {
    post({ type: 'error', message: failed(err) });
  });
});
