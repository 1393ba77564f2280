/**
 * TinyLFU's approximate access counter (Einziger, Friedman & Manes): a count-min sketch of 4-bit
 * counters with a periodic reset.
 * - 4 rows of `width` counters, width = the capacity rounded up to a power of two (at least 16).
 *   Row r of key k uses counter `(h + r * step) mod width`, where h = fmix32(k) (MurmurHash3's
 *   finaliser) and step = h rotated by 16 bits, made odd (double hashing: the 4 rows differ).
 * - `increment` adds 1 to the key's counter in every row, saturating at 15, and counts a sample;
 *   after `10 × capacity` samples every counter, and the sample count, are halved (the "reset"),
 *   so the sketch tracks recent popularity.
 * - `estimate` is the smallest of the key's 4 counters.
 * Counters are packed eight to a 32-bit word, so a reset halves eight counters per operation.
 */
export const SKETCH_ROWS = 4;
export const SKETCH_MAX_COUNT = 15;
export const SKETCH_MIN_WIDTH = 16;
/** Samples between resets, per key of capacity. */
export const SKETCH_SAMPLES_PER_KEY = 10;
/** Clears the top bit of each 4-bit counter after a word is shifted right by one. */
const HALVE_MASK = 0x77777777;

/** MurmurHash3's 32-bit finaliser. */
export function fmix32(x: number): number {
  let h = x | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** The sketch width for a capacity in keys. */
export function sketchWidth(capacity: number): number {
  let w = SKETCH_MIN_WIDTH;
  while (w < capacity) w *= 2;
  return w;
}

export class FrequencySketch {
  private words: Uint32Array;
  private width: number;
  private samples = 0;
  private sampleSize: number;

  constructor(capacity: number) {
    this.width = sketchWidth(capacity);
    this.words = new Uint32Array((SKETCH_ROWS * this.width) / 8);
    this.sampleSize = SKETCH_SAMPLES_PER_KEY * Math.max(1, capacity);
  }

  /**
   * Follows a new capacity (a learned capacity grows). A new width starts from empty counters, as
   * Caffeine's sketch does when its maximum changes.
   */
  resize(capacity: number): void {
    this.sampleSize = SKETCH_SAMPLES_PER_KEY * Math.max(1, capacity);
    const width = sketchWidth(capacity);
    if (width === this.width) return;
    this.width = width;
    this.words = new Uint32Array((SKETCH_ROWS * width) / 8);
    this.samples = 0;
  }

  increment(key: number): void {
    const h = fmix32(key);
    const step = ((h >>> 16) | (h << 16) | 1) >>> 0;
    const mask = this.width - 1;
    for (let r = 0; r < SKETCH_ROWS; r++) {
      const i = r * this.width + ((h + Math.imul(r, step)) & mask);
      const w = i >>> 3;
      const shift = (i & 7) << 2;
      const word = this.words[w] ?? 0;
      if (((word >>> shift) & SKETCH_MAX_COUNT) < SKETCH_MAX_COUNT)
        this.words[w] = word + (1 << shift);
    }
    if (++this.samples >= this.sampleSize) this.halve();
  }

  estimate(key: number): number {
    const h = fmix32(key);
    const step = ((h >>> 16) | (h << 16) | 1) >>> 0;
    const mask = this.width - 1;
    let min = SKETCH_MAX_COUNT;
    for (let r = 0; r < SKETCH_ROWS; r++) {
      const i = r * this.width + ((h + Math.imul(r, step)) & mask);
      const c = ((this.words[i >>> 3] ?? 0) >>> ((i & 7) << 2)) & SKETCH_MAX_COUNT;
      if (c < min) min = c;
    }
    return min;
  }

  clear(): void {
    this.words.fill(0);
    this.samples = 0;
  }

  clone(): FrequencySketch {
    const c = new FrequencySketch(0);
    c.words = this.words.slice();
    c.width = this.width;
    c.samples = this.samples;
    c.sampleSize = this.sampleSize;
    return c;
  }

  /** The reset: halve every counter and the sample count. */
  private halve(): void {
    const words = this.words;
    for (let w = 0; w < words.length; w++) words[w] = ((words[w] ?? 0) >>> 1) & HALVE_MASK;
    this.samples = this.samples >>> 1;
  }
}
