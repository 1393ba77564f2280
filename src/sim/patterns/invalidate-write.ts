/**
 * Delete on write, implemented: write the DB, then DEL the key (invalidate-write.machine.ts).
 * It keeps no state of its own; the next read refills the key.
 */
import type { PatternFactory } from './pattern-host';
import { writeSteps } from './write-path.shared';

export const createInvalidateWrite: PatternFactory = (host) => {
  const w = writeSteps(host);
  return {
    actions: {
      dbWrite: w.dbWrite,
      cacheDel: w.cacheDel,
      ackWrite: w.ackWrite,
      noteCacheDown: w.noteCacheDown,
    },
  };
};
