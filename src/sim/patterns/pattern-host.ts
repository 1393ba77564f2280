/**
 * What a pattern implementation gets from the engine, and what it gives back.
 *
 * A pattern is a machine (`x.machine.ts`, the single definition of its steps) plus an
 * implementation (`x.ts`): its named guards, actions and delays over request records, the state
 * it keeps (per-request and per-key columns it registers, buffers), what it does when its
 * configuration changes and when the cache node dies. The engine core knows no pattern by name:
 * it looks machines and implementations up in the registry (pattern-registry.ts).
 *
 * Implementations never deliver an event synchronously: they `send` it (possibly at delay 0),
 * which keeps ordering by (time, seq) and makes runs reproducible.
 */
import type { CacheStore } from '../cache/cache-types';
import type { DbTruth } from '../db/db-truth';
import type { Column, ColumnSet } from '../engine/columns';
import type { RequestRecords } from '../engine/records';
import type { Rng } from '../rng';
import type { Scenario } from '../scenario/scenario-schema';
import type { Workload } from '../workload/workload';
import type { PatternEventId } from './pattern-events';

/** Simulated time, owned by the engine. */
export interface Clock {
  readonly now: number;
}

/** Trace narration (events are recorded only while `on`). */
export interface Narrator {
  readonly on: boolean;
  /** An event of record `r` (its lane, state, job id and key are filled in). */
  emit(
    type: string,
    r: number,
    actor: string,
    to: string | null,
    version: number | null,
    detail: string,
    outcome?: 'hit' | 'miss' | 'stale' | 'error' | 'write',
    key?: number | null,
  ): void;
  /** An event of no single record (commit publications, node lifecycle, faults). */
  note(
    type: string,
    actor: string,
    to: string | null,
    key: number | null,
    version: number | null,
    detail: string,
  ): void;
  /** The lane a record's trace events start from (`app:N`, `flusher`, `bus`, `cache`). */
  lane(r: number): string;
}

/** The Redis-like cache as the app servers reach it (engine/cache-client.ts). */
export interface CacheAccess {
  /** Whether the cache node is up (reachable). */
  readonly up: boolean;
  /** The node dies: unreachable, memory lost (every pattern's `onCacheDeath` runs first). */
  die(nodeRecord: number): void;
  /** The node is reachable again (cold). */
  revive(): void;
  /** How long the current outage's down and restarting phases last (set by the fault). */
  readonly downForMs: number;
  readonly restartForMs: number;
  /** Reply latency of every cache command, ms. */
  readonly latencyMs: number;
  /** The store (valid until the next live change of capacity or policy). */
  readonly store: CacheStore;
  /**
   * GET the record's key. Counts a client read's first lookup as a hit or a miss, records what
   * was found in the record, and sends `cache.hit` / `cache.miss` / `cache.down` after the
   * cache latency.
   */
  get(r: number): void;
  /** SET the record's key to its version (no reply event). Version-checked when `versioned`. */
  set(r: number): void;
  /** DEL the record's key and reply `cache.reply` (or `cache.down`). */
  del(r: number): void;
  /** Every value SET is version-checked (see write-through.ts). */
  versioned: boolean;
  /** TTL for a new SET of `key`, with the scenario's jitter drawn now. */
  ttlFor(key: number): number | null;
  /** Count a SET refused for memory. */
  countOom(): void;
  /** Count a client read's first lookup as a hit or a miss (later lookups are ignored). */
  countLookup(r: number, hit: boolean): void;
  /** Per key row: how long the latest cached value took from DB pickup to SET (-1 never). */
  readonly fillMs: Column<Float64Array>;
  /** Trace the keys the latest SET evicted. */
  traceEvictions(r: number): void;
  /** The in-process L1 of an app instance (when `app.l1` is set). */
  l1(inst: number): CacheStore | undefined;
}

/** The database's connection pool (engine/db-pool.ts). */
export interface DbAccess {
  /** Queue a read of the record's key; `db.reply` follows with the version read. */
  read(r: number): void;
  /** Queue a write of the record's key; it commits at the end of service, `db.reply` on the ack. */
  write(r: number): void;
  /**
   * Define a DB operation whose effect the pattern performs (once, when the implementation is
   * created); returns its id for `custom`.
   */
  defineOp(op: CustomDbOp): number;
  /** Queue an operation defined with `defineOp` for record `r`. */
  custom(r: number, opId: number): void;
  /** Announce a commit (event-driven invalidation listens). */
  committed(key: number, row: number, version: number): void;
  /** Listen to commits. */
  onCommit(listener: (key: number, row: number, version: number) => void): void;
  readonly truth: DbTruth;
}

/** A DB operation whose effect the pattern defines (the write-behind batch). */
export interface CustomDbOp {
  /** The connection picks it up: do what commits now, return the mean service time (ms). */
  begin(r: number): number;
  /** Service ends: the pattern replies to its record. */
  done(r: number): void;
}

/** Everything an implementation may use. */
export interface PatternHost {
  readonly clock: Clock;
  readonly records: RequestRecords;
  /** Per-key rows: register columns on `keyColumns`; a record's row is `records.row.a[r]`. */
  readonly keyColumns: ColumnSet;
  readonly cache: CacheAccess;
  readonly db: DbAccess;
  readonly trace: Narrator;
  /** The scenario in effect now (changes with live patches). */
  readonly scenario: Scenario;
  readonly workload: Workload;
  /** A seeded stream of the scenario's seed (one per purpose, see rng.ts). */
  rng(stream: number): Rng;
  /**
   * Send `event` (an id from `EV`, e.g. `EV['cache.hit']`) to record `r` after `delayMs` (0: after
   * everything already due now). Ids, not names, keep the hot path free of string lookups.
   */
  send(r: number, event: PatternEventId, delayMs: number): void;
  /** Deliver `event` to record `r` now (only from a timer callback, never from an action). */
  deliverNow(r: number, event: PatternEventId): void;
  /**
   * A new background record of `machine` (a refresh, an event delivery), with a fresh job id
   * unless `withId` is false. Returns the record; the caller sends its first event.
   */
  spawn(
    machine: string,
    key: number,
    row: number,
    inst: number,
    flags: number,
    withId?: boolean,
  ): number;
  /** The per-key row of `key` (claims one for a fresh id). */
  rowOf(key: number): number;
  /** Register a callback the engine can run later with two integers (see `after`). */
  timer(fn: (a: number, b: number) => void): number;
  /** Run timer `id` with (a, b) after `delayMs` of simulated time. */
  after(id: number, delayMs: number, a: number, b: number): void;
  /** Start a long-lived record of `machine` (the flusher) in its initial state, once. */
  startBackground(machine: string): number;
  /** The record of a long-lived machine, or -1 when it has not started. */
  background(machine: string): number;
  /** State name of a record now. */
  stateOf(r: number): string;
  /** Metric counters that belong to patterns. */
  readonly counts: {
    lost(n: number): void;
    lockWait(): void;
  };
}

/** What an implementation gives the engine for its machine. */
export interface PatternImplementation {
  readonly guards?: Readonly<Record<string, (r: number) => boolean>>;
  readonly actions: Readonly<Record<string, (r: number) => void>>;
  readonly delays?: Readonly<Record<string, (r: number) => number>>;
  /**
   * For the compiler's constant folding: a guard's value when the current configuration fixes it
   * for every request and evaluating it has no side effect (see machine-compiler.ts).
   */
  staticGuard?(name: string): boolean | undefined;
  /** The scenario took effect (at start, and after every live change). */
  configure?(scenario: Scenario, previous: Scenario | null): void;
  /** A record of this machine was allocated: reset the pattern's own columns. */
  initRecord?(r: number): void;
  /** A new background record of this machine starts (narrate it). */
  onSpawn?(r: number): void;
  /** The cache node died (`nodeRecord` narrates): lose what lived in it. */
  onCacheDeath?(nodeRecord: number): void;
  /** Writes acknowledged to clients but not yet in the DB (views). */
  bufferedWrites?(): number;
  /** Checkpoints: state outside the host's columns. */
  save?(): unknown;
  load?(saved: unknown): void;
}

/** Builds a pattern's implementation for one engine. */
export type PatternFactory = (host: PatternHost) => PatternImplementation;

/** A column box type, re-exported for implementations. */
export type { Column };
