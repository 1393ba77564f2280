/**
 * Compiles an XState machine definition into flat tables, and steps lightweight request records
 * (plain integer ids owned by the engine) through them.
 *
 * Why: XState's interpreter costs ~10-50 us per transition, far too slow for millions of simulated
 * requests. The machine object stays the single definition of each pattern; this module reads its
 * config once and the engine supplies the named guard, action and delay implementations.
 *
 * Supported (anything else throws at compile time): one level of states under the root, `initial`,
 * `type: 'final'`, string `entry` actions, `on` with sibling targets or targetless transitions, named
 * string guards, named string actions, `after` with named delays (no guard). Unsupported: nested or
 * parallel states, `exit`, `always`, `invoke`, inline functions, `reenter`, self-targets.
 *
 * Semantics mirror XState: the first transition whose guard passes wins; its actions run, then the
 * target's entry actions; entering a state with `after` asks the host to schedule the delayed event.
 * Delayed events carry the generation of the state entry so a stale timer is ignored.
 */
import type { AnyStateMachine } from 'xstate';

/** Events every pattern machine receives: a type plus the facts its guards read. */
export interface PatternEvent {
  readonly type: string;
  /** Guard facts, by guard name (the engine computes them; tests and lessons pass them in). */
  readonly facts?: Readonly<Record<string, boolean>>;
}

/**
 * Guard implementations for a machine's own `setup`: each named guard reads its fact from the event.
 * The engine binds the same names to functions over its request records.
 */
export function factGuards<const N extends string>(
  names: readonly N[],
): Record<N, (args: { event: PatternEvent }) => boolean> {
  const out = {} as Record<N, (args: { event: PatternEvent }) => boolean>;
  for (const name of names) out[name] = ({ event }) => event.facts?.[name] === true;
  return out;
}

/** Placeholder action implementations for `setup` (the engine supplies the real ones). */
export function namedActions<const N extends string>(names: readonly N[]): Record<N, () => void> {
  const out = {} as Record<N, () => void>;
  const noop = (): void => undefined;
  for (const name of names) out[name] = noop;
  return out;
}

/** A compiled machine: integers everywhere, names kept for tracing and binding. */
export interface CompiledMachine {
  readonly id: string;
  readonly states: readonly string[];
  readonly events: readonly string[];
  readonly guards: readonly string[];
  readonly actions: readonly string[];
  readonly delays: readonly string[];
  readonly initial: number;
  readonly isFinal: Uint8Array;
  /** Per state: entry action ids. */
  readonly entry: readonly Int32Array[];
  /** Per state: `after` timers as [delayId, eventId] pairs. */
  readonly after: readonly Int32Array[];
  /** [state * events.length + event] -> transition ids in priority order. */
  readonly table: readonly (Int32Array | undefined)[];
  readonly transGuard: Int32Array;
  /** Target state id, or -1 for a targetless transition. */
  readonly transTarget: Int32Array;
  readonly transActions: readonly Int32Array[];
  stateId(name: string): number;
  eventId(name: string): number;
}

/** Name of the synthetic event a state's `after` timer sends (stable, for traces). */
export function afterEventName(delay: string, state: string): string {
  return `after.${delay}.${state}`;
}

function fail(machineId: string, where: string, what: string): never {
  throw new Error(
    `machine "${machineId}" ${where}: ${what} is not supported by the engine's compiler`,
  );
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function actionNames(machineId: string, where: string, raw: unknown): string[] {
  if (raw === undefined) return [];
  const list = Array.isArray(raw) ? (raw as unknown[]) : [raw];
  return list.map((a) => {
    if (typeof a === 'string') return a;
    if (isRecord(a) && typeof a['type'] === 'string' && a['params'] === undefined) return a['type'];
    return fail(machineId, where, 'an inline or parameterised action');
  });
}

const ALLOWED_STATE_KEYS = new Set(['type', 'entry', 'on', 'after', 'description', 'meta', 'tags']);
const ALLOWED_TRANSITION_KEYS = new Set(['target', 'guard', 'actions', 'description', 'meta']);

/** Compile a machine (built with `setup(...).createMachine(...)`) into flat tables. */
export function compileMachine(machine: AnyStateMachine): CompiledMachine {
  const config = machine.config as unknown;
  if (!isRecord(config)) throw new Error('machine has no config');
  const id = typeof config['id'] === 'string' ? config['id'] : machine.id;
  for (const key of Object.keys(config)) {
    if (
      !['id', 'initial', 'states', 'context', 'description', 'types', 'meta', 'schemas'].includes(
        key,
      )
    ) {
      fail(id, 'root', `root key "${key}"`);
    }
  }
  const statesConfig = config['states'];
  if (!isRecord(statesConfig)) fail(id, 'root', 'a machine without states');
  const states = Object.keys(statesConfig);
  const stateIndex = new Map(states.map((s, i) => [s, i]));
  const initialName = config['initial'];
  if (typeof initialName !== 'string' || !stateIndex.has(initialName))
    fail(id, 'root', 'a missing initial state');

  const events: string[] = [];
  const eventIndex = new Map<string, number>();
  const intern = (list: string[], index: Map<string, number>, name: string): number => {
    let i = index.get(name);
    if (i === undefined) {
      i = list.length;
      list.push(name);
      index.set(name, i);
    }
    return i;
  };
  const guards: string[] = [];
  const guardIndex = new Map<string, number>();
  const actions: string[] = [];
  const actionIndex = new Map<string, number>();
  const delays: string[] = [];
  const delayIndex = new Map<string, number>();

  interface RawTransition {
    state: number;
    event: number;
    guard: number;
    target: number;
    actions: number[];
  }
  const transitions: RawTransition[] = [];
  const entry: Int32Array[] = [];
  const after: Int32Array[] = [];
  const isFinal = new Uint8Array(states.length);

  const readTransition = (
    stateName: string,
    eventName: string,
    raw: unknown,
    allowGuard: boolean,
  ): void => {
    const where = `state "${stateName}" on "${eventName}"`;
    const t = typeof raw === 'string' ? { target: raw } : raw;
    if (!isRecord(t)) fail(id, where, 'a non-object transition');
    for (const key of Object.keys(t))
      if (!ALLOWED_TRANSITION_KEYS.has(key)) fail(id, where, `transition key "${key}"`);
    let target = -1;
    if (t['target'] !== undefined) {
      const targetName =
        Array.isArray(t['target']) && t['target'].length === 1
          ? (t['target'][0] as unknown)
          : t['target'];
      if (typeof targetName !== 'string' || !stateIndex.has(targetName))
        fail(id, where, `target ${JSON.stringify(targetName)}`);
      if (targetName === stateName)
        fail(id, where, 'a self-targeting transition (re-entry semantics)');
      target = stateIndex.get(targetName) ?? -1;
    }
    let guard = -1;
    if (t['guard'] !== undefined) {
      if (!allowGuard) fail(id, where, 'a guard on an `after` transition');
      if (typeof t['guard'] !== 'string') fail(id, where, 'an inline or parameterised guard');
      guard = intern(guards, guardIndex, t['guard']);
    }
    const acts = actionNames(id, where, t['actions']).map((a) => intern(actions, actionIndex, a));
    transitions.push({
      state: stateIndex.get(stateName) ?? -1,
      event: intern(events, eventIndex, eventName),
      guard,
      target,
      actions: acts,
    });
  };

  for (const stateName of states) {
    const sc = statesConfig[stateName];
    const where = `state "${stateName}"`;
    if (sc !== undefined && !isRecord(sc)) fail(id, where, 'a non-object state');
    const s = sc ?? {};
    for (const key of Object.keys(s))
      if (!ALLOWED_STATE_KEYS.has(key)) fail(id, where, `state key "${key}"`);
    if (s['type'] !== undefined && s['type'] !== 'final' && s['type'] !== 'atomic')
      fail(id, where, `type ${JSON.stringify(s['type'])}`);
    const si = stateIndex.get(stateName) ?? 0;
    isFinal[si] = s['type'] === 'final' ? 1 : 0;
    entry.push(
      Int32Array.from(
        actionNames(id, where, s['entry']).map((a) => intern(actions, actionIndex, a)),
      ),
    );
    const on = s['on'];
    if (on !== undefined) {
      if (!isRecord(on)) fail(id, where, 'a non-object `on`');
      if (isFinal[si] === 1 && Object.keys(on).length > 0)
        fail(id, where, 'transitions out of a final state');
      for (const [eventName, raw] of Object.entries(on)) {
        if (eventName === '*' || eventName.includes('*')) fail(id, where, 'wildcard events');
        const list = Array.isArray(raw) ? (raw as unknown[]) : [raw];
        for (const one of list) readTransition(stateName, eventName, one, true);
      }
    }
    const afterCfg = s['after'];
    const timers: number[] = [];
    if (afterCfg !== undefined) {
      if (!isRecord(afterCfg)) fail(id, where, 'a non-object `after`');
      for (const [delayName, raw] of Object.entries(afterCfg)) {
        if (/^\d+$/.test(delayName))
          fail(id, where, `a numeric delay (${delayName}); name it in setup({ delays })`);
        if (Array.isArray(raw)) fail(id, where, 'several transitions on one `after` delay');
        const eventName = afterEventName(delayName, stateName);
        readTransition(stateName, eventName, raw, false);
        timers.push(intern(delays, delayIndex, delayName), eventIndex.get(eventName) ?? -1);
      }
    }
    after.push(Int32Array.from(timers));
  }

  const nEvents = events.length;
  const buckets: number[][] = [];
  transitions.forEach((t, ti) => {
    const slot = t.state * nEvents + t.event;
    (buckets[slot] ??= []).push(ti);
  });
  const table: (Int32Array | undefined)[] = [];
  for (let i = 0; i < states.length * nEvents; i++) {
    const b = buckets[i];
    table.push(b === undefined ? undefined : Int32Array.from(b));
  }
  return {
    id,
    states,
    events,
    guards,
    actions,
    delays,
    initial: stateIndex.get(initialName) ?? 0,
    isFinal,
    entry,
    after,
    table,
    transGuard: Int32Array.from(transitions.map((t) => t.guard)),
    transTarget: Int32Array.from(transitions.map((t) => t.target)),
    transActions: transitions.map((t) => Int32Array.from(t.actions)),
    stateId: (name) => stateIndex.get(name) ?? -1,
    eventId: (name) => eventIndex.get(name) ?? -1,
  };
}

/** What the engine supplies for one machine: functions over request ids. */
export interface MachineBindings {
  readonly guards: Readonly<Record<string, (req: number) => boolean>>;
  readonly actions: Readonly<Record<string, (req: number) => void>>;
  readonly delays: Readonly<Record<string, (req: number) => number>>;
  /** Schedule `eventId` for `req` after `delayMs` (the engine's timer). */
  readonly scheduleAfter: (req: number, delayMs: number, eventId: number) => void;
  /** Optional hook called on every state change (for traces); omit in fast runs. */
  onTransition?: (req: number, from: number, to: number, eventId: number) => void;
  /**
   * Optional constant folding. For a guard name, return `true` or `false` when the guard has that
   * value for every request under the host's current configuration *and* calling it would have
   * no side effect (no random draw, no state change); `undefined` when it must be evaluated per
   * call. Consulted once, at bind time: a host whose configuration changes binds again.
   */
  readonly staticGuard?: (name: string) => boolean | undefined;
}

/** Steps request records through a compiled machine. */
export interface MachineStepper {
  readonly machine: CompiledMachine;
  /**
   * Deliver `eventId` to `req` in `state`. Returns the new state (same state for a targetless
   * transition) or -1 when no transition is enabled (the event is ignored, as XState does).
   */
  send(req: number, state: number, eventId: number): number;
  /** Run the initial state's entry (actions + timers) for a new record. Returns the initial state. */
  start(req: number): number;
  /**
   * Introspection for hosts that specialise a hot step: when `eventId` in `state` always takes the
   * same transition under this binding (no guard left to evaluate after constant folding), what
   * that step does: its target (-1 = targetless), transition actions, and the target's entry
   * actions and whether the target starts timers. `null` when a guard still decides.
   */
  resolved(state: number, eventId: number): ResolvedStep | null;
}

/** See {@link MachineStepper.resolved}. */
export interface ResolvedStep {
  readonly target: number;
  readonly actions: readonly string[];
  readonly entry: readonly string[];
  readonly hasTimers: boolean;
}

/**
 * Bind a compiled machine to engine implementations. Every guard, action and delay the machine
 * names must be supplied, and nothing it does not name (checked here, once, both directions), so
 * a typo fails loudly at start-up.
 */
export function bindMachine(machine: CompiledMachine, bindings: MachineBindings): MachineStepper {
  const missing: string[] = [];
  const guardFns = machine.guards.map((g) => {
    const fn = bindings.guards[g];
    if (fn === undefined) missing.push(`guard ${g}`);
    return fn ?? (() => false);
  });
  const actionFns = machine.actions.map((a) => {
    const fn = bindings.actions[a];
    if (fn === undefined) missing.push(`action ${a}`);
    return fn ?? (() => undefined);
  });
  const delayFns = machine.delays.map((d) => {
    const fn = bindings.delays[d];
    if (fn === undefined) missing.push(`delay ${d}`);
    return fn ?? (() => 0);
  });
  if (missing.length > 0)
    throw new Error(`machine "${machine.id}" is missing ${missing.join(', ')}`);
  // The other direction: an implementation of a name the machine never uses is a typo or a
  // leftover, and would silently never run.
  const unused = [
    ...Object.keys(bindings.guards)
      .filter((g) => !machine.guards.includes(g))
      .map((g) => `guard ${g}`),
    ...Object.keys(bindings.actions)
      .filter((a) => !machine.actions.includes(a))
      .map((a) => `action ${a}`),
    ...Object.keys(bindings.delays)
      .filter((d) => !machine.delays.includes(d))
      .map((d) => `delay ${d}`),
  ];
  if (unused.length > 0)
    throw new Error(`machine "${machine.id}" does not use ${unused.join(', ')}`);
  const { table, transGuard, transTarget, transActions, entry, after } = machine;
  const nEvents = machine.events.length;
  const onTransition = bindings.onTransition;
  const scheduleAfter = bindings.scheduleAfter;

  // Constant folding of guards. For each (state, event) keep only the candidates that can fire, in
  // priority order: drop a transition whose guard is constantly false, and stop after the first
  // one that always passes (unguarded or constantly true; nothing after it is ever looked at).
  // `liveGuard[t]` is the guard still to evaluate per call, or -1. Only guards declared constant
  // and side-effect free are skipped, so every remaining call, and its order, is unchanged.
  const guardConst = machine.guards.map((g) => bindings.staticGuard?.(g));
  const liveGuard = new Int32Array(transGuard.length);
  for (let t = 0; t < transGuard.length; t++) {
    const g = transGuard[t] ?? -1;
    liveGuard[t] = g >= 0 && guardConst[g] === undefined ? g : -1;
  }
  const plan: (Int32Array | undefined)[] = table.map((candidates) => {
    if (candidates === undefined) return undefined;
    const kept: number[] = [];
    for (const t of candidates) {
      const g = transGuard[t] ?? -1;
      const value = g < 0 ? true : guardConst[g];
      if (value === false) continue;
      kept.push(t);
      if (value === true) break;
    }
    return Int32Array.from(kept);
  });
  // Actions resolved to functions once, per transition and per state entry.
  const transFns = transActions.map((acts) => Array.from(acts, (a) => actionFns[a] ?? noop));
  const entryFns = entry.map((acts) => Array.from(acts, (a) => actionFns[a] ?? noop));

  const enter = (req: number, state: number): void => {
    const fns = entryFns[state];
    if (fns !== undefined) for (let i = 0; i < fns.length; i++) (fns[i] ?? noop)(req);
    const timers = after[state];
    if (timers !== undefined) {
      for (let i = 0; i < timers.length; i += 2) {
        scheduleAfter(req, (delayFns[timers[i] ?? 0] ?? zero)(req), timers[i + 1] ?? 0);
      }
    }
  };

  return {
    machine,
    start(req) {
      enter(req, machine.initial);
      return machine.initial;
    },
    resolved(state, eventId) {
      const candidates = plan[state * nEvents + eventId];
      if (candidates?.length !== 1) return null;
      const t = candidates[0] ?? 0;
      if ((liveGuard[t] ?? -1) >= 0) return null;
      const target = transTarget[t] ?? -1;
      const names = (ids: Int32Array | undefined): string[] =>
        Array.from(ids ?? [], (a) => machine.actions[a] ?? '');
      return {
        target,
        actions: names(transActions[t]),
        entry: target < 0 ? [] : names(entry[target]),
        hasTimers: target >= 0 && (after[target]?.length ?? 0) > 0,
      };
    },
    send(req, state, eventId) {
      const candidates = plan[state * nEvents + eventId];
      if (candidates === undefined) return -1;
      for (let c = 0; c < candidates.length; c++) {
        const t = candidates[c] ?? 0;
        const g = liveGuard[t] ?? -1;
        if (g >= 0 && !(guardFns[g] ?? no)(req)) continue;
        const fns = transFns[t];
        if (fns !== undefined) for (let i = 0; i < fns.length; i++) (fns[i] ?? noop)(req);
        const target = transTarget[t] ?? -1;
        if (target < 0) return state;
        if (onTransition !== undefined) onTransition(req, state, target, eventId);
        enter(req, target);
        return target;
      }
      return -1;
    },
  };
}

function noop(): void {
  return undefined;
}
function zero(): number {
  return 0;
}
function no(): boolean {
  return false;
}
