/**
 * The engine's event queue: a binary min-heap ordered by (time, seq) over typed arrays.
 * Events live in pooled slots (parallel typed arrays, recycled through a free list), the heap
 * holds slot numbers, so pushing and popping allocate nothing once the arrays have grown.
 * `seq` is assigned at push, so events at equal times run in scheduling order.
 */
export class EventQueue {
  private cap: number;
  private timeArr: Float64Array;
  private seqArr: Float64Array;
  private kindArr: Uint8Array;
  private aArr: Int32Array;
  private bArr: Int32Array;
  private cArr: Int32Array;
  private heap: Int32Array;
  private free: Int32Array;
  private freeTop = 0;
  private used = 0;
  private n = 0;
  private nextSeq = 0;

  constructor(initial = 1024) {
    this.cap = initial;
    this.timeArr = new Float64Array(initial);
    this.seqArr = new Float64Array(initial);
    this.kindArr = new Uint8Array(initial);
    this.aArr = new Int32Array(initial);
    this.bArr = new Int32Array(initial);
    this.cArr = new Int32Array(initial);
    this.heap = new Int32Array(initial);
    this.free = new Int32Array(initial);
  }

  get size(): number {
    return this.n;
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTime(): number {
    return this.n === 0 ? Infinity : (this.timeArr[this.heap[0] ?? 0] ?? Infinity);
  }

  /** Sequence number of the earliest event (only meaningful when not empty). */
  peekSeq(): number {
    return this.seqArr[this.heap[0] ?? 0] ?? 0;
  }

  /**
   * Reserve a sequence number for an event kept outside the heap (the engine keeps the single
   * next client arrival in two variables), so it still orders exactly like a queued event.
   */
  takeSeq(): number {
    return this.nextSeq++;
  }

  push(time: number, kind: number, a: number, b: number, c: number): void {
    let slot: number;
    if (this.freeTop > 0) slot = this.free[--this.freeTop] ?? 0;
    else {
      if (this.used === this.cap) this.grow();
      slot = this.used++;
    }
    this.timeArr[slot] = time;
    this.seqArr[slot] = this.nextSeq++;
    this.kindArr[slot] = kind;
    this.aArr[slot] = a;
    this.bArr[slot] = b;
    this.cArr[slot] = c;
    // Sift up.
    const heap = this.heap;
    const t = this.timeArr;
    const s = this.seqArr;
    let i = this.n++;
    const seq = s[slot] ?? 0;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const ps = heap[parent] ?? 0;
      const pt = t[ps] ?? 0;
      if (pt < time || (pt === time && (s[ps] ?? 0) < seq)) break;
      heap[i] = ps;
      i = parent;
    }
    heap[i] = slot;
  }

  /** Remove the earliest event; read it with the getters below, then call {@link release}. */
  pop(): number {
    const heap = this.heap;
    const top = heap[0] ?? 0;
    const last = heap[--this.n] ?? 0;
    if (this.n > 0) {
      const t = this.timeArr;
      const s = this.seqArr;
      const lt = t[last] ?? 0;
      const ls = s[last] ?? 0;
      let i = 0;
      const n = this.n;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        let cs = heap[child] ?? 0;
        const right = child + 1;
        if (right < n) {
          const rs = heap[right] ?? 0;
          const rt = t[rs] ?? 0;
          const ct = t[cs] ?? 0;
          if (rt < ct || (rt === ct && (s[rs] ?? 0) < (s[cs] ?? 0))) {
            child = right;
            cs = rs;
          }
        }
        const ct = t[cs] ?? 0;
        if (lt < ct || (lt === ct && ls < (s[cs] ?? 0))) break;
        heap[i] = cs;
        i = child;
      }
      heap[i] = last;
    }
    return top;
  }

  time(slot: number): number {
    return this.timeArr[slot] ?? 0;
  }
  seqOf(slot: number): number {
    return this.seqArr[slot] ?? 0;
  }
  kind(slot: number): number {
    return this.kindArr[slot] ?? 0;
  }
  a(slot: number): number {
    return this.aArr[slot] ?? 0;
  }
  b(slot: number): number {
    return this.bArr[slot] ?? 0;
  }
  c(slot: number): number {
    return this.cArr[slot] ?? 0;
  }

  release(slot: number): void {
    this.free[this.freeTop++] = slot;
  }

  private grow(): void {
    const cap = this.cap * 2;
    const grow64 = (a: Float64Array): Float64Array => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    const grow32 = (a: Int32Array): Int32Array => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    this.timeArr = grow64(this.timeArr);
    this.seqArr = grow64(this.seqArr);
    const k = new Uint8Array(cap);
    k.set(this.kindArr);
    this.kindArr = k;
    this.aArr = grow32(this.aArr);
    this.bArr = grow32(this.bArr);
    this.cArr = grow32(this.cArr);
    this.heap = grow32(this.heap);
    this.free = grow32(this.free);
    this.cap = cap;
  }
}
