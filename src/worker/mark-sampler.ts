/**
 * Turns the engine's trace into a few requests to animate. Drawing every request is pointless at
 * 1,000 requests per second and impossible at 1000x, so requests are admitted by a token bucket in
 * wall time: at most `marksPerSecond` marks a second, whatever the simulated rate. At slow motion
 * every request fits under the limit, so every one is drawn.
 */
import type { RequestOutcome, TraceEvent } from '../sim/engine/engine-types';
import type { TopologyMark } from './engine-protocol';

/** Marks per wall second the topology can show legibly. */
export const DEFAULT_MARKS_PER_SECOND = 40;
/** Requests tracked at once; older ones are dropped (a request that never finishes is not drawn). */
const MAX_TRACKED = 256;

interface Tracked {
  readonly hops: string[];
}

export interface MarkSampler {
  /** Feed trace events (in order) seen at wall time `wallMs`. */
  feed(events: readonly TraceEvent[], wallMs: number): void;
  /** Marks completed since the previous call. */
  drain(): TopologyMark[];
  /** Forget tracked requests (after a seek or a reset). */
  clear(): void;
}

export function createMarkSampler(marksPerSecond = DEFAULT_MARKS_PER_SECOND): MarkSampler {
  const tracked = new Map<number, Tracked>();
  const skipped = new Set<number>();
  let ready: TopologyMark[] = [];
  let tokens = marksPerSecond / 4;
  let lastWall: number | null = null;

  const refill = (wallMs: number): void => {
    if (lastWall !== null) {
      // Cap the bucket at a quarter second's worth so a pause does not release a burst.
      tokens = Math.min(marksPerSecond / 4, tokens + ((wallMs - lastWall) * marksPerSecond) / 1000);
    }
    lastWall = wallMs;
  };

  const addHop = (hops: string[], lane: string | null): void => {
    if (lane === null || lane === '') return;
    if (hops[hops.length - 1] !== lane) hops.push(lane);
  };

  return {
    feed(events, wallMs) {
      refill(wallMs);
      for (const e of events) {
        const id = e.requestId;
        if (id === null) continue;
        let t = tracked.get(id);
        if (t === undefined) {
          if (skipped.has(id)) {
            if (e.outcome !== undefined) skipped.delete(id);
            continue;
          }
          if (tokens < 1) {
            // Remember the decision so later events of this request are ignored, not half-drawn.
            if (e.outcome === undefined) skipped.add(id);
            if (skipped.size > MAX_TRACKED * 8) skipped.clear();
            continue;
          }
          tokens -= 1;
          t = { hops: [] };
          tracked.set(id, t);
          if (tracked.size > MAX_TRACKED) {
            const oldest = tracked.keys().next();
            if (!oldest.done) tracked.delete(oldest.value);
          }
        }
        addHop(t.hops, e.actor);
        addHop(t.hops, e.to);
        if (e.outcome !== undefined) {
          tracked.delete(id);
          ready.push(finish(id, e.outcome, t.hops));
        }
      }
    },
    drain() {
      const out = ready;
      ready = [];
      return out;
    },
    clear() {
      tracked.clear();
      skipped.clear();
      ready = [];
    },
  };
}

/** Every drawn request starts and ends at the client, even when the trace names only the servers. */
function finish(requestId: number, outcome: RequestOutcome, hops: readonly string[]): TopologyMark {
  const path = [...hops];
  if (path[0] !== 'client') path.unshift('client');
  if (path[path.length - 1] !== 'client') path.push('client');
  return { requestId, outcome, hops: path };
}
