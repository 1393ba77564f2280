/**
 * Every caching pattern, looked up by id. Two views of one registry:
 * - `PATTERN_REGISTRY`: each machine id -> its machine (x.machine.ts), its implementation (x.ts)
 *   and metadata (which scenario setting selects it, its trace lane). The engine reads only this;
 *   adding a write pattern is a machine file, an implementation file and one line here (plus its
 *   id in the scenario schema's WRITE_PATTERNS).
 * - `PATTERNS`: what each pattern and stampede tool is for, its trade-offs, the CONTENT.md section
 *   and lesson that teach it (the cheat sheet and the lessons read this).
 */
import type { AnyStateMachine } from 'xstate';
import type { WritePatternId } from '../scenario/scenario-schema';
import { createCacheAsideRead } from './cache-aside-read';
import { cacheAsideReadMachine } from './cache-aside-read.machine';
import { createCacheNode } from './cache-node';
import { cacheNodeMachine } from './cache-node.machine';
import { createEventInvalidation } from './event-invalidation';
import { eventInvalidationMachine } from './event-invalidation.machine';
import { createInvalidateWrite } from './invalidate-write';
import { invalidateWriteMachine } from './invalidate-write.machine';
import type { PatternFactory } from './pattern-host';
import { createUpdateWrite } from './update-write';
import { updateWriteMachine } from './update-write.machine';
import { createWriteAround } from './write-around';
import { writeAroundMachine } from './write-around.machine';
import { createWriteBehind } from './write-behind';
import { createWriteBehindFlusher } from './write-behind-flusher';
import { writeBehindFlusherMachine } from './write-behind-flusher.machine';
import { writeBehindMachine } from './write-behind.machine';
import { createWriteThrough } from './write-through';
import { writeThroughMachine } from './write-through.machine';

/** One pattern module: its machine, its implementation, and how the engine uses it. */
export interface PatternModule {
  readonly machine: AnyStateMachine;
  readonly implementation: PatternFactory;
  /**
   * Where its records' trace events start: `app` (the record's app instance, whose pause holds
   * them) or a fixed lane of their own.
   */
  readonly lane: 'app' | 'flusher' | 'bus' | 'cache';
  /** Whether trace events of its records name the record's key. */
  readonly keyed: boolean;
  /** The scenario setting that selects it for client requests, if any. */
  readonly selects?: { readonly read: 'cache-aside' } | { readonly write: WritePatternId };
}

export const PATTERN_REGISTRY = {
  'cache-aside-read': {
    machine: cacheAsideReadMachine,
    implementation: createCacheAsideRead,
    lane: 'app',
    keyed: true,
    selects: { read: 'cache-aside' },
  },
  'invalidate-write': {
    machine: invalidateWriteMachine,
    implementation: createInvalidateWrite,
    lane: 'app',
    keyed: true,
    selects: { write: 'invalidate' },
  },
  'update-write': {
    machine: updateWriteMachine,
    implementation: createUpdateWrite,
    lane: 'app',
    keyed: true,
    selects: { write: 'update' },
  },
  'write-through': {
    machine: writeThroughMachine,
    implementation: createWriteThrough,
    lane: 'app',
    keyed: true,
    selects: { write: 'write-through' },
  },
  'write-behind': {
    machine: writeBehindMachine,
    implementation: createWriteBehind,
    lane: 'app',
    keyed: true,
    selects: { write: 'write-behind' },
  },
  'write-around': {
    machine: writeAroundMachine,
    implementation: createWriteAround,
    lane: 'app',
    keyed: true,
    selects: { write: 'write-around' },
  },
  'write-behind-flusher': {
    machine: writeBehindFlusherMachine,
    implementation: createWriteBehindFlusher,
    lane: 'flusher',
    keyed: false,
  },
  'event-invalidation': {
    machine: eventInvalidationMachine,
    implementation: createEventInvalidation,
    lane: 'bus',
    keyed: true,
  },
  'cache-node': {
    machine: cacheNodeMachine,
    implementation: createCacheNode,
    lane: 'cache',
    keyed: false,
  },
} as const satisfies Record<string, PatternModule>;

export type MachineId = keyof typeof PATTERN_REGISTRY;

/** Every machine id, in registry order. */
export const MACHINE_IDS = Object.keys(PATTERN_REGISTRY) as MachineId[];

/** Every machine definition, by its XState id. */
export const PATTERN_MACHINES = Object.fromEntries(
  MACHINE_IDS.map((id) => [id, PATTERN_REGISTRY[id].machine]),
) as { readonly [K in MachineId]: (typeof PATTERN_REGISTRY)[K]['machine'] };

/** The machine that runs client reads for a scenario's `pattern.read`. */
export function readMachineId(read: 'cache-aside'): MachineId {
  // One read pattern today; the scenario's `pattern.read` names it.
  const id = MACHINE_IDS.find((m) => {
    const s = (PATTERN_REGISTRY[m] as PatternModule).selects;
    return s !== undefined && 'read' in s;
  });
  if (id === undefined) throw new Error(`no machine runs reads for "${read}"`);
  return id;
}

/** The machine that runs client writes for a scenario's `pattern.write`. */
export function writeMachineId(write: WritePatternId): MachineId {
  const id = MACHINE_IDS.find((m) => {
    const s = (PATTERN_REGISTRY[m] as PatternModule).selects;
    return s !== undefined && 'write' in s && s.write === write;
  });
  if (id === undefined) throw new Error(`no machine runs writes for "${write}"`);
  return id;
}

export interface PatternInfo {
  readonly id: string;
  readonly title: string;
  /** One sentence: what it does. */
  readonly summary: string;
  readonly pros: readonly string[];
  readonly cons: readonly string[];
  /** CONTENT.md section, e.g. '4'. */
  readonly contentSection: string;
  /** Lesson id that walks through it (lesson ids are owned by the lessons feature). */
  readonly lessonId: string;
  /** Machine that defines it, and the states that belong to it (all states when omitted). */
  readonly machine: MachineId;
  readonly states?: readonly string[];
  /** Preset that demonstrates it (see scenario/presets.ts). */
  readonly presetId: string;
  /** How to turn it on in a scenario, as a dot-path hint for the cheat sheet. */
  readonly scenarioKnob: string;
}

export const PATTERNS: readonly PatternInfo[] = [
  {
    id: 'cache-aside',
    title: 'Cache-aside read',
    summary: 'Look in the cache; on a miss read the database and store the value with a TTL.',
    pros: [
      'Only requested data is cached',
      'Survives a cache outage by falling back to the database',
    ],
    cons: [
      'Every miss pays full database latency',
      'A cold cache misses everything until it warms',
    ],
    contentSection: '3',
    lessonId: 'cache-aside',
    machine: 'cache-aside-read',
    states: ['idle', 'lookup', 'loading', 'loadingDirect', 'served'],
    presetId: 'cache-aside',
    scenarioKnob: 'pattern.read = "cache-aside"',
  },
  {
    id: 'invalidate',
    title: 'Delete on write',
    summary: 'Write the database, then DEL the key; the next read refills it.',
    pros: ['Safe with concurrent writers', 'Simple'],
    cons: [
      'The next read after a write is a miss',
      'A read racing the write can still cache the old value (TTL bounds it)',
    ],
    contentSection: '3',
    lessonId: 'invalidation-race',
    machine: 'invalidate-write',
    presetId: 'cache-aside',
    scenarioKnob: 'pattern.write = "invalidate"',
  },
  {
    id: 'update',
    title: 'Update on write (racy)',
    summary: 'Write the database, then SET the new value in the cache.',
    pros: ['The next read is a hit'],
    cons: ['Two concurrent writers can leave the older value cached until the TTL ends'],
    contentSection: '7',
    lessonId: 'invalidation-race',
    machine: 'update-write',
    presetId: 'update-race',
    scenarioKnob: 'pattern.write = "update"',
  },
  {
    id: 'write-through',
    title: 'Write-through',
    summary: 'Each write goes to the database and then the cache before it is acknowledged.',
    pros: [
      'Reads right after a write are fresh while one writer at a time updates a key',
      'Written keys stay warm',
    ],
    cons: [
      'Each write pays both latencies',
      'Fails (with an error) when the cache is down',
      'Two concurrent writers can leave the older value cached, as with update-on-write, unless the SET is version-checked',
      'Even version-checked: reads between a commit and its SET get the previous value, and a reader that queried before a commit can refill an evicted or expired key with the older value',
    ],
    contentSection: '4',
    lessonId: 'write-strategies',
    machine: 'write-through',
    presetId: 'write-through',
    scenarioKnob: 'pattern.write = "write-through"; pattern.writeThrough.versioned',
  },
  {
    id: 'write-behind',
    title: 'Write-behind (write-back)',
    summary:
      'Writes land in the cache and are acknowledged at once; a flusher writes them to the database in batches.',
    pros: ['Sub-millisecond writes', 'Fewer, batched database writes'],
    cons: [
      'Writes still in the buffer are lost if the cache node dies',
      'The database lags the truth',
    ],
    contentSection: '4',
    lessonId: 'write-strategies',
    machine: 'write-behind',
    presetId: 'write-behind-crash',
    scenarioKnob: 'pattern.write = "write-behind"; pattern.writeBehind.{flushIntervalMs,batchSize}',
  },
  {
    id: 'write-behind-flusher',
    title: 'Write-behind flusher',
    summary:
      'Wakes every flush interval and writes up to a batch of buffered writes to the database.',
    pros: ['Batches absorb write bursts'],
    cons: ['A longer interval means more writes at risk'],
    contentSection: '4',
    lessonId: 'write-strategies',
    machine: 'write-behind-flusher',
    presetId: 'write-behind-crash',
    scenarioKnob: 'pattern.writeBehind.flushIntervalMs',
  },
  {
    id: 'write-around',
    title: 'Write-around',
    summary: 'Writes go only to the database; the cache fills on reads.',
    pros: ['Does not pollute the cache with write-once data'],
    cons: ['Cached copies of rewritten keys stay stale until their TTL'],
    contentSection: '4',
    lessonId: 'write-strategies',
    machine: 'write-around',
    presetId: 'write-around',
    scenarioKnob: 'pattern.write = "write-around"',
  },
  {
    id: 'event-invalidation',
    title: 'Event-driven invalidation',
    summary:
      'The writer publishes a change event; a consumer deletes the key after a delivery delay.',
    pros: ['Works when another service owns the writes', 'Staleness bounded by the delivery delay'],
    cons: [
      'A short stale window',
      'Re-populating from a lagging replica caches the old value again',
    ],
    contentSection: '7',
    lessonId: 'invalidation',
    machine: 'event-invalidation',
    presetId: 'event-driven-invalidation',
    scenarioKnob: 'pattern.eventInvalidation = { delayMs, repopulate }',
  },
  {
    id: 'rebuild-lock',
    title: 'Rebuild lock',
    summary:
      'The first request to miss takes SET lock:key NX EX and rebuilds; the others wait and retry.',
    pros: ['About one database query per expiry of a hot key'],
    cons: [
      'Waiters sit out the rebuild',
      'A lock TTL shorter than the rebuild lets a second rebuilder in',
      "Release without a token check can delete someone else's lock",
    ],
    contentSection: '8',
    lessonId: 'stampede',
    machine: 'cache-aside-read',
    states: ['acquiringLock', 'waitingLock', 'relookup', 'loading', 'failed'],
    presetId: 'rebuild-lock',
    scenarioKnob: 'stampede.lock = { ttlMs, retryMs, safeRelease, maxWaitMs, fallback }',
  },
  {
    id: 'stale-while-revalidate',
    title: 'Stale-while-revalidate',
    summary: 'After a soft TTL, serve the cached value and refresh it once in the background.',
    pros: ['Nobody waits for a rebuild', 'One refresh per key'],
    cons: ['Users may see a value up to the hard TTL old'],
    contentSection: '8',
    lessonId: 'stampede',
    machine: 'cache-aside-read',
    states: ['lookup', 'refreshing', 'refreshed'],
    presetId: 'stale-while-revalidate',
    scenarioKnob: 'stampede.staleWhileRevalidate = { softTtlMs }',
  },
  {
    id: 'early-refresh',
    title: 'Probabilistic early refresh (XFetch)',
    summary:
      'Each read may refresh a key shortly before expiry, more likely as expiry nears and the slower the rebuild.',
    pros: ['No locks, no coordination', 'Hot keys rarely expire'],
    cons: ['Some extra refreshes', 'Needs the rebuild time per key'],
    contentSection: '8',
    lessonId: 'stampede',
    machine: 'cache-aside-read',
    states: ['lookup', 'refreshing'],
    presetId: 'early-refresh',
    scenarioKnob: 'stampede.earlyRefresh = { beta }',
  },
  {
    id: 'request-coalescing',
    title: 'Request coalescing',
    summary: 'Within one app instance, concurrent misses for a key share one database read.',
    pros: ['No distributed lock', 'At most one query per instance per key'],
    cons: ['Still one query per instance', 'Followers wait for the leader'],
    contentSection: '8',
    lessonId: 'stampede',
    machine: 'cache-aside-read',
    states: ['lookup', 'coalesced'],
    presetId: 'request-coalescing',
    scenarioKnob: 'stampede.coalescing = true',
  },
  {
    id: 'warm-on-start',
    title: 'Cache warming',
    summary: 'Load the most popular keys before traffic arrives (after a deploy or restart).',
    pros: ['No cold-start miss storm'],
    cons: ['All warmed keys share one TTL unless jittered'],
    contentSection: '8',
    lessonId: 'stampede',
    machine: 'cache-node',
    presetId: 'warm-on-start',
    scenarioKnob: 'stampede.warmOnStart = true',
  },
  {
    id: 'ttl-jitter',
    title: 'TTL jitter',
    summary: 'Randomise each TTL by a few percent so keys written together do not expire together.',
    pros: ['Always worth it; stops synchronised expiry'],
    cons: ['Does not protect one hot key'],
    contentSection: '6',
    lessonId: 'ttl',
    machine: 'cache-aside-read',
    states: ['loading'],
    presetId: 'synchronised-expiry-jitter',
    scenarioKnob: 'cache.jitterPct',
  },
  {
    id: 'cache-node',
    title: 'Cache-node lifecycle',
    summary:
      'The cache node is up, down (unreachable, memory lost) or restarting; it always comes back cold.',
    pros: ['Shows why apps must survive cache failure'],
    cons: ['A restart means a miss storm'],
    contentSection: '3',
    lessonId: 'cache-failure',
    machine: 'cache-node',
    presetId: 'cache-down-fallback',
    scenarioKnob: 'faults: [{ kind: "cache-down" | "cache-restart", atMs, forMs }]',
  },
];

/** Look a pattern up by id. */
export function getPattern(id: string): PatternInfo | undefined {
  return PATTERNS.find((p) => p.id === id);
}
