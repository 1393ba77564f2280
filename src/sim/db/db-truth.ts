/**
 * The source of truth: a version per key, the time each version became true, and what a lagging
 * replica would show. Version 0 is the initial value of every key.
 *
 * `truth` is the newest acknowledged version (what a client who wrote last expects to read);
 * `db` is what the primary holds. They differ only under write-behind, where writes are
 * acknowledged before they reach the DB. A read served with version v < truth is stale by
 * `now - truthTime(v + 1)`.
 *
 * State lives in columns of the engine's per-key rows (see engine/key-space.ts), indexed by row.
 * Commit times are kept in a small ring per key (RING versions), enough to judge staleness and
 * replica reads of recent versions; older ones fall back to the oldest time kept (an
 * under-estimate of staleness).
 */
import type { Column, ColumnSet } from '../engine/columns';

/** Versions remembered per key (key spaces above 1M keep only the newest, to bound memory). */
const RING = 4;

export class DbTruth {
  private readonly ring: number;
  /** Newest acknowledged version per row. */
  readonly truth: Column<Int32Array>;
  /** Version held by the primary DB per row. */
  readonly db: Column<Int32Array>;
  private readonly times: Column<Float64Array>;

  constructor(rows: ColumnSet, keys: number) {
    this.ring = keys > 1_000_000 ? 1 : RING;
    this.truth = rows.int32();
    this.db = rows.int32();
    this.times = rows.float64(0, this.ring);
  }

  /** A new version of the key in `row` became true at `nowMs`; returns it. */
  bump(row: number, nowMs: number): number {
    const v = (this.truth.a[row] ?? 0) + 1;
    this.truth.a[row] = v;
    this.times.a[row * this.ring + (v % this.ring)] = nowMs;
    return v;
  }

  /** When version `v` became true (best effort for versions older than the ring). */
  timeOf(row: number, v: number): number {
    const newest = this.truth.a[row] ?? 0;
    const oldestKept = Math.max(1, newest - this.ring + 1);
    const version = v < oldestKept ? oldestKept : v;
    return version <= 0 ? 0 : (this.times.a[row * this.ring + (version % this.ring)] ?? 0);
  }

  /** Staleness in ms of serving version `v` at `nowMs` (0 when fresh). */
  staleness(row: number, v: number, nowMs: number): number {
    if (v >= (this.truth.a[row] ?? 0)) return 0;
    return nowMs - this.timeOf(row, v + 1);
  }

  /** The version a replica lagging `lagMs` shows at `nowMs` (never newer than the primary). */
  replicaVersion(row: number, nowMs: number, lagMs: number): number {
    const visibleAt = nowMs - lagMs;
    let v = this.db.a[row] ?? 0;
    const oldestKept = Math.max(1, (this.truth.a[row] ?? 0) - this.ring + 1);
    while (v >= oldestKept && this.timeOf(row, v) > visibleAt) v--;
    return v < 0 ? 0 : v;
  }

  /** Forget unflushed versions (write-behind loss): truth falls back to the DB. */
  revert(row: number): void {
    this.truth.a[row] = this.db.a[row] ?? 0;
  }
}
