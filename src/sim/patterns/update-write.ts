/**
 * Update on write, implemented: write the DB, then SET the committed version
 * (update-write.machine.ts). With concurrent writers their SETs can land in the opposite order to
 * their commits, leaving the older value cached: the race this pattern exists to show.
 */
import type { PatternFactory } from './pattern-host';
import { writeSteps } from './write-path.shared';

export const createUpdateWrite: PatternFactory = (host) => {
  const w = writeSteps(host);
  return {
    actions: {
      dbWrite: w.dbWrite,
      cacheSetWritten: w.cacheSetWritten,
      ackWrite: w.ackWrite,
      noteCacheDown: w.noteCacheDown,
    },
  };
};
