/**
 * Request records: every client request and background job (refresh, event delivery, the
 * flusher, the cache node) is an integer id whose fields live in typed-array columns. Records are
 * recycled through a free list; `epoch` keeps counting across reuse so a timer scheduled for an
 * earlier life of the record is recognised as stale.
 *
 * The columns here are those every pattern shares (what the request is, where it is, what the
 * cache and the DB answered). A pattern that keeps more per request registers its own columns on
 * `cols` (see cache-aside-read.ts) and resets them in its `initRecord`.
 */
import { ColumnSet } from './columns';

// ---- record flags ----
/** A client request (counted, has latency). */
export const F_CLIENT = 1;
/** A background job (refresh). */
export const F_BACKGROUND = 2;
/** Waited for the rebuild lock at least once. */
export const F_WAITED = 4;
/** Served a stale value. */
export const F_STALE = 8;
/** A client read whose first lookup was answered (counted as a hit or a miss). */
export const F_LOOKED = 16;

// ---- request outcomes ----
export const OUT_NONE = 0;
export const OUT_HIT = 1;
export const OUT_MISS = 2;
export const OUT_ERROR = 3;
export const OUT_WRITE = 4;

export class RequestRecords {
  readonly cols = new ColumnSet(256);
  /** Index of the record's machine in the engine's machine list. */
  readonly machine = this.cols.uint8();
  readonly state = this.cols.int16();
  /** Generation of the current state entry (timers carry it). */
  readonly epoch = this.cols.int32();
  readonly key = this.cols.int32();
  /** Row of the key's per-key state (see key-space.ts). */
  readonly row = this.cols.int32();
  /** App instance the record runs on. */
  readonly inst = this.cols.uint8();
  readonly flags = this.cols.uint8();
  readonly outcome = this.cols.uint8();
  /** DB operation kind while at the DB (db-pool.ts). */
  readonly dbOp = this.cols.uint8();
  /** Version the request carries (read from the cache or the DB, or written). */
  readonly version = this.cols.int32();
  /** Arrival time. */
  readonly start = this.cols.float64();
  /** When the DB picked up the record's current operation. */
  readonly dbStart = this.cols.float64();
  /** From the cache's last hit reply: when the value was written and when it expires. */
  readonly setAt = this.cols.float64();
  readonly expAt = this.cols.float64();
  /** How stale the served value was (ms). */
  readonly staleMs = this.cols.float64();
  /** Trace id of the job (client request or background job), -1 none. */
  readonly id = this.cols.float64();
  private readonly free = this.cols.int32();
  private freeTop = 0;
  private used = 0;
  /** Records in use (requests in flight plus background work). */
  live = 0;

  alloc(machine: number, key: number, row: number, inst: number, flags: number, now: number) {
    let r: number;
    if (this.freeTop > 0) r = this.free.a[--this.freeTop] ?? 0;
    else {
      if (this.used === this.cols.capacity) this.cols.ensure(this.used + 1);
      r = this.used++;
    }
    this.machine.a[r] = machine;
    this.state.a[r] = 0;
    this.key.a[r] = key;
    this.row.a[r] = row;
    this.inst.a[r] = inst;
    this.flags.a[r] = flags;
    this.outcome.a[r] = OUT_NONE;
    this.version.a[r] = 0;
    this.start.a[r] = now;
    this.staleMs.a[r] = 0;
    this.id.a[r] = -1;
    this.live++;
    return r;
  }

  release(r: number): void {
    this.free.a[this.freeTop++] = r;
    this.live--;
  }

  /** Scratch for {@link inUseMask}: 1 for a record in use. Not state (never saved). */
  private inUse = new Uint8Array(0);

  /**
   * Which records are in use: the mask holds 1 at every record in use, 0 elsewhere, over the
   * first `count` records (every one ever allocated). A scan for reports (totals), not for the
   * event loop; the mask is reused by the next call.
   */
  inUseMask(): { readonly mask: Uint8Array; readonly count: number } {
    if (this.inUse.length < this.used) this.inUse = new Uint8Array(this.cols.capacity);
    const inUse = this.inUse;
    inUse.fill(1, 0, this.used);
    const free = this.free.a;
    for (let i = 0; i < this.freeTop; i++) inUse[free[i] ?? 0] = 0;
    return { mask: inUse, count: this.used };
  }

  save(): { cols: ReturnType<ColumnSet['save']>; freeTop: number; used: number; live: number } {
    return { cols: this.cols.save(), freeTop: this.freeTop, used: this.used, live: this.live };
  }

  load(s: ReturnType<RequestRecords['save']>): void {
    this.cols.load(s.cols);
    this.freeTop = s.freeTop;
    this.used = s.used;
    this.live = s.live;
  }
}
