/**
 * Write-around, implemented: writes go to the DB only (write-around.machine.ts); reads fill the
 * cache, and a cached copy of a rewritten key stays stale until its TTL.
 */
import type { PatternFactory } from './pattern-host';
import { writeSteps } from './write-path.shared';

export const createWriteAround: PatternFactory = (host) => {
  const w = writeSteps(host);
  return { actions: { dbWrite: w.dbWrite, ackWrite: w.ackWrite } };
};
