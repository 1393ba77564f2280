/**
 * Trace narration: the engine's optional event trace (what lessons narrate and the topology
 * animates). Recording is off for fast runs; nothing here runs on the hot path unless `on`.
 */
import type { Narrator } from '../patterns/pattern-host';
import type { RequestOutcome, TraceEvent } from './engine-types';
import type { RequestRecords } from './records';

/** What the narrator needs to know about machines. */
export interface MachineNames {
  /** Lane of each machine: 'app' (the record's app instance) or a fixed lane name. */
  readonly lanes: readonly string[];
  /** Whether trace events of each machine's records name the record's key. */
  readonly keyed: readonly boolean[];
  /** State names of each machine. */
  readonly states: readonly (readonly string[])[];
}

export class Narration implements Narrator {
  on: boolean;
  readonly buf: TraceEvent[] = [];
  private seq = 0;
  /** Index in buf of the first event no step call has returned yet. */
  private stepMark = 0;
  /** The state a record is entering while its entry actions run (-1 none). */
  enteringState = -1;

  constructor(
    on: boolean,
    private readonly clock: { readonly now: number },
    private readonly rec: RequestRecords,
    private readonly machines: MachineNames,
  ) {
    this.on = on;
  }

  lane(r: number): string {
    const lane = this.machines.lanes[this.rec.machine.a[r] ?? 0] ?? 'app';
    return lane === 'app' ? `app:${this.rec.inst.a[r] ?? 0}` : lane;
  }

  emit(
    type: string,
    r: number,
    actor: string,
    to: string | null,
    version: number | null,
    detail: string,
    outcome?: RequestOutcome,
    key?: number | null,
  ): void {
    const m = r >= 0 ? (this.rec.machine.a[r] ?? 0) : -1;
    const stateIndex = this.enteringState >= 0 ? this.enteringState : (this.rec.state.a[r] ?? 0);
    const st = r >= 0 ? this.machines.states[m]?.[stateIndex] : undefined;
    const id = r >= 0 ? (this.rec.id.a[r] ?? -1) : -1;
    this.buf.push({
      seq: this.seq++,
      tMs: this.clock.now,
      type,
      requestId: id >= 0 ? id : null,
      actor,
      to,
      key:
        key !== undefined
          ? key
          : r < 0 || this.machines.keyed[m] !== true
            ? null
            : (this.rec.key.a[r] ?? null),
      version,
      ...(outcome === undefined ? {} : { outcome }),
      ...(st === undefined ? {} : { state: st }),
      detail,
    });
  }

  note(
    type: string,
    actor: string,
    to: string | null,
    key: number | null,
    version: number | null,
    detail: string,
  ): void {
    this.buf.push({
      seq: this.seq++,
      tMs: this.clock.now,
      type,
      requestId: null,
      actor,
      to,
      key,
      version,
      detail,
    });
  }

  /** Events recorded since the previous step call (the first call also returns set-up events). */
  takeStepped(): TraceEvent[] {
    const out = this.buf.slice(this.stepMark);
    this.stepMark = this.buf.length;
    return out;
  }

  drain(): TraceEvent[] {
    this.stepMark = 0;
    return this.buf.splice(0, this.buf.length);
  }

  save(): { seq: number; buf: TraceEvent[]; stepMark: number } {
    return { seq: this.seq, buf: this.buf.slice(), stepMark: this.stepMark };
  }

  load(s: ReturnType<Narration['save']>): void {
    this.seq = s.seq;
    this.buf.length = 0;
    for (const e of s.buf) this.buf.push(e);
    this.stepMark = s.stepMark;
  }
}
