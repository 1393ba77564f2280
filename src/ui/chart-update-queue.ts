/**
 * Paces chart re-renders. A Recharts chart costs tens of milliseconds to re-render on a slow phone
 * (4x CPU throttle), and it renders synchronously, so five charts fed the same new data in the same
 * moment make one long frame. Charts instead ask this queue for a turn:
 * - each chart re-renders at most once per `minIntervalMs` (a few times per second), whatever the
 *   rate of worker reports;
 * - the queue grants at most one turn per `turnGapMs`, so two charts never re-render in the same
 *   frame;
 * - an urgent request (a chart's first data, a chart just scrolled into view) skips the interval
 *   but still waits for its turn.
 * A newer request from a chart replaces its pending one (only the latest data matters). Pure: time
 * and timers come in as dependencies, so tests drive it with a fake clock.
 */

export interface ChartUpdateQueueDeps {
  /** Current time in ms (performance.now in the browser). */
  readonly now: () => number;
  /** Calls `fn` once after about `ms` ms (setTimeout in the browser). */
  readonly setTimer: (fn: () => void, ms: number) => void;
  /** Least time between two of the same chart's updates. */
  readonly minIntervalMs: number;
  /** Least time between any two updates (the queue's turns). */
  readonly turnGapMs: number;
}

export interface ChartUpdateQueue {
  /**
   * Ask for `run` to be called on a later turn. Replaces `id`'s pending request, if any; an urgent
   * request stays urgent when replaced by a normal one before it runs.
   */
  request(id: object, run: () => void, urgent?: boolean): void;
  /** Drop `id`'s pending request (a chart that unmounts). */
  cancel(id: object): void;
}

interface Pending {
  run: () => void;
  urgent: boolean;
}

export function createChartUpdateQueue(deps: ChartUpdateQueueDeps): ChartUpdateQueue {
  // Insertion order is request order: the chart that asked first goes first.
  const pending = new Map<object, Pending>();
  const lastRun = new WeakMap<object, number>();
  let lastTurn = -Infinity;
  /** When the latest timer fires; an earlier need sets a new timer and the old one is ignored. */
  let timerAt = Infinity;

  /** When `id`'s request may run, ignoring the turn gap. */
  const dueAt = (id: object, p: Pending): number =>
    p.urgent ? -Infinity : (lastRun.get(id) ?? -Infinity) + deps.minIntervalMs;

  const schedule = (): void => {
    if (pending.size === 0) return;
    let earliest = Infinity;
    for (const [id, p] of pending) earliest = Math.min(earliest, dueAt(id, p));
    const at = Math.max(earliest, lastTurn + deps.turnGapMs, deps.now());
    if (at >= timerAt) return;
    timerAt = at;
    deps.setTimer(() => {
      turn(at);
    }, at - deps.now());
  };

  function turn(at: number): void {
    if (at !== timerAt) return; // superseded by an earlier timer, which has run
    timerAt = Infinity;
    const now = deps.now();
    if (now - lastTurn >= deps.turnGapMs) {
      // Urgent requests first, then the oldest request that is due.
      let chosen: [object, Pending] | null = null;
      for (const entry of pending) {
        if (dueAt(entry[0], entry[1]) > now) continue;
        if (entry[1].urgent) {
          chosen = entry;
          break;
        }
        chosen ??= entry;
      }
      if (chosen !== null) {
        const [id, p] = chosen;
        pending.delete(id);
        lastRun.set(id, now);
        lastTurn = now;
        p.run();
      }
    }
    schedule();
  }

  return {
    request(id, run, urgent = false) {
      const was = pending.get(id);
      // Re-inserting would move the chart to the back of the line; keep its place.
      if (was) {
        was.run = run;
        was.urgent ||= urgent;
      } else pending.set(id, { run, urgent });
      schedule();
    },
    cancel(id) {
      pending.delete(id);
    },
  };
}
