/**
 * Event-driven invalidation, implemented (event-invalidation.machine.ts): every DB commit
 * publishes a change event; after the delivery delay a consumer record DELs the key, or, with
 * `repopulate`, re-reads it and SETs it (the anti-pattern: a lagging replica hands back the old
 * value).
 */
import type { Scenario } from '../scenario/scenario-schema';
import { EV } from './pattern-events';
import type { PatternFactory } from './pattern-host';
import { writeSteps } from './write-path.shared';

export const createEventInvalidation: PatternFactory = (host) => {
  const { records: rec, trace } = host;
  const w = writeSteps(host);
  let cfg: Scenario['pattern']['eventInvalidation'] = null;

  const deliver = host.timer((key, version) => {
    // Delivery follows the configuration in effect now (turned off: nothing is delivered).
    if (cfg === null) return;
    const r = host.spawn('event-invalidation', key, host.rowOf(key), 0, 0, false);
    rec.version.a[r] = version;
    if (trace.on)
      trace.emit(
        'event.deliver',
        r,
        'bus',
        'cache',
        version,
        `change event for key ${key} delivered${cfg.repopulate ? ': re-read and SET (repopulate)' : ': DEL'}`,
      );
    host.deliverNow(r, EV['event.delivered']);
  });

  host.db.onCommit((key, _row, version) => {
    if (cfg === null) return;
    host.after(deliver, cfg.delayMs, key, version);
    if (trace.on)
      trace.note(
        'event.publish',
        'db',
        'bus',
        key,
        version,
        `change event for key ${key} published`,
      );
  });

  return {
    guards: { isRepopulate: (): boolean => cfg?.repopulate === true },
    actions: {
      cacheDel: w.cacheDel,
      dbRead: (r: number): void => {
        host.db.read(r);
      },
      cacheSet: (r: number): void => {
        host.cache.set(r);
      },
    },
    staticGuard: (name) => (name === 'isRepopulate' ? cfg?.repopulate === true : undefined),
    configure(sc) {
      cfg = sc.pattern.eventInvalidation;
    },
  };
};
