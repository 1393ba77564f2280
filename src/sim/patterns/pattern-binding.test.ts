/**
 * Binding a machine to an implementation checks both directions, once: every guard, action and
 * delay the machine names must be implemented, and nothing it does not name may be (a typo or a
 * leftover would otherwise never run).
 */
import { describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import { bindMachine, compileMachine, type MachineBindings } from './machine-compiler';

const noop = (): void => undefined;

/** A small machine: a guarded start, an entry action, a named delay, a final entry action. */
const probeMachine = setup({
  types: { events: {} as { type: 'go' } },
  guards: { isReady: () => true },
  actions: { startWork: noop, finishWork: noop },
  delays: { workFor: 10 },
}).createMachine({
  id: 'binding-probe',
  initial: 'idle',
  states: {
    idle: { on: { go: { guard: 'isReady', target: 'working' } } },
    working: { entry: ['startWork'], after: { workFor: { target: 'done' } } },
    done: { type: 'final', entry: ['finishWork'] },
  },
});

const compiled = compileMachine(probeMachine);

/** Bindings that implement exactly what the probe machine names, with `changes` applied. */
function bindings(changes: Partial<MachineBindings> = {}): MachineBindings {
  return {
    guards: { isReady: () => true },
    actions: { startWork: noop, finishWork: noop },
    delays: { workFor: () => 10 },
    scheduleAfter: noop,
    ...changes,
  };
}

describe('binding a machine to its implementation', () => {
  it('binds when the implementation names exactly what the machine uses, and runs it', () => {
    const ran: string[] = [];
    const timers: number[] = [];
    const stepper = bindMachine(
      compiled,
      bindings({
        actions: {
          startWork: () => ran.push('startWork'),
          finishWork: () => ran.push('finishWork'),
        },
        scheduleAfter: (_req, delayMs) => timers.push(delayMs),
      }),
    );
    const idle = stepper.start(0);
    const working = stepper.send(0, idle, compiled.eventId('go'));
    expect(compiled.states[working]).toBe('working');
    expect(ran).toEqual(['startWork']);
    expect(timers).toEqual([10]);
  });

  it('throws when the implementation names an action the machine does not use', () => {
    const actions = { startWork: noop, finishWork: noop, cleanUp: noop };
    expect(() => bindMachine(compiled, bindings({ actions }))).toThrow(
      'machine "binding-probe" does not use action cleanUp',
    );
  });

  it('throws when the implementation misses an action the machine uses', () => {
    expect(() => bindMachine(compiled, bindings({ actions: { startWork: noop } }))).toThrow(
      'machine "binding-probe" is missing action finishWork',
    );
  });

  it('checks guards and delays the same way', () => {
    expect(() => bindMachine(compiled, bindings({ guards: {} }))).toThrow(
      'machine "binding-probe" is missing guard isReady',
    );
    expect(() =>
      bindMachine(compiled, bindings({ delays: { workFor: () => 10, restFor: () => 5 } })),
    ).toThrow('machine "binding-probe" does not use delay restFor');
  });
});
