import { describe, expect, it } from 'vitest';
import { createCsvTraceReader, createTextTraceReader, splitCsvRecord } from './text-readers';
import { TraceFormatError, type Trace, type TraceReader } from './trace-types';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Feeds `text` in chunks of `chunkBytes` bytes (splitting lines and multi-byte characters). */
function read(reader: TraceReader, text: string, chunkBytes = 1 << 16): Trace {
  const all = bytes(text);
  for (let i = 0; i < all.length; i += chunkBytes) reader.push(all.subarray(i, i + chunkBytes));
  return reader.finish();
}

const ids = (t: Trace): number[] => Array.from(t.keys);

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(TraceFormatError);
    return (e as Error).message;
  }
  throw new Error('expected a TraceFormatError');
}

describe('text trace reader', () => {
  it('maps keys to dense ids in order of first appearance, LF or CRLF, blank lines skipped', () => {
    const t = read(createTextTraceReader(), 'a\r\nb\n\n  \r\na\nc d\r\nb');
    expect(ids(t)).toEqual([0, 1, 0, 2, 1]);
    expect(t.uniqueKeys).toBe(3);
  });

  it('gives the same trace whatever the chunking, even mid-character and mid-CRLF', () => {
    const text = 'clé\r\nkey:1\r\n日本\r\nclé\r\n\r\nkey:1\r\n';
    const whole = ids(read(createTextTraceReader(), text));
    for (const size of [1, 2, 3, 5, 7])
      expect(ids(read(createTextTraceReader(), text, size))).toEqual(whole);
    expect(whole).toEqual([0, 1, 2, 0, 1]);
  });

  it('reads an empty file as an empty trace', () => {
    const t = read(createTextTraceReader(), '');
    expect(t.keys.length).toBe(0);
    expect(t.uniqueKeys).toBe(0);
  });

  it('takes a huge line as one key', () => {
    const huge = 'x'.repeat(3_000_000);
    const t = read(createTextTraceReader(), `${huge}\nb\n${huge}\n`, 100_000);
    expect(ids(t)).toEqual([0, 1, 0]);
  });
});

describe('CSV record splitting', () => {
  it('handles quotes, escaped quotes, empty fields and commas inside quotes', () => {
    expect(splitCsvRecord('a,"b,c","d""e",')).toEqual(['a', 'b,c', 'd"e', '']);
    expect(splitCsvRecord('"open')).toBeNull();
    expect(() => splitCsvRecord('"a"b')).toThrow(/comma after a closing quote/);
  });
});

describe('CSV trace reader', () => {
  const csv = 'time,key,size\n1,a,10\n2,"b,1",20\r\n3,a,30\n';

  it('uses the first column by default', () => {
    expect(ids(read(createCsvTraceReader(), 'k\nx\ny\nx\n'))).toEqual([0, 1, 0]);
  });

  it('picks the key column by name or 1-based number, with time and size columns', () => {
    for (const keyColumn of ['key', 2, '2']) {
      const t = read(createCsvTraceReader({ keyColumn, timeColumn: 'time', sizeColumn: 3 }), csv);
      expect(ids(t)).toEqual([0, 1, 0]);
      expect(Array.from(t.times ?? [])).toEqual([1, 2, 3]);
      expect(Array.from(t.sizes ?? [])).toEqual([10, 20, 30]);
    }
  });

  it('reads a quoted field spanning lines and chunks, reporting later lines correctly', () => {
    const text = 'key,n\n"multi\nline",1\nplain,2\n"multi\nline",3\nbad\n';
    const reader = (): TraceReader => createCsvTraceReader({ keyColumn: 'key', sizeColumn: 'n' });
    expect(errorOf(() => read(reader(), text, 3))).toBe(
      'line 7: expected at least 2 fields, got 1',
    );
    expect(ids(read(reader(), text.replace('bad\n', ''), 3))).toEqual([0, 1, 0]);
  });

  it('names the line and what was expected for bad input', () => {
    expect(errorOf(() => read(createCsvTraceReader({ keyColumn: 'nope' }), 'a,b\n1,2\n'))).toBe(
      'line 1: key column "nope" is neither a header name nor a column number from 1 to 2 (header: a, b)',
    );
    expect(errorOf(() => read(createCsvTraceReader({ keyColumn: 3 }), 'a,b\n'))).toMatch(
      /^line 1: key column 3/,
    );
    expect(
      errorOf(() => read(createCsvTraceReader({ sizeColumn: 'b' }), 'a,b\nx,1\ny,12abc\n')),
    ).toBe('line 3: size column: expected a number >= 0, got "12abc"');
    expect(errorOf(() => read(createCsvTraceReader({ sizeColumn: 'b' }), 'a,b\nx,-1\n'))).toMatch(
      /^line 2: size/,
    );
    expect(errorOf(() => read(createCsvTraceReader({ timeColumn: 'b' }), 'a,b\nx,\n'))).toBe(
      'line 2: time column: expected a number, got ""',
    );
    expect(errorOf(() => read(createCsvTraceReader(), 'a,b\n,1\n'))).toBe('line 2: empty key');
    expect(errorOf(() => read(createCsvTraceReader(), 'a\n"x"y\n'))).toBe(
      'line 2: expected a comma after a closing quote, got "y"',
    );
    expect(errorOf(() => read(createCsvTraceReader(), 'a\nx\n"open\nstill\n'))).toBe(
      'line 3: a quoted field is not closed (expected a closing ")',
    );
    expect(errorOf(() => read(createCsvTraceReader(), ''))).toBe(
      'line 1: expected a header row, got an empty file',
    );
    expect(errorOf(() => read(createCsvTraceReader(), '\n\r\n'))).toMatch(/empty file/);
  });

  it('reads a header-only file as an empty trace', () => {
    expect(read(createCsvTraceReader(), 'key\r\n').keys.length).toBe(0);
  });
});
