/**
 * Reads a trace from a web `ReadableStream` of bytes (a `File.stream()` in the browser worker),
 * gunzipping it with `DecompressionStream('gzip')` when it starts with gzip's magic number. Web
 * standard APIs only (no Node imports), so the Traces page and tests share it; the CLI streams
 * through Node's zlib instead (src/cli/trace.ts).
 */
import { isGzip, type Trace, type TraceReader } from './trace-types';

/** Reads `stream` to its end into `reader`; rejects with the reader's TraceFormatError if any. */
export async function readTraceStream(
  stream: ReadableStream<Uint8Array>,
  reader: TraceReader,
): Promise<Trace> {
  const source = stream.getReader();
  // Gather at least two bytes to look for the magic number.
  let head = new Uint8Array(0);
  let ended = false;
  while (head.length < 2 && !ended) {
    const next = await source.read();
    if (next.done) ended = true;
    else {
      const joined = new Uint8Array(head.length + next.value.length);
      joined.set(head);
      joined.set(next.value, head.length);
      head = joined;
    }
  }
  const whole = new ReadableStream<Uint8Array>({
    start(controller) {
      if (head.length > 0) controller.enqueue(head);
      if (ended) controller.close();
    },
    async pull(controller) {
      const next = await source.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
  });
  let bytes = whole;
  if (isGzip(head)) {
    // Its writable side takes any BufferSource; the bytes written here are Uint8Arrays.
    const gunzip = new DecompressionStream('gzip');
    bytes = whole.pipeThrough({
      readable: gunzip.readable,
      writable: gunzip.writable as WritableStream<Uint8Array>,
    });
  }
  const chunks = bytes.getReader();
  for (let next = await chunks.read(); !next.done; next = await chunks.read())
    reader.push(next.value);
  return reader.finish();
}
