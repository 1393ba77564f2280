/**
 * Interns keys given as byte ranges (a text trace's lines) without making a string per request:
 * an open-addressing hash table (linear probing, load <= 1/2) over ids, with each distinct key's
 * bytes copied once into an arena. About twice as fast as a `Map<string, number>` on a
 * 10M-line trace with ~900k distinct keys (bench (e)), and it compares raw bytes, so keys that are
 * not valid UTF-8 stay distinct. Memory: the distinct keys' bytes plus 20 bytes per distinct key.
 */

const EMPTY = 0;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function grownInt32(a: Int32Array, n: number): Int32Array {
  if (a.length >= n) return a;
  const b = new Int32Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}

export class ByteKeyTable {
  /** Slot -> id + 1 (0 = empty). Its length is a power of two. */
  private table: Int32Array = new Int32Array(1 << 12);
  private hashes: Int32Array = new Int32Array(1 << 11);
  private starts: Int32Array = new Int32Array(1 << 11);
  private lengths: Int32Array = new Int32Array(1 << 11);
  private arena: Uint8Array = new Uint8Array(1 << 16);
  private arenaUsed = 0;
  /** Number of distinct keys (the next id). */
  size = 0;

  /** The dense id of the key in `bytes[start, end)`, a new one (= size - 1) when first seen. */
  intern(bytes: Uint8Array, start: number, end: number): number {
    let h = FNV_OFFSET;
    for (let i = start; i < end; i++) h = Math.imul(h ^ (bytes[i] ?? 0), FNV_PRIME);
    // FNV's low bits mix poorly for short keys; finish with murmur3's avalanche before masking.
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
    const length = end - start;
    const mask = this.table.length - 1;
    let slot = h & mask;
    for (
      let entry = this.table[slot] ?? EMPTY;
      entry !== EMPTY;
      entry = this.table[slot] ?? EMPTY
    ) {
      const id = entry - 1;
      if (this.hashes[id] === h && this.lengths[id] === length && this.sameBytes(id, bytes, start))
        return id;
      slot = (slot + 1) & mask;
    }
    return this.add(h, bytes, start, end, slot);
  }

  private sameBytes(id: number, bytes: Uint8Array, start: number): boolean {
    const from = this.starts[id] ?? 0;
    const length = this.lengths[id] ?? 0;
    for (let k = 0; k < length; k++) if (this.arena[from + k] !== bytes[start + k]) return false;
    return true;
  }

  private add(h: number, bytes: Uint8Array, start: number, end: number, slot: number): number {
    const id = this.size++;
    const length = end - start;
    this.hashes = grownInt32(this.hashes, this.size);
    this.starts = grownInt32(this.starts, this.size);
    this.lengths = grownInt32(this.lengths, this.size);
    if (this.arenaUsed + length > this.arena.length) {
      const bigger = new Uint8Array(Math.max(this.arenaUsed + length, this.arena.length * 2));
      bigger.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = bigger;
    }
    this.arena.set(bytes.subarray(start, end), this.arenaUsed);
    this.hashes[id] = h;
    this.starts[id] = this.arenaUsed;
    this.lengths[id] = length;
    this.arenaUsed += length;
    this.table[slot] = id + 1;
    if (this.size * 2 > this.table.length) this.rehash(this.table.length * 2);
    return id;
  }

  private rehash(slots: number): void {
    const table = new Int32Array(slots);
    const mask = slots - 1;
    for (let id = 0; id < this.size; id++) {
      let slot = (this.hashes[id] ?? 0) & mask;
      while ((table[slot] ?? EMPTY) !== EMPTY) slot = (slot + 1) & mask;
      table[slot] = id + 1;
    }
    this.table = table;
  }
}
