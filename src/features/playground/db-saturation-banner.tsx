import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/app-store';
import { formatCount, formatNumber } from '../../ui/format';
import { dbBacklog, type DbBacklog } from './db-backlog';

/** Said once when the banner appears and once when it goes, never on every frame. */
export const ANNOUNCE_BEHIND = 'The database cannot keep up: operations are queuing.';
export const ANNOUNCE_CAUGHT_UP = 'The database is keeping up again.';

function queueTrend(growthPerSec: number): string {
  const rate = formatNumber(Math.abs(growthPerSec), 0);
  if (growthPerSec > 0) return `queue growing ${rate}/s`;
  if (growthPerSec < 0) return `queue shrinking ${rate}/s`;
  return 'queue not shrinking';
}

/**
 * Text for screen readers, changed only when the banner appears or goes: the visible banner's
 * numbers change every frame, and a live region around them would be read out five times a second.
 * Adjusts state during render (React's pattern for reacting to a changed value) rather than in an
 * effect, so the announcement lands in the same commit as the banner.
 */
function useAnnouncement(visible: boolean, hasRun: boolean): string {
  const [shown, setShown] = useState(visible);
  const [message, setMessage] = useState('');
  if (shown !== visible) {
    setShown(visible);
    // A new run (no windows yet) clears the banner; that is not the DB catching up.
    setMessage(visible ? ANNOUNCE_BEHIND : hasRun ? ANNOUNCE_CAUGHT_UP : '');
  }
  return message;
}

/** The banner itself, for a backlog. */
export function DbBacklogBanner(props: { readonly backlog: DbBacklog }) {
  const { kind, growthPerSec, queue, poolSize } = props.backlog;
  return (
    <div className={`db-banner db-banner-${kind}`} data-testid="db-banner">
      <p className="db-banner-lead">
        <strong>{kind === 'saturated' ? 'DB saturated' : 'DB still behind'}:</strong>{' '}
        {queueTrend(growthPerSec)}{' '}
        <span className="db-banner-queue">
          ({formatCount(queue)} waiting for {formatCount(poolSize)}{' '}
          {poolSize === 1 ? 'connection' : 'connections'})
        </span>
      </p>
      <p className="db-banner-why">
        {kind === 'saturated'
          ? 'More operations reach the database than it finishes: every miss now waits behind the whole queue.'
          : growthPerSec < 0
            ? 'It finishes more than arrives now, but misses still wait behind this queue until it drains.'
            : 'Misses still wait behind this queue.'}
      </p>
    </div>
  );
}

/**
 * "DB saturated: queue growing N/s" while the engine flags the latest window saturated, and
 * "DB still behind" while the queue it left is still at least the pool size (see db-backlog.ts).
 */
export function DbSaturationBanner() {
  const backlog = useAppStore(
    useShallow((s) => {
      const { points, view, scenario } = s.playground;
      const queue = view?.dbQueue ?? points.at(-1)?.dbQueue ?? 0;
      return dbBacklog(points, queue, view?.dbMaxConcurrent ?? scenario.db.maxConcurrent);
    }),
  );
  const hasRun = useAppStore((s) => s.playground.points.length > 0);
  const message = useAnnouncement(backlog !== null, hasRun);
  return (
    <>
      <p className="visually-hidden" role="status" data-testid="db-announce">
        {message}
      </p>
      {backlog ? <DbBacklogBanner backlog={backlog} /> : null}
    </>
  );
}
