/**
 * The Traces page's Web Worker: reads a dropped file (gunzipping it when needed) or generates a
 * sample, then runs the trace report. The trace stays in this worker; only the report goes back.
 * Cancelling terminates the worker, so a long run stops at once.
 */
import { readTraceStream } from '../../sim/trace/read-trace-stream';
import { createTraceReader } from '../../sim/trace/trace-format';
import { autoSizes, traceReport, type TraceReport } from '../../sim/trace/trace-report';
import { TraceFormatError, type Trace } from '../../sim/trace/trace-types';
import { sampleTrace } from './sample-traces';
import { parseAnalyseRequest, type AnalyseRequest, type TraceWorkerEvent } from './traces-model';

const scope = self as unknown as {
  postMessage(message: TraceWorkerEvent): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<unknown>) => void): void;
};

function post(event: TraceWorkerEvent): void {
  scope.postMessage(event);
}

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
  const sizes = request.sizes === 'auto' ? autoSizes(trace.uniqueKeys) : request.sizes;
  const total = request.policies.length;
  // One policy at a time so the page can show how far the analysis is; the rows are the same as
  // one call over all policies would give.
  let report: TraceReport | null = null;
  for (const [i, policy] of request.policies.entries()) {
    post({
      type: 'analysing',
      requests: trace.keys.length,
      policiesDone: i,
      policiesTotal: total,
    });
    const one = traceReport(trace.keys, trace.uniqueKeys, {
      policies: [policy],
      sizes,
      ...(request.sampleRate === undefined ? {} : { sampleRate: request.sampleRate }),
    });
    report =
      report === null ? one : { trace: one.trace, results: [...report.results, ...one.results] };
  }
  if (report !== null) post({ type: 'done', report, sizes });
}

scope.addEventListener('message', (e) => {
  const request = parseAnalyseRequest(e.data);
  if (typeof request === 'string') {
    post({ type: 'error', message: `Ignored a malformed request: ${request}` });
    return;
  }
  analyse(request).catch((err: unknown) => {
    const message =
      err instanceof TraceFormatError
        ? `The trace could not be read: ${err.message}`
        : `The analysis failed: ${err instanceof Error ? err.message : String(err)}`;
    post({ type: 'error', message });
  });
});
