/**
 * The compiled stepper must agree with XState itself: for every path xstate/graph enumerates,
 * both visit the same states and name the same actions (XState's built-in `xstate.*` actions,
 * e.g. the raise/cancel behind `after`, are left out: the compiler turns them into engine timers).
 */
import { describe, expect, it } from 'vitest';
import { createMachine, initialTransition, setup, transition, type AnyStateMachine } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import {
  afterEventName,
  bindMachine,
  compileMachine,
  type CompiledMachine,
  type PatternEvent,
} from './machine-compiler';
import { PATTERN_MACHINES } from './pattern-registry';

/** XState's own name for an `after` event of a top-level state. */
function xstateEventName(compiled: CompiledMachine, name: string): string {
  const m = /^after\.([^.]+)\.(.+)$/.exec(name);
  return m === null ? name : `xstate.after.${m[1] ?? ''}.${compiled.id}.${m[2] ?? ''}`;
}
function compiledEventName(xstateName: string): string {
  const m = /^xstate\.after\.([^.]+)\.[^.]+\.(.+)$/.exec(xstateName);
  return m === null ? xstateName : afterEventName(m[1] ?? '', m[2] ?? '');
}

/** Every event type with every single guard fact set, none, and all (reaches every branch). */
function eventsFor(compiled: CompiledMachine): PatternEvent[] {
  const out: PatternEvent[] = [];
  for (const name of compiled.events) {
    const type = xstateEventName(compiled, name);
    out.push({ type });
    for (const g of compiled.guards) out.push({ type, facts: { [g]: true } });
    if (compiled.guards.length > 1)
      out.push({ type, facts: Object.fromEntries(compiled.guards.map((g) => [g, true])) });
  }
  return out;
}

/**
 * Only the events that take a distinct transition out of the snapshot's state: one per guarded
 * candidate (its guard fact set) plus the unguarded one. Parallel edges would make the number of
 * simple paths explode without covering anything new.
 */
function distinctEventsFor(
  compiled: CompiledMachine,
): (snapshot: { value: unknown }) => PatternEvent[] {
  return (snapshot) => {
    const state = compiled.stateId(String(snapshot.value));
    const out: PatternEvent[] = [];
    compiled.events.forEach((name, e) => {
      const candidates = compiled.table[state * compiled.events.length + e];
      if (candidates === undefined) return;
      const type = xstateEventName(compiled, name);
      for (const t of candidates) {
        const g = compiled.transGuard[t] ?? -1;
        out.push(g < 0 ? { type } : { type, facts: { [compiled.guards[g] ?? '']: true } });
      }
    });
    return out;
  };
}

function userActions(actions: readonly { type: string }[]): string[] {
  return actions.map((a) => a.type).filter((t) => !t.startsWith('xstate.'));
}

interface Replay {
  states: string[];
  actions: string[][];
}

function replayXState(machine: AnyStateMachine, events: readonly PatternEvent[]): Replay {
  let [snap, acts] = initialTransition(machine);
  const states = [String(snap.value)];
  const actions = [userActions(acts)];
  for (const ev of events) {
    [snap, acts] = transition(machine, snap, ev);
    states.push(String(snap.value));
    actions.push(userActions(acts));
  }
  return { states, actions };
}

function replayCompiled(compiled: CompiledMachine, events: readonly PatternEvent[]): Replay {
  let current: PatternEvent = { type: '' };
  let log: string[] = [];
  const guards: Record<string, () => boolean> = {};
  for (const g of compiled.guards) guards[g] = () => current.facts?.[g] === true;
  const actions: Record<string, () => void> = {};
  for (const a of compiled.actions) actions[a] = () => log.push(a);
  const delays: Record<string, () => number> = {};
  for (const d of compiled.delays) delays[d] = () => 0;
  const stepper = bindMachine(compiled, {
    guards,
    actions,
    delays,
    scheduleAfter: () => undefined,
  });
  let state = stepper.start(0);
  const out: Replay = { states: [compiled.states[state] ?? '?'], actions: [log] };
  for (const ev of events) {
    current = ev;
    log = [];
    const local = compiled.eventId(compiledEventName(ev.type));
    const next = local < 0 ? -1 : stepper.send(0, state, local);
    if (next >= 0) state = next;
    out.states.push(compiled.states[state] ?? '?');
    out.actions.push(log);
  }
  return out;
}

describe.each(Object.entries(PATTERN_MACHINES))('machine %s', (_id, typedMachine) => {
  // Walked with plain string events (graph helpers generate them from the compiled tables).
  const machine = typedMachine as unknown as AnyStateMachine;
  const compiled = compileMachine(machine);
  const events = eventsFor(compiled);

  it('compiles every state of the definition', () => {
    expect(compiled.states.length).toBeGreaterThan(1);
    expect(compiled.states[compiled.initial]).toBe(initialTransition(machine)[0].value);
  });

  it.each([
    ['shortest', () => getShortestPaths(machine, { events })],
    ['simple', () => getSimplePaths(machine, { events: distinctEventsFor(compiled) })],
  ] as const)('agrees with XState on every %s path', (_kind, paths) => {
    const found = paths();
    expect(found.length).toBeGreaterThan(0);
    const reached = new Set<string>();
    for (const path of found) {
      const evs = path.steps
        .map((s) => s.event as PatternEvent)
        .filter((e) => !e.type.startsWith('xstate.init'));
      const x = replayXState(machine, evs);
      const c = replayCompiled(compiled, evs);
      expect(c.states).toEqual(x.states);
      expect(c.actions).toEqual(x.actions);
      for (const s of x.states) reached.add(s);
    }
    // Every state is reachable and reached.
    expect([...reached].sort()).toEqual([...compiled.states].sort());
  });
});

describe('compiler rejects unsupported features loudly', () => {
  const cases: [string, AnyStateMachine][] = [
    [
      'nested states',
      createMachine({ id: 'm', initial: 'a', states: { a: { initial: 'x', states: { x: {} } } } }),
    ],
    [
      'exit actions',
      setup({ actions: { go: () => undefined } }).createMachine({
        id: 'm',
        initial: 'a',
        states: { a: { exit: ['go'] } },
      }),
    ],
    [
      'always',
      createMachine({ id: 'm', initial: 'a', states: { a: { always: { target: 'b' } }, b: {} } }),
    ],
    [
      'inline actions',
      createMachine({ id: 'm', initial: 'a', states: { a: { entry: () => undefined } } }),
    ],
    [
      'numeric delays',
      createMachine({
        id: 'm',
        initial: 'a',
        states: { a: { after: { 100: { target: 'b' } } }, b: {} },
      }),
    ],
    [
      'self-targets',
      createMachine({ id: 'm', initial: 'a', states: { a: { on: { go: { target: 'a' } } } } }),
    ],
    ['parallel states', createMachine({ id: 'm', type: 'parallel', states: { a: {}, b: {} } })],
  ];
  it.each(cases)('%s', (_name, machine) => {
    expect(() => compileMachine(machine)).toThrow(/not supported/);
  });

  it('reports missing implementations at bind time', () => {
    const compiled = compileMachine(PATTERN_MACHINES['write-around']);
    expect(() =>
      bindMachine(compiled, {
        guards: {},
        actions: {},
        delays: {},
        scheduleAfter: () => undefined,
      }),
    ).toThrow(/missing action dbWrite/);
  });
});
