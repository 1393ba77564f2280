/**
 * The engine's event queue, ordered by (time, seq): a binary min-heap plus a FIFO "lane", both
 * over typed arrays. (time, seq) is unique per event, so the pop order is fully determined: any
 * correct priority queue yields the same sequence.
 *
 * Heap events live in pooled slots (parallel typed arrays for kind and payload, recycled through a
 * free list); lane events keep their payload in the lane's own arrays. Pushing and popping
 * allocate nothing once the arrays have grown. `seq` is assigned at push, so events at equal times
 * run in scheduling order. `pop` copies the earliest event into the `time`/`kind`/`a`/`b`/`c`
 * fields.
 *
 * The heap keeps each entry's time and seq in heap order (not behind the slot number), so sifting
 * compares adjacent array elements instead of chasing slot indices.
 *
 * The lane is for the common case of events scheduled a constant delay ahead (the cache's replies
 * at now + latencyMs): such events arrive in non-decreasing time order, so a plain FIFO keeps them
 * sorted, and push/pop are O(1). {@link pushLane} appends only when the event is not earlier than
 * the lane's last entry (its seq is always larger), otherwise it falls back to the heap; `pop` takes
 * the smaller of the heap top and the lane head by (time, seq). Together they therefore yield
 * exactly the order a single heap would.
 */
export class EventQueue {
  // ---- the event last popped ----
  time = 0;
  kind = 0;
  a = 0;
  b = 0;
  c = 0;
  // ---- slot pool (heap events) ----
  private cap: number;
  private kindArr: Uint8Array;
  private aArr: Int32Array;
  private bArr: Int32Array;
  private cArr: Int32Array;
  private free: Int32Array;
  private freeTop = 0;
  private used = 0;
  private nextSeq = 0;
  // ---- heap, in heap order ----
  private hCap: number;
  private hTime: Float64Array;
  private hSeq: Float64Array;
  private hSlot: Int32Array;
  private n = 0;
  // ---- lane: ring buffer sorted by (time, seq) ----
  private lCap: number;
  private lTime: Float64Array;
  private lSeq: Float64Array;
  private lKind: Uint8Array;
  private lA: Int32Array;
  private lB: Int32Array;
  private lC: Int32Array;
  private lHead = 0;
  private lLen = 0;
  private lTailTime = -Infinity;

  constructor(initial = 1024) {
    this.cap = initial;
    this.kindArr = new Uint8Array(initial);
    this.aArr = new Int32Array(initial);
    this.bArr = new Int32Array(initial);
    this.cArr = new Int32Array(initial);
    this.free = new Int32Array(initial);
    this.hCap = initial;
    this.hTime = new Float64Array(initial);
    this.hSeq = new Float64Array(initial);
    this.hSlot = new Int32Array(initial);
    let lCap = 16;
    while (lCap < initial) lCap *= 2; // a power of two, for the ring's index mask
    this.lCap = lCap;
    this.lTime = new Float64Array(lCap);
    this.lSeq = new Float64Array(lCap);
    this.lKind = new Uint8Array(lCap);
    this.lA = new Int32Array(lCap);
    this.lB = new Int32Array(lCap);
    this.lC = new Int32Array(lCap);
  }

  get size(): number {
    return this.n + this.lLen;
  }

  /** True when the lane's head, not the heap's top, is the earliest event (both non-empty or not). */
  private laneFirst(): boolean {
    if (this.lLen === 0) return false;
    if (this.n === 0) return true;
    const lt = this.lTime[this.lHead] ?? 0;
    const ht = this.hTime[0] ?? 0;
    return lt < ht || (lt === ht && (this.lSeq[this.lHead] ?? 0) < (this.hSeq[0] ?? 0));
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTime(): number {
    const ht = this.n === 0 ? Infinity : (this.hTime[0] ?? Infinity);
    const lt = this.lLen === 0 ? Infinity : (this.lTime[this.lHead] ?? Infinity);
    return lt < ht ? lt : ht;
  }

  /** Sequence number of the earliest event (only meaningful when not empty). */
  peekSeq(): number {
    return this.laneFirst() ? (this.lSeq[this.lHead] ?? 0) : (this.hSeq[0] ?? 0);
  }

  /**
   * Reserve a sequence number for an event kept outside the heap (the engine keeps the single
   * next client arrival in two variables), so it still orders exactly like a queued event.
   */
  takeSeq(): number {
    return this.nextSeq++;
  }

  private alloc(kind: number, a: number, b: number, c: number): number {
    let slot: number;
    if (this.freeTop > 0) slot = this.free[--this.freeTop] ?? 0;
    else {
      if (this.used === this.cap) this.grow();
      slot = this.used++;
    }
    this.kindArr[slot] = kind;
    this.aArr[slot] = a;
    this.bArr[slot] = b;
    this.cArr[slot] = c;
    return slot;
  }

  push(time: number, kind: number, a: number, b: number, c: number): void {
    const slot = this.alloc(kind, a, b, c);
    const seq = this.nextSeq++;
    if (this.n === this.hCap) this.growHeap();
    // Sift up.
    const ht = this.hTime;
    const hs = this.hSeq;
    const hslot = this.hSlot;
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = ht[parent] ?? 0;
      if (pt < time || (pt === time && (hs[parent] ?? 0) < seq)) break;
      ht[i] = pt;
      hs[i] = hs[parent] ?? 0;
      hslot[i] = hslot[parent] ?? 0;
      i = parent;
    }
    ht[i] = time;
    hs[i] = seq;
    hslot[i] = slot;
  }

  /**
   * Like {@link push}, and the same order results; cheaper for events pushed in non-decreasing
   * time order (they go to the FIFO lane). An event earlier than the lane's last goes to the heap.
   */
  pushLane(time: number, kind: number, a: number, b: number, c: number): void {
    if (time < this.lTailTime) {
      this.push(time, kind, a, b, c);
      return;
    }
    if (this.lLen === this.lCap) this.growLane();
    const j = (this.lHead + this.lLen) & (this.lCap - 1);
    this.lTime[j] = time;
    this.lSeq[j] = this.nextSeq++;
    this.lKind[j] = kind;
    this.lA[j] = a;
    this.lB[j] = b;
    this.lC[j] = c;
    this.lLen++;
    this.lTailTime = time;
  }

  /** Remove the earliest event (the queue must not be empty) into `time`, `kind`, `a`, `b`, `c`. */
  pop(): void {
    if (this.laneFirst()) {
      const j = this.lHead;
      this.time = this.lTime[j] ?? 0;
      this.kind = this.lKind[j] ?? 0;
      this.a = this.lA[j] ?? 0;
      this.b = this.lB[j] ?? 0;
      this.c = this.lC[j] ?? 0;
      this.lHead = (j + 1) & (this.lCap - 1);
      if (--this.lLen === 0) this.lTailTime = -Infinity;
      return;
    }
    this.popHeap();
  }

  /** pop() from the heap (kept separate so that pop stays small enough to inline). */
  private popHeap(): void {
    const ht = this.hTime;
    const hs = this.hSeq;
    const hslot = this.hSlot;
    const top = hslot[0] ?? 0;
    this.time = ht[0] ?? 0;
    this.kind = this.kindArr[top] ?? 0;
    this.a = this.aArr[top] ?? 0;
    this.b = this.bArr[top] ?? 0;
    this.c = this.cArr[top] ?? 0;
    this.free[this.freeTop++] = top;
    const last = --this.n;
    if (last > 0) {
      const lt = ht[last] ?? 0;
      const ls = hs[last] ?? 0;
      const lslot = hslot[last] ?? 0;
      let i = 0;
      for (;;) {
        // The smaller of the two children, by (time, seq).
        const first = 2 * i + 1;
        if (first >= last) break;
        let child = first;
        let ct = ht[first] ?? 0;
        let cs = hs[first] ?? 0;
        const right = first + 1;
        if (right < last) {
          const rt = ht[right] ?? 0;
          if (rt < ct || (rt === ct && (hs[right] ?? 0) < cs)) {
            child = right;
            ct = rt;
            cs = hs[right] ?? 0;
          }
        }
        if (lt < ct || (lt === ct && ls < cs)) break;
        ht[i] = ct;
        hs[i] = cs;
        hslot[i] = hslot[child] ?? 0;
        i = child;
      }
      ht[i] = lt;
      hs[i] = ls;
      hslot[i] = lslot;
    }
  }

  /** A copy of the whole queue: every field, typed arrays copied (checkpoints). */
  save(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this)) out[k] = copyField(v);
    return out;
  }

  /** Restore a copy made by {@link save}. */
  load(saved: Record<string, unknown>): void {
    const self = this as unknown as Record<string, unknown>;
    for (const [k, v] of Object.entries(saved)) self[k] = copyField(v);
  }

  private grow(): void {
    const cap = this.cap * 2;
    const k = new Uint8Array(cap);
    k.set(this.kindArr);
    this.kindArr = k;
    this.aArr = grow32(this.aArr, cap);
    this.bArr = grow32(this.bArr, cap);
    this.cArr = grow32(this.cArr, cap);
    this.free = grow32(this.free, cap);
    this.cap = cap;
  }

  private growHeap(): void {
    const cap = this.hCap * 2;
    this.hTime = grow64(this.hTime, cap);
    this.hSeq = grow64(this.hSeq, cap);
    this.hSlot = grow32(this.hSlot, cap);
    this.hCap = cap;
  }

  /** Double the ring (capacity stays a power of two), unrolling it to start at index 0. */
  private growLane(): void {
    const cap = this.lCap * 2;
    const mask = this.lCap - 1;
    const t = new Float64Array(cap);
    const s = new Float64Array(cap);
    const k = new Uint8Array(cap);
    const a = new Int32Array(cap);
    const b = new Int32Array(cap);
    const c = new Int32Array(cap);
    for (let i = 0; i < this.lLen; i++) {
      const j = (this.lHead + i) & mask;
      t[i] = this.lTime[j] ?? 0;
      s[i] = this.lSeq[j] ?? 0;
      k[i] = this.lKind[j] ?? 0;
      a[i] = this.lA[j] ?? 0;
      b[i] = this.lB[j] ?? 0;
      c[i] = this.lC[j] ?? 0;
    }
    this.lTime = t;
    this.lSeq = s;
    this.lKind = k;
    this.lA = a;
    this.lB = b;
    this.lC = c;
    this.lHead = 0;
    this.lCap = cap;
  }
}

function grow64(a: Float64Array, cap: number): Float64Array {
  const b = new Float64Array(cap);
  b.set(a);
  return b;
}
function grow32(a: Int32Array, cap: number): Int32Array {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}

function copyField(v: unknown): unknown {
  return v instanceof Float64Array || v instanceof Int32Array || v instanceof Uint8Array
    ? v.slice()
    : v;
}
