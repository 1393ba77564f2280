import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readTraceStream } from './read-trace-stream';
import { createTextTraceReader } from './text-readers';
import { createOracleGeneralReader } from './oracle-general-reader';
import { TraceFormatError } from './trace-types';

/** A stream delivering `bytes` in chunks of `size` bytes. */
function streamOf(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) controller.close();
      else controller.enqueue(bytes.slice(at, (at += size)));
    },
  });
}

const TEXT = new TextEncoder().encode('a\nb\r\na\n\nc\n');

describe('readTraceStream', () => {
  it('reads plain and gzip streams alike, whatever the chunking', async () => {
    for (const data of [TEXT, new Uint8Array(gzipSync(TEXT))])
      for (const size of [1, 3, 1 << 16]) {
        const t = await readTraceStream(streamOf(data, size), createTextTraceReader());
        expect(Array.from(t.keys)).toEqual([0, 1, 0, 2]);
      }
  });

  it('reads an empty stream and passes on format errors', async () => {
    const empty = await readTraceStream(streamOf(new Uint8Array(0), 1), createTextTraceReader());
    expect(empty.keys.length).toBe(0);
    await expect(
      readTraceStream(streamOf(new Uint8Array(25), 7), createOracleGeneralReader()),
    ).rejects.toThrow(TraceFormatError);
  });
});
