/**
 * Reads a trace's key sequence again, for "Replay in the Playground": the analysis worker keeps
 * its copy to itself and ends, so this one reads the same source and hands the keys over,
 * transferred (no copy), to the page, which passes them on to the engine worker.
 */
import { readTraceStream } from '../../sim/trace/read-trace-stream';
import { createTraceReader } from '../../sim/trace/trace-format';
import type { Trace } from '../../sim/trace/trace-types';
import { sampleTrace } from './sample-traces';
import type { ReplayKeysEvent, TraceSource } from './traces-model';

const scope = self as unknown as {
  postMessage(message: ReplayKeysEvent, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<TraceSource>) => void): void;
};

function read(source: TraceSource): Promise<Trace> {
  if (source.kind === 'sample') return Promise.resolve(sampleTrace(source.sample));
  const column = source.keyColumn === undefined ? {} : { keyColumn: source.keyColumn };
  return readTraceStream(source.file.stream(), createTraceReader(source.format, column));
}

scope.addEventListener('message', (e) => {
  read(e.data).then(
    (trace) => {
      scope.postMessage({ type: 'keys', keys: trace.keys, uniqueKeys: trace.uniqueKeys }, [
        trace.keys.buffer,
      ]);
    },
    (err: unknown) => {
      scope.postMessage({
        type: 'error',
        message: `The trace could not be read again: ${err instanceof Error ? err.message : String(err)}`,
      });
    },
  );
});
