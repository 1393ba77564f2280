/**
 * Per-key engine state (DB versions, rebuild locks, refresh flags...), stored in columns indexed
 * by a *row* rather than by the key id itself, so memory stays bounded when key ids do not repeat.
 *
 * Key ids below `denseLimit` (every id of a zipf/uniform/hotspot key space) have row = id. The
 * `unique` workload hands out fresh increasing ids past the key space, each used by one request;
 * those share a ring of {@link RECENT_KEY_ROWS} rows after the dense part: an id takes the row of
 * the id {@link RECENT_KEY_ROWS} before it, whose state is reset. State therefore survives for
 * the last million fresh ids, far longer than any such key is looked at.
 */
import { ColumnSet, type Column } from './columns';

/** Rows shared by fresh ids beyond the dense key space (`unique` workloads). */
export const RECENT_KEY_ROWS = 1 << 20;

/**
 * Rows allocated up front. A large key space (up to 2 M keys, ~60 bytes a row over the columns)
 * gets the rest in one step when a key beyond them is first touched, not while a run is being
 * built or reset: building an engine stays cheap, and the columns are never grown by doubling
 * (copying every row each time) on the way to the key space's size.
 */
const INITIAL_ROWS = 1 << 16;

export class KeySpace {
  readonly cols: ColumnSet;
  /** Ids below this map to their own row. */
  readonly denseLimit: number;
  /** For ring rows: the id that owns the row now (-1 none); only with fresh ids. */
  private readonly owner: Column<Float64Array> | null;

  /**
   * @param denseKeys ids below this are dense (the workload's key space)
   * @param freshIds whether ids at or above `denseKeys` are fresh, never-repeating ids (`unique`)
   */
  constructor(
    private readonly denseKeys: number,
    /** Whether ids at or above `denseKeys` share the ring of rows. */
    readonly freshIds: boolean,
  ) {
    this.denseLimit = freshIds ? denseKeys : Infinity;
    this.cols = new ColumnSet(
      Math.max(16, freshIds ? Math.min(denseKeys, 1024) : Math.min(denseKeys, INITIAL_ROWS)),
    );
    this.owner = freshIds ? this.cols.float64(-1) : null;
  }

  /** The row holding `key`'s state, claiming (and resetting) a ring row for a fresh id. */
  rowOf(key: number): number {
    if (key < this.denseLimit) {
      if (key >= this.cols.capacity) this.grow(key);
      return key;
    }
    const row = this.denseLimit + ((key - this.denseLimit) % RECENT_KEY_ROWS);
    if (row >= this.cols.capacity) this.cols.ensure(row + 1);
    const owner = this.owner;
    if (owner !== null && owner.a[row] !== key) {
      this.cols.resetRow(row);
      owner.a[row] = key;
    }
    return row;
  }

  /** Rows up to `key`: the whole dense key space at once when `key` is in it. */
  private grow(key: number): void {
    this.cols.ensure(key < this.denseKeys ? this.denseKeys : key + 1);
  }

  /** The row of `key` if it has one now (views), else -1. */
  peekRow(key: number): number {
    if (key < this.denseLimit) return key < this.cols.capacity ? key : -1;
    const row = this.denseLimit + ((key - this.denseLimit) % RECENT_KEY_ROWS);
    return row < this.cols.capacity && this.owner?.a[row] === key ? row : -1;
  }
}
