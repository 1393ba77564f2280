/**
 * The source of truth: a version per key, the time each version became true, and what a lagging
 * replica would show. Version 0 is the initial value of every key.
 *
 * `truth` is the newest acknowledged version (what a client who wrote last expects to read);
 * `db` is what the primary holds. They differ only under write-behind, where writes are
 * acknowledged before they reach the DB. A read served with version v < truth is stale by
 * `now - truthTime(v + 1)`.
 *
 * Per-key arrays grow on demand (the `unique` workload invents new key ids). Commit times are kept
 * in a small ring per key (RING versions), enough to judge staleness and replica reads of recent
 * versions; older ones fall back to the oldest time kept (an under-estimate of staleness).
 */

/** Versions remembered per key (key spaces above 1M keep only the newest, to bound memory). */
const RING = 4;

export class DbTruth {
  private cap: number;
  private ring: number;
  /** Newest acknowledged version per key. */
  truth: Int32Array;
  /** Version held by the primary DB per key. */
  db: Int32Array;
  private times: Float64Array;

  constructor(keys: number) {
    this.ring = keys > 1_000_000 ? 1 : RING;
    this.cap = Math.max(16, keys);
    this.truth = new Int32Array(this.cap);
    this.db = new Int32Array(this.cap);
    this.times = new Float64Array(this.cap * this.ring);
  }

  /** Make sure arrays cover `key`. */
  ensure(key: number): void {
    if (key < this.cap) return;
    let cap = this.cap;
    while (cap <= key) cap *= 2;
    const t = new Int32Array(cap);
    t.set(this.truth);
    this.truth = t;
    const d = new Int32Array(cap);
    d.set(this.db);
    this.db = d;
    const times = new Float64Array(cap * this.ring);
    times.set(this.times);
    this.times = times;
    this.cap = cap;
  }

  /** A new version of `key` became true at `nowMs`; returns it. */
  bump(key: number, nowMs: number): number {
    const v = (this.truth[key] ?? 0) + 1;
    this.truth[key] = v;
    this.times[key * this.ring + (v % this.ring)] = nowMs;
    return v;
  }

  /** When version `v` of `key` became true (best effort for versions older than the ring). */
  timeOf(key: number, v: number): number {
    const newest = this.truth[key] ?? 0;
    const oldestKept = Math.max(1, newest - this.ring + 1);
    const version = v < oldestKept ? oldestKept : v;
    return version <= 0 ? 0 : (this.times[key * this.ring + (version % this.ring)] ?? 0);
  }

  /** Staleness in ms of serving version `v` at `nowMs` (0 when fresh). */
  staleness(key: number, v: number, nowMs: number): number {
    if (v >= (this.truth[key] ?? 0)) return 0;
    return nowMs - this.timeOf(key, v + 1);
  }

  /** The version a replica lagging `lagMs` shows at `nowMs` (never newer than the primary). */
  replicaVersion(key: number, nowMs: number, lagMs: number): number {
    const visibleAt = nowMs - lagMs;
    let v = this.db[key] ?? 0;
    const oldestKept = Math.max(1, (this.truth[key] ?? 0) - this.ring + 1);
    while (v >= oldestKept && this.timeOf(key, v) > visibleAt) v--;
    return v < 0 ? 0 : v;
  }

  /** Forget unflushed versions of `key` (write-behind loss): truth falls back to the DB. */
  revert(key: number): void {
    this.truth[key] = this.db[key] ?? 0;
  }
}
