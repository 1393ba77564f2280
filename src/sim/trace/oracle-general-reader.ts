/**
 * libCacheSim's oracleGeneral binary format: fixed 24-byte little-endian records
 *   uint32 clock time | uint64 object id | uint32 object size | int64 next access (vtime, -1 none)
 * Only the object id is kept (mapped to a dense key id); time, size and next access are read past.
 */
import { KeyInterner, TraceFormatError, type TraceReader } from './trace-types';

/** Bytes per oracleGeneral record. */
export const ORACLE_GENERAL_RECORD_BYTES = 24;

const TWO_POW_32 = 4294967296;
/** Above this high word, hi * 2^32 + lo is no longer an exact double. */
const MAX_EXACT_HIGH_WORD = 0x1fffff;

/**
 * Streams oracleGeneral records from byte chunks of any size (a record may straddle chunks). A
 * trailing partial record is an error naming its byte offset.
 */
export function createOracleGeneralReader(): TraceReader {
  // Ids below 2^53 are exact numbers (the common case, and fast as Map keys); larger ones fall
  // back to a string key. The two maps cannot collide: a string id is never below 2^53.
  const interner = new KeyInterner<number | string>();
  const carry = new Uint8Array(ORACLE_GENERAL_RECORD_BYTES);
  let carried = 0;
  let bytesSeen = 0;

  const record = (view: DataView, at: number): void => {
    const lo = view.getUint32(at + 4, true);
    const hi = view.getUint32(at + 8, true);
    interner.request(hi <= MAX_EXACT_HIGH_WORD ? hi * TWO_POW_32 + lo : `${hi}:${lo}`);
  };

  return {
    push: (chunk) => {
      let at = 0;
      if (carried > 0) {
        const take = Math.min(ORACLE_GENERAL_RECORD_BYTES - carried, chunk.length);
        carry.set(chunk.subarray(0, take), carried);
        carried += take;
        at = take;
        if (carried < ORACLE_GENERAL_RECORD_BYTES) {
          bytesSeen += chunk.length;
          return;
        }
        record(new DataView(carry.buffer), 0);
        carried = 0;
      }
      const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      for (; at + ORACLE_GENERAL_RECORD_BYTES <= chunk.length; at += ORACLE_GENERAL_RECORD_BYTES)
        record(view, at);
      carry.set(chunk.subarray(at), 0);
      carried = chunk.length - at;
      bytesSeen += chunk.length;
    },
    finish: () => {
      if (carried > 0) {
        const offset = bytesSeen - carried;
        throw new TraceFormatError(
          `record ${interner.requests} at byte offset ${offset}: trailing partial record of ` +
            `${carried} bytes (expected ${ORACLE_GENERAL_RECORD_BYTES}-byte records; the file ` +
            `is ${bytesSeen} bytes, not a multiple of ${ORACLE_GENERAL_RECORD_BYTES})`,
        );
      }
      return interner.toTrace();
    },
  };
}
