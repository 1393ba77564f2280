/**
 * Counts a real run with the model's own ledger (src/sim/engine/metrics-ledger.ts), so the real
 * totals and series have the same fields and are counted at the same moments: requests and writes
 * at arrival, hits/misses when the cache answers a read's first lookup, DB reads/writes when a pool
 * connection picks the query up, latency, errors and stale reads when a request finishes.
 * Time is wall-clock milliseconds since the run started. Anything that happens at or after the
 * scenario's end is not counted (the model stops counting there too); the totals are taken then.
 */
import type { CacheNodeState, MetricWindow, Totals } from '../sim/engine/engine-types';
import { Metrics, type MetricsSource } from '../sim/engine/metrics-ledger';
import type { Scenario } from '../sim/scenario/scenario-schema';

/** What the meter reads from the real servers when a window closes (kept fresh by polling). */
export interface RealSource {
  evictions: number;
  expirations: number;
  cacheKeys: number;
  cacheBytes: number;
  nodeState: CacheNodeState;
  /** Queries waiting for a free pool connection now. */
  dbQueue: () => number;
}

export class LabMeter {
  private readonly metrics: Metrics;
  private readonly startedAt: number;
  private readonly durationMs: number;
  private readonly series: MetricWindow[] = [];
  private finalTotals: Totals | null = null;
  /** Client requests that arrived and have not finished. */
  inFlight = 0;
  /** Scheduled arrival times of the requests in flight (time -> how many), for their ages. */
  private readonly arrivals = new Map<number, number>();
  /** Misses and DB reads over the whole run (warm-up included). */
  private allMisses = 0;
  private allDbReads = 0;
  /** allMisses - allDbReads when the totals started and when the run ended. */
  private gapAtWarmup = 0;
  private gapAtEnd = 0;

  constructor(scenario: Scenario, source: RealSource, startedAt: number) {
    this.startedAt = startedAt;
    this.durationMs = scenario.durationMs;
    const metricsSource: MetricsSource = {
      evictions: () => source.evictions,
      expirations: () => source.expirations,
      nodeState: () => source.nodeState,
      cacheKeys: () => source.cacheKeys,
      cacheBytes: () => source.cacheBytes,
      dbQueue: () => source.dbQueue(),
      dbPoolSize: () => scenario.db.maxConcurrent,
    };
    this.metrics = new Metrics(scenario, metricsSource, []);
  }

  /** Milliseconds since the run started. */
  now(): number {
    return performance.now() - this.startedAt;
  }

  get finished(): boolean {
    return this.finalTotals !== null;
  }

  /**
   * The ledger, advanced to now; null once the run has ended (the end is reached here, the first
   * time anything happens at or after durationMs, or by {@link tick}).
   */
  private at(): Metrics | null {
    if (this.finalTotals !== null) return null;
    const t = this.now();
    if (t >= this.durationMs) {
      this.finish();
      return null;
    }
    const wasCounting = this.metrics.inTotals;
    this.metrics.advanceTo(t);
    if (!wasCounting && this.metrics.inTotals) this.gapAtWarmup = this.allMisses - this.allDbReads;
    return this.metrics;
  }

  private finish(): void {
    const m = this.metrics;
    m.advanceTo(this.durationMs);
    m.finish();
    this.gapAtEnd = this.allMisses - this.allDbReads;
    this.finalTotals = m.totals(this.inFlight, (h) => {
      for (const [at, n] of this.arrivals) for (let i = 0; i < n; i++) h.add(this.durationMs - at);
    });
    this.series.push(...m.pending.splice(0));
  }

  /** Close windows whose end has passed even when nothing else happens. */
  tick(): void {
    const m = this.at();
    if (m !== null) this.series.push(...m.pending.splice(0));
  }

  /** A request arrives; `arrivedAtMs` is its scheduled arrival (latency is measured from it). */
  arrival(isRead: boolean, arrivedAtMs: number): void {
    this.inFlight++;
    this.arrivals.set(arrivedAtMs, (this.arrivals.get(arrivedAtMs) ?? 0) + 1);
    const m = this.at();
    if (m === null) return;
    m.win.addArrival(isRead);
    if (m.inTotals) m.tot.addArrival(isRead);
  }

  lookup(hit: boolean): void {
    const m = this.at();
    if (m === null) return;
    if (!hit) this.allMisses++;
    m.win.addLookup(hit);
    if (m.inTotals) m.tot.addLookup(hit);
  }

  /** A request finishes (`latencyMs` from its scheduled arrival `arrivedAtMs`). */
  completion(
    stale: boolean,
    staleMs: number,
    error: boolean,
    latencyMs: number,
    arrivedAtMs: number,
  ): void {
    this.inFlight--;
    const left = (this.arrivals.get(arrivedAtMs) ?? 1) - 1;
    if (left > 0) this.arrivals.set(arrivedAtMs, left);
    else this.arrivals.delete(arrivedAtMs);
    const m = this.at();
    if (m === null) return;
    const bucket = m.bucketOf(latencyMs);
    m.win.addCompletion(stale, staleMs, error, bucket, latencyMs);
    if (m.inTotals) m.tot.addCompletion(stale, staleMs, error, bucket, latencyMs);
  }

  /** A query is handed to the pool; `queued` is the pool's wait queue right after. */
  dbSubmitted(queued: number): void {
    const m = this.at();
    if (m === null) return;
    m.win.dbArrivals++;
    m.noteQueue(queued);
  }

  /** A pool connection picks a query up. */
  dbPickedUp(isRead: boolean): void {
    const m = this.at();
    if (m === null) return;
    if (isRead) {
      this.allDbReads++;
      m.win.dbReads++;
      if (m.inTotals) m.tot.dbReads++;
    } else {
      m.win.dbWrites++;
      if (m.inTotals) m.tot.dbWrites++;
    }
  }

  dbDone(): void {
    const m = this.at();
    if (m !== null) m.win.dbServed++;
  }

  /** A read starts waiting for the rebuild lock (once per read). */
  lockWait(): void {
    const m = this.at();
    if (m === null) return;
    m.win.lockWaits++;
    if (m.inTotals) m.tot.lockWaits++;
  }

  /** Redis refused a SET for lack of memory (OOM reply). */
  oom(): void {
    const m = this.at();
    if (m === null) return;
    m.win.oomErrors++;
    if (m.inTotals) m.tot.oomErrors++;
  }

  /**
   * Totals and series; only after the run's end. `missesAheadOfDbReads`: misses minus DB reads
   * counted so far, when the totals started (end of warm-up) and at the end. With no lock,
   * coalescing or background refresh every miss makes one DB read, so these are the misses whose
   * DB read had not started yet, and totals.dbReads = totals.misses + atWarmup - atEnd exactly.
   */
  result(): {
    totals: Totals;
    series: MetricWindow[];
    missesAheadOfDbReads: { atWarmup: number; atEnd: number };
  } {
    if (this.finalTotals === null) throw new Error('the run has not ended');
    return {
      totals: this.finalTotals,
      series: this.series,
      missesAheadOfDbReads: { atWarmup: this.gapAtWarmup, atEnd: this.gapAtEnd },
    };
  }
}
