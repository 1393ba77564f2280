/**
 * Every event a pattern machine can receive, as one typed union. The engine numbers them in this
 * order; binding checks both directions (every event a machine names is listed here, and every
 * event listed here is known to some machine), and delivering an event to a machine that does not
 * know it throws instead of dropping it.
 */
export const PATTERN_EVENT_TYPES = [
  'read.start',
  'refresh.start',
  'l1.hit',
  'l1.miss',
  'cache.hit',
  'cache.miss',
  'cache.down',
  'cache.reply',
  'lock.acquired',
  'lock.busy',
  'db.reply',
  'flight.done',
  'write.start',
  'batch.empty',
  'event.delivered',
  'fault.down',
  'fault.restart',
] as const;

export type PatternEventType = (typeof PATTERN_EVENT_TYPES)[number];

/** A pattern event's numeric id (its index above): what the engine's queue carries. */
export type PatternEventId = number;

/** Numeric id of each event, by name. */
export const EV = Object.fromEntries(PATTERN_EVENT_TYPES.map((t, i) => [t, i])) as {
  readonly [K in PatternEventType]: PatternEventId;
};

/** The event type every pattern machine declares in `setup({ types })`: XState then checks names. */
export interface MachineEvent {
  readonly type: PatternEventType;
  /** Guard facts, by guard name (tests and lessons pass them in; the engine computes its own). */
  readonly facts?: Readonly<Record<string, boolean>>;
}
