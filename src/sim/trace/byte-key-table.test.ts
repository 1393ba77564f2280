import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ByteKeyTable } from './byte-key-table';

/** Ids a Map gives the same keys, in order of first appearance. */
function mapIds(keys: readonly string[]): number[] {
  const m = new Map<string, number>();
  return keys.map((k) => {
    const id = m.get(k) ?? m.size;
    m.set(k, id);
    return id;
  });
}

describe('ByteKeyTable', () => {
  fcTest.prop([fc.array(fc.string({ maxLength: 6 }), { maxLength: 3000 })], { numRuns: 50 })(
    'numbers keys like a Map does, through growth and rehashing',
    (keys) => {
      const table = new ByteKeyTable();
      const encoder = new TextEncoder();
      const ids = keys.map((k) => {
        const b = encoder.encode(`[${k}]`);
        return table.intern(b, 1, b.length - 1);
      });
      expect(ids).toEqual(mapIds(keys));
      expect(table.size).toBe(new Set(keys).size);
    },
  );

  it('keeps keys apart that differ only in bytes that are not UTF-8', () => {
    const table = new ByteKeyTable();
    const a = Uint8Array.from([0x61, 0xff]);
    const b = Uint8Array.from([0x61, 0xfe]);
    expect([table.intern(a, 0, 2), table.intern(b, 0, 2), table.intern(a, 0, 2)]).toEqual([
      0, 1, 0,
    ]);
    expect(table.intern(a, 0, 0)).toBe(2);
  });

  it('holds a million distinct keys', () => {
    const table = new ByteKeyTable();
    const bytes = new Uint8Array(4);
    const view = new DataView(bytes.buffer);
    let wrong = 0;
    for (let i = 0; i < 1_000_000; i++) {
      view.setUint32(0, i);
      if (table.intern(bytes, 0, 4) !== i) wrong++;
    }
    expect(wrong).toBe(0);
    view.setUint32(0, 123_456);
    expect(table.intern(bytes, 0, 4)).toBe(123_456);
  });
});
