/**
 * Words for trace events: the short label on a diagram arrow, the colour tone, and a plain-English
 * sentence used when a lesson has no beat for a step. Keyed by the engine's stable trace `type`
 * ids; an unknown type still reads sensibly (actor, receiver, type), so a new engine event never
 * breaks a lesson, it only reads more plainly until someone words it.
 */
import type { TraceEvent } from '../../sim/engine/engine-types';
import { formatMs } from '../../ui/format';

export type Tone = 'hit' | 'miss' | 'stale' | 'error' | 'write' | 'neutral';

function k(e: TraceEvent): string {
  return e.key === null ? '' : ` k${e.key}`;
}

function v(e: TraceEvent): string {
  return e.version === null ? '' : ` v${e.version}`;
}

/** The keys a SET evicted to make room, from the engine's detail text ("…; evicted 4, 7"). */
export function evictedKeys(e: TraceEvent): number[] {
  const list = /evicted ([\d, ]+)/.exec(e.detail ?? '')?.[1] ?? '';
  return list
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '')
    .map(Number);
}

/**
 * A request doing again what it did before: a lock waiter looking in the cache once more
 * (`relookup`), or the lock holder re-checking before it rebuilds (`lockedRecheck`).
 */
export function isRetry(e: TraceEvent, attempt: number): boolean {
  return attempt > 1 && (e.state === 'relookup' || e.state === 'lockedRecheck');
}

function retryPrefix(e: TraceEvent, attempt: number): string {
  if (!isRetry(e, attempt)) return '';
  return e.state === 'lockedRecheck' ? 're-check ' : 'retry ';
}

/**
 * Short arrow label, e.g. "GET k1", "HIT v2", "SELECT k1"; `attempt` (see `LessonStep.attempt`)
 * marks a request's retries ("retry GET k0 → MISS").
 */
export function arrowLabel(e: TraceEvent, attempt = 1): string {
  const short = LABELS[e.type];
  const label = short === undefined ? `${e.type}${k(e)}${v(e)}` : short(e);
  return `${retryPrefix(e, attempt)}${label}`;
}

/** Ordinal words for small counts: 2 -> "2nd". */
function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

const LABELS: Readonly<Record<string, (e: TraceEvent) => string>> = {
  'request.start': (e) => `${(e.detail ?? '').startsWith('write') ? 'WRITE' : 'READ'}${k(e)}`,
  'request.done': (e) =>
    e.outcome === 'write'
      ? `ACK${v(e)}`
      : e.outcome === 'error'
        ? 'ERROR'
        : `${(e.outcome ?? 'done').toUpperCase()}${v(e)}`,
  'cache.get': (e) => `GET${k(e)} ✗`,
  'cache.hit': (e) => `GET${k(e)} → HIT${v(e)}`,
  'cache.miss': (e) => `GET${k(e)} → MISS`,
  'cache.set': (e) => {
    const gone = evictedKeys(e);
    return `SET${k(e)}${v(e)}${gone.length > 0 ? ` (evicts ${gone.map((x) => `k${x}`).join(', ')})` : ''}`;
  },
  'cache.del': (e) => `DEL${k(e)}`,
  'cache.down': () => 'cache down → DB',
  'cache.up': () => 'back up, empty',
  'cache.warm': () => 'warm-up load',
  'cache.oom': (e) => `SET${k(e)} → OOM`,
  'cache.set-skipped': (e) => `SET${k(e)}${v(e)} → kept v${heldVersion(e)}`,
  'cache.evict': (e) => `EVICT${k(e)}${v(e)}`,
  'cache.expired': (e) =>
    e.key === null ? `${/^\d+/.exec(e.detail ?? '')?.[0] ?? ''} EXPIRED`.trim() : `EXPIRED${k(e)}`,
  'app.hold': () => 'paused: held',
  'app.resume': () => 'resumes',
  'l1.hit': (e) => `L1 HIT${v(e)}`,
  'l1.miss': () => 'L1 MISS',
  'db.read': (e) => `SELECT${k(e)}`,
  'db.queued': () => 'queued',
  'db.write': (e) => `UPDATE${k(e)}`,
  'db.commit': (e) => `commit${k(e)}${v(e)}`,
  'db.reply': (e) =>
    e.to === 'flusher' ? 'OK' : e.state === 'writingDb' ? `ack${v(e)}` : `row${v(e)}`,
  'flush.batch': () => 'flush batch',
  'writebehind.buffer': (e) => `SET${k(e)}${v(e)} (buffered)`,
  'write.lost': (e) => `${/^\d+/.exec(e.detail ?? '')?.[0] ?? ''} writes LOST`.trim(),
  'write.failed': () => 'write ERROR',
  'lock.acquired': (e) => `SET lock${k(e)} NX → OK`,
  'lock.busy': (e) => `SET lock${k(e)} NX → taken`,
  'lock.wait': () => 'wait, retry',
  'lock.released': (e) => `DEL lock${k(e)}`,
  'lock.lost': () => 'lock expired: keep',
  'lock.released-foreign': (e) => `DEL lock${k(e)} (not mine!)`,
  'lock.gave-up': () => 'gave up: ERROR',
  'swr.stale': (e) => `serve old${v(e)}`,
  'refresh.start': (e) => `refresh${k(e)}`,
  'flight.join': () => 'join flight',
  'event.publish': (e) => `changed${k(e)}${v(e)}`,
  'event.deliver': (e) => `deliver${k(e)}`,
  fault: (e) => e.detail ?? 'fault',
  knob: (e) => e.detail ?? 'knob',
};

/** The newer version a skipped SET found in the cache (from the engine's detail text). */
function heldVersion(e: TraceEvent): string {
  return /holds version (\d+)/.exec(e.detail ?? '')?.[1] ?? '?';
}

/** Colour tone of an event (paired with its label text, never used alone). */
export function eventTone(e: TraceEvent): Tone {
  if (e.outcome !== undefined) return e.outcome === 'write' ? 'write' : e.outcome;
  // A version-checked SET that stored nothing: not a write, and not a failure either.
  if (e.type === 'cache.set-skipped') return 'neutral';
  if (/(lost|failed|foreign|gave-up|oom|down|fault)/.test(e.type)) return 'error';
  if (e.type === 'swr.stale') return 'stale';
  if (e.type.endsWith('.hit')) return 'hit';
  if (/\.(miss|expire|evict|busy)/.test(e.type)) return 'miss';
  if (/^(db\.write|db\.commit|cache\.set|cache\.del|flush|writebehind)/.test(e.type))
    return 'write';
  return 'neutral';
}

/**
 * A plain sentence for a step no beat narrates. `who` turns an actor id into its lane label;
 * `attempt` (see `LessonStep.attempt`) makes a retry read as the same request trying again.
 */
export function describeEvent(e: TraceEvent, who: (actor: string) => string, attempt = 1): string {
  if (isRetry(e, attempt)) return describeRetry(e, who(e.actor), attempt);
  if (e.type === 'lock.busy' && attempt > 1) {
    return `Still taken: the lock for ${e.key === null ? 'the key' : `key ${e.key}`} is held by another request, so this waiting read waits again. It is the same read as before, not a new one.`;
  }
  const from = who(e.actor);
  const to = e.to === null ? null : who(e.to);
  const key = e.key === null ? 'the key' : `key ${e.key}`;
  const version = e.version === null ? '' : ` (version ${e.version})`;
  switch (e.type) {
    case 'request.start':
      return `A client sends a ${(e.detail ?? '').startsWith('write') ? 'write' : 'read'} for ${key} to ${to ?? 'the app'}.`;
    case 'request.done':
      return `${from} answers the client: ${outcomeWords(e)} for ${key}${version}.`;
    case 'cache.get':
      return `${from} asks the cache for ${key}, but the cache node does not answer.`;
    case 'cache.hit':
      return `${from} asks the cache for ${key}: it is there${version}, a hit.`;
    case 'cache.miss':
      return (e.detail ?? '').includes('expired')
        ? `${from} asks the cache for ${key}: its TTL has run out, so it counts as gone. A miss.`
        : `${from} asks the cache for ${key}: not there, a miss.`;
    case 'cache.set': {
      const gone = evictedKeys(e);
      return `${from} stores ${key}${version} in the cache${gone.length > 0 ? `; to make room the cache evicts ${gone.length === 1 ? 'key' : 'keys'} ${gone.join(', ')}` : ''}.`;
    }
    case 'cache.set-skipped':
      return `${from} offers ${key}${version} to the cache with a version check. The cache already holds version ${heldVersion(e)}, which is newer, so it keeps that and drops this SET.`;
    case 'cache.del':
      return `${from} deletes ${key} from the cache.`;
    case 'cache.down':
      return `The cache is unreachable, so ${from} carries on without it.`;
    case 'cache.up':
      return 'The cache node is back up, with empty memory.';
    case 'cache.warm':
      return 'A warm-up job loads keys into the cache before traffic needs them.';
    case 'cache.oom':
      return `The cache refuses to store ${key}: it is full and may not evict (out of memory).`;
    case 'cache.expired': {
      const what = e.key === null ? (/^\d+ keys/.exec(e.detail ?? '')?.[0] ?? 'Keys') : key;
      const plural = e.key === null;
      return (e.detail ?? '').includes('background')
        ? `${what} ${plural ? 'have' : 'has'} outlived ${plural ? 'their' : 'its'} TTL and nobody has read ${plural ? 'them' : 'it'} since: the cache's background expire cycle (ten times a second, sampling keys that have a TTL) finds and removes ${plural ? 'them' : 'it'}.`
        : `${what} has outlived its TTL: the read that finds it removes it, and the cache answers as if it were not there.`;
    }
    case 'cache.evict':
      return `The cache is full, so it evicts ${key}${version} to make room; the next read of ${key} will miss.`;
    case 'app.hold':
      return `${from} is paused (think of a long garbage-collection stop): ${(e.detail ?? '').replace(/^.*?: /, '')}. Nothing it has started moves on meanwhile.`;
    case 'app.resume':
      return `${from} wakes up and carries on with everything that arrived while it was paused, in order, unaware that time has passed.`;
    case 'l1.hit':
      return `${from} finds ${key}${version} in its own in-process cache (L1).`;
    case 'l1.miss':
      return `${from} does not have ${key} in its own in-process cache (L1).`;
    case 'db.read':
      return `${from} queries the ${to === 'Replica' ? 'read replica' : 'database'} for ${key}.`;
    case 'db.queued':
      return `Every database connection is busy, so ${from}'s query waits in the queue.`;
    case 'db.write':
      return `${from} sends a write for ${key} to the database.`;
    case 'db.commit':
      return `The database commits the write: ${key} is now${version}.`;
    case 'db.reply':
      if (to === 'Flusher') return 'The database confirms the batch.';
      if (e.state === 'writingDb')
        return `The acknowledgement of the write reaches ${to ?? 'the app'}.`;
      return `The ${from === 'Replica' ? 'replica' : 'database'} replies to ${to ?? 'the app'} with ${key}${version}.`;
    case 'flush.batch':
      return 'The flusher writes the buffered changes to the database in one batch.';
    case 'writebehind.buffer':
      return `${from} stores ${key}${version} in the cache and queues it for the flusher; the database does not have it yet.`;
    case 'write.lost':
      return `The cache node died with unflushed writes in its buffer: ${e.detail ?? 'they are lost'}.`;
    case 'write.failed':
      return 'The write cannot complete and the client gets an error.';
    case 'lock.acquired':
      return `${from} takes the rebuild lock for ${key}.`;
    case 'lock.busy':
      return `The rebuild lock for ${key} is held by someone else, so ${from} will wait.`;
    case 'lock.wait':
      return `${from} waits before looking in the cache again.`;
    case 'lock.released':
      return `${from} releases the rebuild lock.`;
    case 'lock.lost':
      return `${from}'s lock expired during the rebuild; it belongs to someone else now, so ${from} leaves it alone.`;
    case 'lock.released-foreign':
      return `${from} deletes the lock without checking it is still its own, and frees someone else's lock.`;
    case 'lock.gave-up':
      return `${from} waited too long for the lock and gives up with an error.`;
    case 'swr.stale':
      return `${from} serves the cached copy${version} even though it is past its soft TTL.`;
    case 'refresh.start':
      return `${from} starts a background refresh of ${key}.`;
    case 'flight.join':
      return `${from} joins a query for ${key} that is already running instead of starting its own.`;
    case 'event.publish':
      return `The database publishes a change event for ${key}${version}.`;
    case 'event.deliver':
      return `The change event for ${key} reaches the consumer.`;
    case 'fault':
      return `Fault injected: ${e.detail ?? 'unknown'}.`;
    default:
      return `${from}${to === null || to === from ? '' : ` → ${to}`}: ${e.type}${e.key === null ? '' : ` for ${key}`}${version}${e.detail === undefined ? '' : ` (${e.detail})`}.`;
  }
}

/** A lock waiter's (or the holder's) second and later look in the cache: the same request. */
function describeRetry(e: TraceEvent, from: string, attempt: number): string {
  const key = e.key === null ? 'the key' : `key ${e.key}`;
  if (e.state === 'lockedRecheck') {
    return `Holding the lock, ${from} looks in the cache once more for ${key} (this read's ${ordinal(attempt)} look) in case someone refilled it meanwhile. ${e.type === 'cache.hit' ? 'It is there, so no rebuild is needed.' : 'Still missing, so it will rebuild.'}`;
  }
  const found =
    e.type === 'cache.hit'
      ? `this time it is there${e.version === null ? '' : ` (version ${e.version})`}, and the waiting read is served`
      : 'still missing, because the rebuild has not finished';
  return `Retry by a read already waiting: it looks in the cache for ${key} again (its ${ordinal(attempt)} look): ${found}. The counts take each read once, as the miss it first was, however often it looks.`;
}

function outcomeWords(e: TraceEvent): string {
  switch (e.outcome) {
    case 'hit':
      return 'served from the cache';
    case 'miss':
      return 'served from the database after a miss';
    case 'stale':
      return 'served an out-of-date value';
    case 'error':
      return 'an error';
    case 'write':
      return 'write acknowledged';
    default:
      return 'done';
  }
}

/** "at 12.5 ms" — the time shown with each step. */
export function atTime(e: TraceEvent): string {
  return `at ${formatMs(e.tMs)}`;
}
