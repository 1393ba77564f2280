import { useEffect, useRef, useState } from 'react';
import { createChartUpdateQueue, type ChartUpdateQueue } from './chart-update-queue';

/** A chart re-renders at most this often: a few times per second. */
export const CHART_UPDATE_INTERVAL_MS = 400;
/**
 * Least time between any two charts' re-renders, so they fall in different frames (one Recharts
 * re-render is one to two frames' work on a slow phone).
 */
export const CHART_TURN_GAP_MS = 50;

let sharedQueue: ChartUpdateQueue | null = null;

/** The page's one queue, shared by every chart on it, so their re-renders never pile up. */
export function chartUpdateQueue(): ChartUpdateQueue {
  sharedQueue ??= createChartUpdateQueue({
    now: () => performance.now(),
    setTimer: (fn, ms) => {
      setTimeout(fn, ms);
    },
    minIntervalMs: CHART_UPDATE_INTERVAL_MS,
    turnGapMs: CHART_TURN_GAP_MS,
  });
  return sharedQueue;
}

export interface PacedValueOptions<T> {
  /** Off screen: keep showing the old value and ask for nothing until visible again. */
  readonly visible: boolean;
  /** An empty value (no data yet, or a reset) is shown without waiting out the interval. */
  readonly isEmpty: (value: T) => boolean;
  /** The queue to pace through (tests pass their own). */
  readonly queue?: ChartUpdateQueue;
}

/**
 * `value` as a chart should draw it: taken up through the {@link ChartUpdateQueue} (a bounded rate,
 * one chart per turn) and only while `visible`. A chart that scrolls back into view asks urgently,
 * so it shows the latest value at once.
 */
export function usePacedValue<T>(value: T, options: PacedValueOptions<T>): T {
  const { visible, isEmpty } = options;
  const queue = options.queue ?? chartUpdateQueue();
  const [shown, setShown] = useState(value);
  // A stable identity for this chart in the queue.
  const [id] = useState(() => ({}));
  // Whether the chart went off screen since it last took a value: then it is behind and urgent.
  const missed = useRef(false);
  useEffect(() => {
    if (Object.is(value, shown)) {
      queue.cancel(id);
      return;
    }
    if (!visible) {
      queue.cancel(id);
      missed.current = true;
      return;
    }
    queue.request(
      id,
      () => {
        missed.current = false;
        setShown(value);
      },
      missed.current || isEmpty(value) || isEmpty(shown),
    );
  }, [value, shown, visible, isEmpty, queue, id]);
  useEffect(
    () => () => {
      queue.cancel(id);
    },
    [queue, id],
  );
  return shown;
}
