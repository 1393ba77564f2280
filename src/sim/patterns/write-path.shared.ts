/**
 * Steps several patterns share (mostly the write paths; cache-aside read uses `noteCacheDown`),
 * implemented once: each pattern's implementation file picks the ones its machine names (binding
 * rejects names a machine does not use).
 */
import { OUT_ERROR, OUT_WRITE } from '../engine/records';
import { EV } from './pattern-events';
import type { PatternHost } from './pattern-host';

export function writeSteps(host: PatternHost) {
  const { records: rec, trace } = host;
  return {
    /** Write the record's key to the DB (commit at the end of service, ack after). */
    dbWrite: (r: number): void => {
      host.db.write(r);
    },
    /** DEL the key; the reply (or cache.down) follows after the cache latency. */
    cacheDel: (r: number): void => {
      host.cache.del(r);
    },
    /** SET the committed version; reply `cache.reply`, or `cache.down` when unreachable. */
    cacheSetWritten: (r: number): void => {
      if (!host.cache.up) {
        host.send(r, EV['cache.down'], host.cache.latencyMs);
        return;
      }
      host.cache.set(r);
      host.send(r, EV['cache.reply'], host.cache.latencyMs);
    },
    ackWrite: (r: number): void => {
      rec.outcome.a[r] = OUT_WRITE;
    },
    failWrite: (r: number): void => {
      rec.outcome.a[r] = OUT_ERROR;
      if (trace.on)
        trace.emit(
          'write.failed',
          r,
          trace.lane(r),
          'client',
          null,
          'the write could not complete: error',
        );
    },
    noteCacheDown: (r: number): void => {
      if (trace.on)
        trace.emit(
          'cache.down',
          r,
          trace.lane(r),
          null,
          null,
          'cache unreachable: fall back to the database',
        );
    },
  };
}
