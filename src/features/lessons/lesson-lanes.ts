/**
 * Lanes of the sequence diagram: one per trace actor, in a fixed left-to-right order that follows
 * a request's path (clients, app servers, event bus/flusher, cache, database, replica), so every
 * lesson reads the same way round.
 */
import type { TraceEvent } from '../../sim/engine/engine-types';

export interface Lane {
  readonly id: string;
  readonly label: string;
}

const ORDER: readonly (readonly [RegExp, number])[] = [
  [/^client/, 0],
  [/^app/, 1],
  [/^l1/, 2],
  [/^bus/, 3],
  [/^(consumer|invalidator)/, 4],
  [/^flusher/, 5],
  [/^lock/, 6],
  [/^(chaos|warmer|user)/, 6.5],
  [/^cache/, 7],
  [/^db/, 8],
  [/^replica/, 9],
];

function rank(actor: string): number {
  for (const [re, r] of ORDER) if (re.test(actor)) return r;
  return 5;
}

function instanceNumber(actor: string): number {
  const m = /:(\d+)$/.exec(actor);
  return m?.[1] === undefined ? 0 : Number(m[1]);
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Default human label of an actor id ('app:1' -> 'App 2', 'client:0' -> 'Client A'). */
export function defaultLaneLabel(actor: string, many: boolean): string {
  const [base = actor, index] = actor.split(':');
  const n = index === undefined ? null : Number(index);
  const named: Record<string, string> = {
    client: 'Client',
    app: 'App',
    l1: 'L1',
    cache: 'Cache',
    db: 'DB',
    replica: 'Replica',
    bus: 'Event bus',
    consumer: 'Consumer',
    invalidator: 'Consumer',
    flusher: 'Flusher',
    lock: 'Lock',
    chaos: 'Fault',
    warmer: 'Warm-up job',
    user: 'You',
  };
  const name = named[base] ?? base.charAt(0).toUpperCase() + base.slice(1);
  if (n === null || Number.isNaN(n)) return name;
  if (base === 'client') return `${name} ${LETTERS[n % 26] ?? String(n)}`;
  return many ? `${name} ${n + 1}` : name;
}

/** The lanes for a list of events, ordered along a request's path. */
export function lanesFor(
  events: readonly TraceEvent[],
  labels: Readonly<Record<string, string>> = {},
): Lane[] {
  const ids = new Set<string>();
  for (const e of events) {
    ids.add(e.actor);
    if (e.to !== null) ids.add(e.to);
  }
  const list = [...ids].sort(
    (a, b) => rank(a) - rank(b) || instanceNumber(a) - instanceNumber(b) || a.localeCompare(b),
  );
  const countByBase = new Map<string, number>();
  for (const id of list) {
    const base = id.split(':')[0] ?? id;
    countByBase.set(base, (countByBase.get(base) ?? 0) + 1);
  }
  return list.map((id) => ({
    id,
    label: labels[id] ?? defaultLaneLabel(id, (countByBase.get(id.split(':')[0] ?? id) ?? 0) > 1),
  }));
}

/** Abbreviations for the compact (phone) diagram, where a lane may be 45 px wide. */
const SHORT_WORDS: readonly (readonly [RegExp, string])[] = [
  [/^Client\b/, 'Cli'],
  [/^App (\S+)/, 'App$1'],
  [/ \(\+L1\)$/, '+L1'],
  [/^Warm-up job$/, 'Warm'],
  [/^Event bus.*$/, 'Bus'],
  [/^Flusher$/, 'Flush'],
  [/^Consumer$/, 'Cons'],
  [/^Replica$/, 'Repl'],
];

/** A lane label short enough for a compact lane ('Client A' -> 'Cli A', 'App 2' -> 'App2'). */
export function shortLaneLabel(label: string): string {
  let out = label;
  for (const [re, to] of SHORT_WORDS) out = out.replace(re, to);
  return out;
}
