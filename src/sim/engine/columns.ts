/**
 * Growable typed-array columns that share one row count: the storage of request records and of
 * per-key state. A column is a small box `{ a }` whose array is replaced when the set grows, so
 * code must read `col.a` at each use and never keep the array itself.
 *
 * Columns are registered by whoever keeps the state (the engine core, a pattern implementation),
 * which keeps each piece of state beside the code that changes it. `save`/`load` copy every column
 * (for checkpoints).
 */

type TypedArray = Int16Array | Int32Array | Uint8Array | Float64Array;
type TypedCtor<A extends TypedArray> = new (n: number) => A;

/** One column: read `a` at each use (it is replaced on growth). */
export interface Column<A extends TypedArray> {
  a: A;
}

interface Entry {
  readonly col: Column<TypedArray>;
  readonly make: (n: number) => TypedArray;
  /** Value of a new row (0 needs no fill). */
  readonly fill: number;
  /** Elements per row (per-key commit-time rings keep several). */
  readonly stride: number;
}

/** A set of columns with a common row capacity. */
export class ColumnSet {
  private readonly entries: Entry[] = [];
  /** Rows every column currently holds. */
  capacity: number;

  constructor(initialRows: number) {
    this.capacity = initialRows;
  }

  int32(fill = 0, stride = 1): Column<Int32Array> {
    return this.add(Int32Array, fill, stride);
  }
  int16(fill = 0): Column<Int16Array> {
    return this.add(Int16Array, fill, 1);
  }
  uint8(fill = 0): Column<Uint8Array> {
    return this.add(Uint8Array, fill, 1);
  }
  float64(fill = 0, stride = 1): Column<Float64Array> {
    return this.add(Float64Array, fill, stride);
  }

  private add<A extends TypedArray>(ctor: TypedCtor<A>, fill: number, stride: number): Column<A> {
    const a = new ctor(this.capacity * stride);
    if (fill !== 0) a.fill(fill);
    const col: Column<A> = { a };
    this.entries.push({
      col,
      make: (n) => new ctor(n),
      fill,
      stride,
    });
    return col;
  }

  /**
   * Grow every column to at least `rows` rows, new rows at their fill value: to a power of two
   * (doubling), or to exactly `rows` when that is more than twice the present size (a jump to a
   * known size, e.g. the whole key space).
   */
  ensure(rows: number): void {
    if (rows <= this.capacity) return;
    let cap = Math.max(16, this.capacity);
    if (rows > 2 * cap) cap = rows;
    while (cap < rows) cap *= 2;
    for (const e of this.entries) {
      const next = e.make(cap * e.stride);
      next.set(e.col.a);
      if (e.fill !== 0) next.fill(e.fill, this.capacity * e.stride);
      e.col.a = next;
    }
    this.capacity = cap;
  }

  /** Set one row of every column back to its fill value. */
  resetRow(row: number): void {
    for (const e of this.entries) {
      const base = row * e.stride;
      e.col.a.fill(e.fill, base, base + e.stride);
    }
  }

  /** Copies of every column (checkpoints). */
  save(): TypedArray[] {
    return this.entries.map((e) => e.col.a.slice());
  }

  /** Restore copies made by {@link save} on a set with the same columns. */
  load(saved: readonly TypedArray[]): void {
    if (saved.length !== this.entries.length) throw new Error('column layout changed');
    this.entries.forEach((e, i) => {
      const a = saved[i];
      if (a === undefined) return;
      e.col.a = a.slice();
    });
    this.capacity = (saved[0]?.length ?? 0) / (this.entries[0]?.stride ?? 1);
  }
}
