/**
 * The write-behind flusher, implemented (write-behind-flusher.machine.ts): wakes at a fixed rate,
 * every `flushIntervalMs` from its start (a batch that overruns a tick skips it rather than
 * drifting the schedule), takes up to `batchSize` buffered writes and writes them to the DB as one
 * batch. The batch commits when a connection picks it up.
 *
 * State it keeps: the batch in flight and the time it started.
 */
import type { PatternFactory } from './pattern-host';
import { EV } from './pattern-events';
import { writeBufferOf } from './write-behind';

export const createWriteBehindFlusher: PatternFactory = (host) => {
  const { clock, trace } = host;
  const truth = host.db.truth;
  const buffer = writeBufferOf(host);
  const batch = {
    keys: new Int32Array(0),
    rows: new Int32Array(0),
    versions: new Int32Array(0),
    length: 0,
    /** When the flusher started: its ticks fall at this time plus multiples of the interval. */
    startMs: 0,
  };

  const commit = host.db.defineOp({
    begin(r) {
      for (let i = 0; i < batch.length; i++) {
        const row = batch.rows[i] ?? 0;
        const v = batch.versions[i] ?? 0;
        if (v > (truth.db.a[row] ?? 0)) truth.db.a[row] = v;
        if (v > (truth.truth.a[row] ?? 0)) truth.truth.a[row] = v;
        host.db.committed(batch.keys[i] ?? 0, row, v);
      }
      if (trace.on)
        trace.emit(
          'flush.batch',
          r,
          'flusher',
          'db',
          null,
          `batch of ${batch.length} buffered writes committed`,
          undefined,
          batch.length === 1 ? (batch.keys[0] ?? null) : null,
        );
      return host.scenario.db.writeLatencyMs;
    },
    done(r) {
      if (trace.on) trace.emit('db.reply', r, 'db', 'flusher', null, 'batch acknowledged');
    },
  });

  return {
    actions: {
      flushBatch: (r: number): void => {
        if (buffer.length === 0) {
          host.send(r, EV['batch.empty'], 0);
          return;
        }
        const n = Math.min(buffer.length, host.scenario.pattern.writeBehind.batchSize);
        if (batch.keys.length < n) {
          batch.keys = new Int32Array(n);
          batch.rows = new Int32Array(n);
          batch.versions = new Int32Array(n);
        }
        for (let i = 0; i < n; i++) {
          const j = buffer.slot(i);
          batch.keys[i] = buffer.keys[j] ?? 0;
          batch.rows[i] = buffer.rows[j] ?? 0;
          batch.versions[i] = buffer.versions[j] ?? 0;
        }
        batch.length = n;
        buffer.shift(n);
        host.db.custom(r, commit);
      },
      commitBatch: (): void => {
        batch.length = 0;
      },
    },
    delays: {
      flushInterval: (): number => {
        const every = host.scenario.pattern.writeBehind.flushIntervalMs;
        const ticks = Math.floor((clock.now - batch.startMs) / every) + 1;
        return batch.startMs + ticks * every - clock.now;
      },
    },
    onSpawn() {
      batch.startMs = clock.now;
    },
    save: () => ({
      ...batch,
      keys: batch.keys.slice(),
      rows: batch.rows.slice(),
      versions: batch.versions.slice(),
    }),
    load(saved) {
      const s = saved as typeof batch;
      batch.keys = s.keys.slice();
      batch.rows = s.rows.slice();
      batch.versions = s.versions.slice();
      batch.length = s.length;
      batch.startMs = s.startMs;
    },
  };
};
