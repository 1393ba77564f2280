/**
 * Write-behind (write-back), implemented: the write lands in the cache and in the write buffer
 * and is acknowledged at once (write-behind.machine.ts); the flusher (write-behind-flusher.ts)
 * writes buffered changes to the DB later. If the cache node dies first, every buffered write is
 * lost: counted, and the truth falls back to what the DB holds.
 *
 * State it keeps: the write buffer (a FIFO of key, row and version), shared with the flusher.
 */
import { SET_STATUS } from '../cache/cache-types';
import { EV } from './pattern-events';
import type { PatternFactory, PatternHost } from './pattern-host';
import { writeSteps } from './write-path.shared';

/** The buffered writes, oldest first (a ring over typed arrays). */
export class WriteBuffer {
  keys = new Int32Array(1024);
  rows = new Int32Array(1024);
  versions = new Int32Array(1024);
  head = 0;
  length = 0;

  push(key: number, row: number, version: number): void {
    if (this.length === this.keys.length) this.grow();
    const slot = (this.head + this.length) % this.keys.length;
    this.keys[slot] = key;
    this.rows[slot] = row;
    this.versions[slot] = version;
    this.length++;
  }

  /** The i-th oldest entry's slot. */
  slot(i: number): number {
    return (this.head + i) % this.keys.length;
  }

  /** Drop the `n` oldest entries. */
  shift(n: number): void {
    this.head = (this.head + n) % this.keys.length;
    this.length -= n;
  }

  private grow(): void {
    const n = this.keys.length * 2;
    const k2 = new Int32Array(n);
    const r2 = new Int32Array(n);
    const v2 = new Int32Array(n);
    for (let i = 0; i < this.length; i++) {
      const j = this.slot(i);
      k2[i] = this.keys[j] ?? 0;
      r2[i] = this.rows[j] ?? 0;
      v2[i] = this.versions[j] ?? 0;
    }
    this.keys = k2;
    this.rows = r2;
    this.versions = v2;
    this.head = 0;
  }

  save(): { keys: Int32Array; rows: Int32Array; versions: Int32Array; length: number } {
    const keys = new Int32Array(this.length);
    const rows = new Int32Array(this.length);
    const versions = new Int32Array(this.length);
    for (let i = 0; i < this.length; i++) {
      const j = this.slot(i);
      keys[i] = this.keys[j] ?? 0;
      rows[i] = this.rows[j] ?? 0;
      versions[i] = this.versions[j] ?? 0;
    }
    return { keys, rows, versions, length: this.length };
  }

  load(s: ReturnType<WriteBuffer['save']>): void {
    const cap = Math.max(1024, s.length);
    this.keys = new Int32Array(cap);
    this.rows = new Int32Array(cap);
    this.versions = new Int32Array(cap);
    this.keys.set(s.keys);
    this.rows.set(s.rows);
    this.versions.set(s.versions);
    this.head = 0;
    this.length = s.length;
  }
}

const buffers = new WeakMap<PatternHost, WriteBuffer>();
/** The one write buffer of an engine (the client side fills it, the flusher drains it). */
export function writeBufferOf(host: PatternHost): WriteBuffer {
  let b = buffers.get(host);
  if (b === undefined) {
    b = new WriteBuffer();
    buffers.set(host, b);
  }
  return b;
}

export const createWriteBehind: PatternFactory = (host) => {
  const { records: rec, clock, trace } = host;
  const truth = host.db.truth;
  const buffer = writeBufferOf(host);
  const w = writeSteps(host);

  return {
    actions: {
      cacheSetDirty: (r: number): void => {
        if (!host.cache.up) {
          host.send(r, EV['cache.down'], host.cache.latencyMs);
          return;
        }
        const key = rec.key.a[r] ?? 0;
        const row = rec.row.a[r] ?? 0;
        const v = (truth.truth.a[row] ?? 0) + 1;
        const status = host.cache.store.setFast(
          key,
          v,
          clock.now,
          host.cache.ttlFor(key),
          host.workload.bytesFor(key),
          false,
        );
        if (status !== SET_STATUS.ok) {
          host.cache.countOom();
          if (trace.on)
            trace.emit(
              'cache.oom',
              r,
              trace.lane(r),
              'cache',
              v,
              "OOM command not allowed when used memory > 'maxmemory'.",
            );
          host.send(r, EV['cache.down'], host.cache.latencyMs);
          return;
        }
        truth.bump(row, clock.now);
        rec.version.a[r] = v;
        buffer.push(key, row, v);
        if (trace.on) {
          trace.emit(
            'writebehind.buffer',
            r,
            trace.lane(r),
            'cache',
            v,
            `SET key ${key} = version ${v}; buffered for the flusher (${buffer.length} waiting)`,
          );
          host.cache.traceEvictions(r);
        }
        host.send(r, EV['cache.reply'], host.cache.latencyMs);
      },
      ackWrite: w.ackWrite,
      failWrite: w.failWrite,
      noteCacheDown: w.noteCacheDown,
    },
    configure(sc) {
      // The flusher runs from the first moment write-behind is in use (and keeps draining after).
      if (sc.pattern.write === 'write-behind' && host.background('write-behind-flusher') < 0)
        host.startBackground('write-behind-flusher');
    },
    onCacheDeath(node) {
      const n = buffer.length;
      if (n === 0) return;
      host.counts.lost(n);
      if (trace.on)
        trace.emit(
          'write.lost',
          node,
          'cache',
          null,
          null,
          `${n} buffered writes never reached the DB: lost`,
        );
      for (let i = 0; i < n; i++) truth.revert(buffer.rows[buffer.slot(i)] ?? 0);
      buffer.shift(n);
    },
    bufferedWrites: () => buffer.length,
    save: () => buffer.save(),
    load(saved) {
      buffer.load(saved as ReturnType<WriteBuffer['save']>);
    },
  };
};
