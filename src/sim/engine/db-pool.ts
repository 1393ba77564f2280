/**
 * The database: a connection pool of `db.maxConcurrent` connections with a FIFO queue in front,
 * latencies drawn per operation (scaled by a db-slow fault), and the versions it holds (DbTruth).
 *
 * A connection picks an operation up (`begin`): a read is counted, a write counted (and a custom
 * write, the write-behind batch, commits at once); at the end of service (`done`) a read takes its
 * snapshot and replies at once, while a write commits and its acknowledgement travels back with a
 * small random delay (network + app scheduling), which is what lets two concurrent writers' cache
 * updates land in the opposite order to their commits.
 */
import { createLatencySampler, type LatencySampler } from '../db/db-latency';
import { EV } from '../patterns/pattern-events';
import { DbTruth } from '../db/db-truth';
import type { CustomDbOp, DbAccess } from '../patterns/pattern-host';
import { RNG_STREAM } from '../rng';
import type { EngineCore } from './core';
import { MAX_DB_QUEUE } from './run-limits';

/** Mean delay between a write's commit and its ack reaching the app (network + scheduling), ms. */
export const WRITE_ACK_DELAY_MS = 2;

// ---- operation kinds (records' dbOp) ----
const DB_READ = 0;
const DB_WRITE = 1;
/** Custom ops are 2 + their index in `customOps`. */
const DB_CUSTOM = 2;

export class DbPool implements DbAccess {
  readonly truth: DbTruth;
  inFlight = 0;
  private queue = new Int32Array(1024);
  private head = 0;
  length = 0;
  /** db-slow faults multiply every latency drawn by this. */
  slowFactor = 1;
  sampler: LatencySampler;
  private readonly customOps: CustomDbOp[] = [];
  private readonly listeners: ((key: number, row: number, version: number) => void)[] = [];

  constructor(private readonly core: EngineCore) {
    this.truth = new DbTruth(
      core.keyColumns,
      core.scenario.workload.popularity.kind === 'unique' ? 1024 : core.scenario.workload.keys,
    );
    this.sampler = createLatencySampler(
      core.scenario.db.latencyVariation,
      core.rng(RNG_STREAM.dbLatency),
    );
  }

  read(r: number): void {
    this.submit(r, DB_READ);
  }

  write(r: number): void {
    this.submit(r, DB_WRITE);
  }

  defineOp(op: CustomDbOp): number {
    return this.customOps.push(op) - 1;
  }

  custom(r: number, opId: number): void {
    this.submit(r, DB_CUSTOM + opId);
  }

  committed(key: number, row: number, version: number): void {
    for (const l of this.listeners) l(key, row, version);
  }

  onCommit(listener: (key: number, row: number, version: number) => void): void {
    this.listeners.push(listener);
  }

  private submit(r: number, op: number): void {
    const core = this.core;
    core.records.dbOp.a[r] = op;
    core.metrics.win.dbArrivals++;
    if (this.inFlight < core.scenario.db.maxConcurrent) {
      this.begin(r);
      return;
    }
    if (this.length === this.queue.length) {
      const bigger = new Int32Array(this.queue.length * 2);
      for (let i = 0; i < this.length; i++)
        bigger[i] = this.queue[(this.head + i) % this.queue.length] ?? 0;
      this.queue = bigger;
      this.head = 0;
    }
    this.queue[(this.head + this.length) % this.queue.length] = r;
    this.length++;
    core.metrics.noteQueue(this.length);
    // The operation is queued (it cannot be refused); the run loop stops after this event.
    if (this.length >= MAX_DB_QUEUE) core.halt('db-queue');
    if (core.trace.on)
      core.trace.emit(
        'db.queued',
        r,
        core.trace.lane(r),
        'db',
        null,
        `all ${core.scenario.db.maxConcurrent} connections busy; position ${this.length} in the queue`,
      );
  }

  /** A connection picks the operation up. */
  private begin(r: number): void {
    const core = this.core;
    const sc = core.scenario;
    this.inFlight++;
    core.records.dbStart.a[r] = core.clock.now;
    const op = core.records.dbOp.a[r] ?? 0;
    let mean: number;
    if (op === DB_READ) {
      mean = sc.db.readLatencyMs;
      this.countRead();
      if ((core.metrics.trackAny && core.metrics.inTotals) || core.trace.on) this.noteRead(r);
    } else if (op === DB_WRITE) {
      this.countWrite();
      if (core.trace.on)
        core.trace.emit(
          'db.write',
          r,
          core.trace.lane(r),
          'db',
          null,
          `UPDATE key ${core.records.key.a[r] ?? 0} sent`,
        );
      mean = sc.db.writeLatencyMs;
    } else {
      const custom = this.customOps[op - DB_CUSTOM];
      mean = custom === undefined ? sc.db.writeLatencyMs : custom.begin(r);
      this.countWrite();
    }
    core.scheduleDbDone(core.clock.now + this.sampler.sample(mean) * this.slowFactor, r);
  }

  private countRead(): void {
    const m = this.core.metrics;
    m.win.dbReads++;
    if (m.inTotals) m.tot.dbReads++;
  }

  private countWrite(): void {
    const m = this.core.metrics;
    m.win.dbWrites++;
    if (m.inTotals) m.tot.dbWrites++;
  }

  // begin's less frequent part, out of line so that begin stays small enough to inline.
  private noteRead(r: number): void {
    const core = this.core;
    const key = core.records.key.a[r] ?? 0;
    if (core.metrics.trackAny && core.metrics.inTotals) {
      const t = core.metrics.tracked.get(key);
      if (t !== undefined) t.dbReads++;
    }
    if (core.trace.on) {
      const replica = core.scenario.db.readsFromReplica;
      core.trace.emit(
        'db.read',
        r,
        core.trace.lane(r),
        replica ? 'replica' : 'db',
        null,
        `SELECT key ${key}${replica ? ' (on the replica)' : ''}`,
      );
    }
  }

  /** The DB finishes an operation: the connection is released and the next queued one starts. */
  done(r: number): void {
    const core = this.core;
    this.inFlight--;
    core.metrics.win.dbServed++;
    if (this.length > 0) {
      const next = this.queue[this.head] ?? 0;
      this.head = (this.head + 1) % this.queue.length;
      this.length--;
      this.begin(next);
    }
    const op = core.records.dbOp.a[r] ?? 0;
    if (op !== DB_READ) {
      this.writeDone(r, op);
      return;
    }
    const sc = core.scenario;
    const row = core.records.row.a[r] ?? 0;
    const replica = sc.db.readsFromReplica && sc.db.replica !== null;
    const v = replica
      ? this.truth.replicaVersion(row, core.clock.now, sc.db.replica?.lagMs ?? 0)
      : (this.truth.db.a[row] ?? 0);
    core.records.version.a[r] = v;
    if (core.trace.on) this.traceReply(r, replica);
    // The snapshot is taken now; a paused app instance gets the reply when it resumes.
    core.deliverToApp(r, EV['db.reply']);
  }

  private traceReply(r: number, replica: boolean): void {
    const core = this.core;
    const v = core.records.version.a[r] ?? 0;
    const took = core.clock.now - (core.records.dbStart.a[r] ?? core.clock.now);
    core.trace.emit(
      'db.reply',
      r,
      replica ? 'replica' : 'db',
      core.trace.lane(r),
      v,
      `key ${core.records.key.a[r] ?? 0} = version ${v} after ${took.toFixed(1)} ms${replica ? ' (replica view)' : ''}`,
    );
  }

  private writeDone(r: number, op: number): void {
    const core = this.core;
    if (op === DB_WRITE) {
      const key = core.records.key.a[r] ?? 0;
      const row = core.records.row.a[r] ?? 0;
      const v = this.truth.bump(row, core.clock.now);
      this.truth.db.a[row] = v;
      core.records.version.a[r] = v;
      if (core.trace.on)
        core.trace.emit(
          'db.commit',
          r,
          'db',
          core.trace.lane(r),
          v,
          `key ${key} committed as version ${v}`,
        );
      this.committed(key, row, v);
      core.scheduleDbAck(core.clock.now + this.sampler.sample(WRITE_ACK_DELAY_MS), r);
      return;
    }
    this.customOps[op - DB_CUSTOM]?.done(r);
    core.deliverNow(r, EV['db.reply']);
  }

  /** A write's acknowledgement reaches its app instance (held while the instance is paused). */
  ack(r: number): void {
    const core = this.core;
    if (core.isHeld(r)) {
      core.holdAck(r);
      return;
    }
    if (core.trace.on) {
      const v = core.records.version.a[r] ?? 0;
      core.trace.emit(
        'db.reply',
        r,
        'db',
        core.trace.lane(r),
        v,
        `write of version ${v} acknowledged`,
      );
    }
    core.deliverNow(r, EV['db.reply']);
  }

  save(): Record<string, unknown> {
    const q = new Int32Array(this.length);
    for (let i = 0; i < this.length; i++)
      q[i] = this.queue[(this.head + i) % this.queue.length] ?? 0;
    return { inFlight: this.inFlight, queue: q, slowFactor: this.slowFactor };
  }

  load(s: Record<string, unknown>): void {
    const q = s['queue'] as Int32Array;
    this.queue = new Int32Array(Math.max(1024, q.length));
    this.queue.set(q);
    this.head = 0;
    this.length = q.length;
    this.inFlight = s['inFlight'] as number;
    this.slowFactor = s['slowFactor'] as number;
  }
}
