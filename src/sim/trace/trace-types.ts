/**
 * What every trace reader produces, and the pieces they share: the key interner that maps each
 * distinct key to a dense id (0, 1, 2, ... in order of first appearance, so policies can index
 * typed arrays by it) and the error a malformed trace raises.
 */

/** A parsed trace: one dense key id per request, in request order. */
export interface Trace {
  /** Key id of each request; ids are 0..uniqueKeys-1 in order of first appearance. */
  readonly keys: Int32Array;
  readonly uniqueKeys: number;
  /** Per-request times, when the format has them and they were asked for (CSV `timeColumn`). */
  readonly times?: Float64Array;
  /** Per-request object sizes in bytes, likewise (CSV `sizeColumn`). */
  readonly sizes?: Float64Array;
}

/** A trace reader fed byte chunks (already decompressed) as they arrive. */
export interface TraceReader {
  /** Parses one chunk; a record may be split across chunks. Throws TraceFormatError. */
  push(chunk: Uint8Array): void;
  /** Ends the input: parses what is left and returns the trace. Throws TraceFormatError. */
  finish(): Trace;
}

/**
 * A malformed trace: the message names where (line number, record index or byte offset) and what
 * was expected there.
 */
export class TraceFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TraceFormatError';
  }
}

type NumberArray = Int32Array | Float64Array;

/** A growable typed array (doubling, so appends are amortised O(1)). */
export class GrowableArray<A extends NumberArray> {
  private data: A;
  length = 0;
  constructor(private readonly make: (n: number) => A) {
    this.data = make(1024);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  /** A copy trimmed to the values pushed. */
  toArray(): A {
    const out = this.make(this.length);
    out.set(this.data.subarray(0, this.length));
    return out;
  }
}

/**
 * Maps keys to dense ids and records the request sequence. Memory: one map entry per distinct key
 * plus four bytes per request.
 */
export class KeyInterner<K> {
  private readonly ids = new Map<K, number>();
  private readonly sequence = new GrowableArray((n) => new Int32Array(n));

  /** Records one request for `key`. */
  request(key: K): void {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(key, id);
    }
    this.sequence.push(id);
  }

  get requests(): number {
    return this.sequence.length;
  }

  get uniqueKeys(): number {
    return this.ids.size;
  }

  toTrace(): { keys: Int32Array; uniqueKeys: number } {
    return { keys: this.sequence.toArray(), uniqueKeys: this.ids.size };
  }
}

/** True when the bytes start with gzip's magic number (1f 8b). */
export function isGzip(firstBytes: Uint8Array): boolean {
  return firstBytes.length >= 2 && firstBytes[0] === 0x1f && firstBytes[1] === 0x8b;
}
