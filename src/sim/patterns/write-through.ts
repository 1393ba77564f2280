/**
 * Write-through, implemented: write the DB, then SET the committed version before acknowledging
 * (write-through.machine.ts); with the cache down the write fails (the DB already has it).
 *
 * Textbook write-through races like update-on-write when two writers touch one key: their SETs
 * can land in the opposite order to their commits. With `pattern.writeThrough.versioned` every
 * value SET (the writers' and the read fills') becomes a version-checked SET in one atomic cache
 * step, as a Lua script comparing versions would do, so the cache never goes back to an older
 * version; only the short window between a commit and its SET remains.
 */
import type { PatternFactory } from './pattern-host';
import { writeSteps } from './write-path.shared';

export const createWriteThrough: PatternFactory = (host) => {
  const w = writeSteps(host);
  return {
    actions: {
      dbWrite: w.dbWrite,
      cacheSetWritten: w.cacheSetWritten,
      ackWrite: w.ackWrite,
      failWrite: w.failWrite,
      noteCacheDown: w.noteCacheDown,
    },
    configure(sc) {
      host.cache.versioned =
        sc.pattern.write === 'write-through' && sc.pattern.writeThrough.versioned;
    },
  };
};
