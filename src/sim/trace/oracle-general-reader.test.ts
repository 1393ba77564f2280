import { describe, expect, it } from 'vitest';
import { createOracleGeneralReader, ORACLE_GENERAL_RECORD_BYTES } from './oracle-general-reader';
import { TraceFormatError } from './trace-types';

/** Encodes records [time, id (bigint), size, next] as oracleGeneral bytes. */
function encode(records: readonly [number, bigint, number, bigint][]): Uint8Array {
  const out = new Uint8Array(records.length * ORACLE_GENERAL_RECORD_BYTES);
  const view = new DataView(out.buffer);
  records.forEach(([time, id, size, next], i) => {
    const at = i * ORACLE_GENERAL_RECORD_BYTES;
    view.setUint32(at, time, true);
    view.setBigUint64(at + 4, id, true);
    view.setUint32(at + 12, size, true);
    view.setBigInt64(at + 16, next, true);
  });
  return out;
}

const RECORDS: [number, bigint, number, bigint][] = [
  [1, 42n, 100, 2n],
  [2, 7n, 200, -1n],
  [3, 42n, 100, -1n],
  [4, 2n ** 64n - 1n, 1, -1n],
  [5, 2n ** 53n + 1n, 1, -1n],
  [6, 2n ** 53n, 1, -1n],
  [7, 2n ** 64n - 1n, 1, -1n],
];

describe('oracleGeneral reader', () => {
  it('maps 64-bit ids to dense ids, exactly, whatever the chunk size', () => {
    const data = encode(RECORDS);
    for (const chunk of [1, 5, 23, 24, 25, 48, 1000]) {
      const reader = createOracleGeneralReader();
      for (let i = 0; i < data.length; i += chunk) reader.push(data.subarray(i, i + chunk));
      const t = reader.finish();
      expect(Array.from(t.keys)).toEqual([0, 1, 0, 2, 3, 4, 2]);
      expect(t.uniqueKeys).toBe(5);
    }
  });

  it('reads an empty input as an empty trace', () => {
    expect(createOracleGeneralReader().finish().keys.length).toBe(0);
  });

  it('rejects a trailing partial record, naming its byte offset', () => {
    const data = encode(RECORDS.slice(0, 2));
    const reader = createOracleGeneralReader();
    reader.push(data);
    reader.push(new Uint8Array(10));
    expect(() => reader.finish()).toThrow(TraceFormatError);
    expect(() => reader.finish()).toThrow(
      'record 2 at byte offset 48: trailing partial record of 10 bytes (expected 24-byte records; the file is 58 bytes, not a multiple of 24)',
    );
  });
});
