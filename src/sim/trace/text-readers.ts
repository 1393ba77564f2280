/**
 * Line-based trace readers over byte chunks: plain text (one key per line, raw bytes) and CSV with
 * a UTF-8 header row. Both stream: a line (or a quoted CSV field) may be split across chunks, and only the
 * unfinished tail of the latest chunk is kept between pushes.
 */
import { ByteKeyTable } from './byte-key-table';
import {
  GrowableArray,
  KeyInterner,
  TraceFormatError,
  type Trace,
  type TraceReader,
} from './trace-types';

/**
 * Splits decoded text into lines (LF or CRLF; the CR is dropped) and numbers them from 1.
 * Multi-byte characters split across chunks are handled by the streaming TextDecoder. Bytes that
 * are not valid UTF-8 decode to U+FFFD rather than failing.
 */
class LineSplitter {
  private readonly decoder = new TextDecoder('utf-8');
  private carry = '';
  private lineNumber = 0;

  constructor(private readonly onLine: (line: string, lineNumber: number) => void) {}

  push(chunk: Uint8Array): void {
    this.split(this.carry + this.decoder.decode(chunk, { stream: true }), false);
  }

  finish(): void {
    this.split(this.carry + this.decoder.decode(), true);
  }

  private split(text: string, atEnd: boolean): void {
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      this.emit(text, start, nl);
      start = nl + 1;
    }
    if (atEnd) {
      if (start < text.length) this.emit(text, start, text.length);
      this.carry = '';
    } else {
      this.carry = text.slice(start);
    }
  }

  private emit(text: string, start: number, end: number): void {
    const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    this.onLine(text.slice(start, stop), ++this.lineNumber);
  }
}

const isBlank = (line: string): boolean => line.trim().length === 0;

/** ASCII whitespace that makes a text-trace line blank: space, tab, VT, FF, CR. */
function isBlankBytes(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const b = bytes[i] ?? 0;
    if (b !== 32 && (b < 9 || b > 13)) return false;
  }
  return true;
}

/**
 * Plain text: every line is one request and the whole line (without its LF or CRLF) is the key,
 * compared byte for byte. Blank lines (empty, or only ASCII spaces and tabs) are skipped. An empty
 * input is an empty trace. Works on bytes, never decoding (see ByteKeyTable); only an unfinished
 * line is kept between chunks.
 */
export function createTextTraceReader(): TraceReader {
  const table = new ByteKeyTable();
  const sequence = new GrowableArray((n) => new Int32Array(n));
  let carry = new Uint8Array(1 << 12);
  let carried = 0;

  const line = (bytes: Uint8Array, start: number, end: number): void => {
    const stop = end > start && bytes[end - 1] === 13 ? end - 1 : end;
    if (!isBlankBytes(bytes, start, stop)) sequence.push(table.intern(bytes, start, stop));
  };
  const keep = (bytes: Uint8Array): void => {
    if (carried + bytes.length > carry.length) {
      const bigger = new Uint8Array(Math.max(carried + bytes.length, carry.length * 2));
      bigger.set(carry.subarray(0, carried));
      carry = bigger;
    }
    carry.set(bytes, carried);
    carried += bytes.length;
  };

  return {
    push: (chunk) => {
      let start = 0;
      let nl = chunk.indexOf(10);
      if (carried > 0) {
        if (nl === -1) {
          keep(chunk);
          return;
        }
        keep(chunk.subarray(0, nl));
        line(carry, 0, carried);
        carried = 0;
        start = nl + 1;
        nl = chunk.indexOf(10, start);
      }
      for (; nl !== -1; nl = chunk.indexOf(10, start)) {
        line(chunk, start, nl);
        start = nl + 1;
      }
      keep(chunk.subarray(start));
    },
    finish: () => {
      if (carried > 0) line(carry, 0, carried);
      carried = 0;
      return { keys: sequence.toArray(), uniqueKeys: table.size };
    },
  };
}

/** Which CSV column holds what: a header name, or a 1-based column number. */
export type CsvColumn = string | number;

export interface CsvTraceOptions {
  /** The key column (default: the first column). */
  readonly keyColumn?: CsvColumn;
  /** A column of request times (any finite number), kept in `Trace.times`. */
  readonly timeColumn?: CsvColumn;
  /** A column of object sizes in bytes (a finite number >= 0), kept in `Trace.sizes`. */
  readonly sizeColumn?: CsvColumn;
}

/**
 * Splits one CSV record (RFC 4180: comma-separated, fields may be double-quoted, `""` is a quote
 * inside a quoted field). Returns null when the text ends inside a quoted field, i.e. the record
 * continues on the next line. Throws a plain message (no position) on a character after a closing
 * quote that is not a comma.
 */
export function splitCsvRecord(text: string): string[] | null {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) === 34) {
      // Quoted field.
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q === -1) return null;
        value += text.slice(from, q);
        if (text.charCodeAt(q + 1) === 34) {
          value += '"';
          from = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      fields.push(value);
      if (i === text.length) return fields;
      if (text.charCodeAt(i) !== 44)
        throw new Error(`expected a comma after a closing quote, got ${JSON.stringify(text[i])}`);
      i++;
    } else {
      const comma = text.indexOf(',', i);
      if (comma === -1) {
        fields.push(text.slice(i));
        return fields;
      }
      fields.push(text.slice(i, comma));
      i = comma + 1;
    }
  }
}

/** Resolves a column spec against the header: a name first, then a 1-based number. */
function resolveColumn(header: readonly string[], column: CsvColumn, role: string): number {
  const named = typeof column === 'string' ? header.indexOf(column) : -1;
  if (named !== -1) return named;
  const n = typeof column === 'number' ? column : /^\d+$/.test(column) ? Number(column) : NaN;
  if (Number.isInteger(n) && n >= 1 && n <= header.length) return n - 1;
  throw new TraceFormatError(
    `line 1: ${role} column ${JSON.stringify(column)} is neither a header name nor a column ` +
      `number from 1 to ${header.length} (header: ${header.join(', ')})`,
  );
}

interface CsvColumns {
  readonly key: number;
  readonly time: number;
  readonly size: number;
  readonly needed: number;
}

/**
 * CSV with a header row. Each later non-blank record is one request whose key is the key
 * column's text (exactly, quotes removed). A quoted field may span lines; its record is reported
 * by the line it starts on. Errors: no header, a column not found, a record with too few fields,
 * an empty key, a time or size that is not a number, a quote left open at the end.
 */
export function createCsvTraceReader(options: CsvTraceOptions = {}): TraceReader {
  const interner = new KeyInterner<string>();
  const times = options.timeColumn === undefined ? null : new GrowableArray(makeFloat64);
  const sizes = options.sizeColumn === undefined ? null : new GrowableArray(makeFloat64);
  let columns: CsvColumns | null = null;
  let pending = '';
  let pendingLine = 0;

  const numberAt = (fields: string[], col: number, role: string, line: number): number => {
    const text = (fields[col] ?? '').trim();
    const v = text === '' ? NaN : Number(text);
    if (!Number.isFinite(v) || (role === 'size' && v < 0))
      throw new TraceFormatError(
        `line ${line}: ${role} column: expected a ${role === 'size' ? 'number >= 0' : 'number'}, ` +
          `got ${JSON.stringify(fields[col] ?? '')}`,
      );
    return v;
  };

  const onRecord = (fields: string[], line: number): void => {
    if (columns === null) {
      const header = fields.map((f) => f.trim());
      const key = resolveColumn(header, options.keyColumn ?? 1, 'key');
      const time =
        options.timeColumn === undefined ? -1 : resolveColumn(header, options.timeColumn, 'time');
      const size =
        options.sizeColumn === undefined ? -1 : resolveColumn(header, options.sizeColumn, 'size');
      columns = { key, time, size, needed: Math.max(key, time, size) + 1 };
      return;
    }
    if (fields.length < columns.needed)
      throw new TraceFormatError(
        `line ${line}: expected at least ${columns.needed} fields, got ${fields.length}`,
      );
    const key = fields[columns.key] ?? '';
    if (key === '') throw new TraceFormatError(`line ${line}: empty key`);
    if (times !== null) times.push(numberAt(fields, columns.time, 'time', line));
    if (sizes !== null) sizes.push(numberAt(fields, columns.size, 'size', line));
    interner.request(key);
  };

  const lines = new LineSplitter((line, lineNumber) => {
    if (pending === '') {
      if (isBlank(line)) return;
      pendingLine = lineNumber;
    }
    const text = pending === '' ? line : `${pending}\n${line}`;
    let fields: string[] | null;
    try {
      fields = splitCsvRecord(text);
    } catch (e) {
      throw new TraceFormatError(`line ${pendingLine}: ${(e as Error).message}`);
    }
    if (fields === null) {
      // Inside a quoted field: the record goes on (text is never empty here: it holds a quote).
      pending = text;
      return;
    }
    pending = '';
    onRecord(fields, pendingLine);
  });

  return {
    push: (chunk) => {
      lines.push(chunk);
    },
    finish: () => {
      lines.finish();
      if (pending !== '')
        throw new TraceFormatError(
          `line ${pendingLine}: a quoted field is not closed (expected a closing ")`,
        );
      if (columns === null)
        throw new TraceFormatError('line 1: expected a header row, got an empty file');
      return {
        ...interner.toTrace(),
        ...(times === null ? {} : { times: times.toArray() }),
        ...(sizes === null ? {} : { sizes: sizes.toArray() }),
      } satisfies Trace;
    },
  };
}

function makeFloat64(n: number): Float64Array {
  return new Float64Array(n);
}
