/**
 * The metrics ledger: per-window and total counters, each counted at the moment its event happens
 * (arrival, the cache's answer to a lookup, completion, a DB pickup...). Windows close as simulated
 * time passes their end; totals count only what happens after the warm-up.
 */
import {
  LatencyHistogram,
  latencyBucket,
  quantileRank,
  roundMicros,
} from '../metrics/latency-histogram';
import type {
  CacheNodeState,
  Counts,
  LatencyWithUnfinished,
  MetricWindow,
  Totals,
} from './engine-types';

/** Counters for one window or for the totals. */
export class Ledger {
  requests = 0;
  reads = 0;
  writes = 0;
  hits = 0;
  misses = 0;
  completed = 0;
  dbReads = 0;
  dbWrites = 0;
  staleReads = 0;
  maxStalenessMs = 0;
  lostWrites = 0;
  errors = 0;
  oomErrors = 0;
  lockWaits = 0;
  /** Operations handed to the DB pool, and operations it finished (saturation signal). */
  dbArrivals = 0;
  dbServed = 0;
  readonly latency = new LatencyHistogram();

  /** A client request arrives (counted at arrival, whether or not it ever finishes). */
  addArrival(isRead: boolean): void {
    this.requests++;
    if (!isRead) this.writes++;
  }

  /**
   * The cache answers a client read's first lookup: from this moment the read is a hit or a miss,
   * however long the rest of it takes (a miss may then queue at the DB past the end of the run).
   */
  addLookup(hit: boolean): void {
    this.reads++;
    if (hit) this.hits++;
    else this.misses++;
  }

  /** A client request finishes: its latency, and whether it failed or served a stale value. */
  addCompletion(
    stale: boolean,
    staleMs: number,
    error: boolean,
    bucket: number,
    latencyMs: number,
  ): void {
    this.completed++;
    if (stale) {
      this.staleReads++;
      if (staleMs > this.maxStalenessMs) this.maxStalenessMs = staleMs;
    }
    if (error) this.errors++;
    this.latency.addToBucket(bucket, latencyMs);
  }

  reset(): void {
    this.requests = 0;
    this.reads = 0;
    this.writes = 0;
    this.hits = 0;
    this.misses = 0;
    this.completed = 0;
    this.dbReads = 0;
    this.dbWrites = 0;
    this.staleReads = 0;
    this.maxStalenessMs = 0;
    this.lostWrites = 0;
    this.errors = 0;
    this.oomErrors = 0;
    this.lockWaits = 0;
    this.dbArrivals = 0;
    this.dbServed = 0;
    this.latency.reset();
  }

  counts(evictions: number, expirations: number): Counts {
    return {
      requests: this.requests,
      reads: this.reads,
      writes: this.writes,
      hits: this.hits,
      misses: this.misses,
      hitRatio: this.reads === 0 ? 0 : Math.round((this.hits / this.reads) * 1e6) / 1e6,
      completed: this.completed,
      dbReads: this.dbReads,
      dbWrites: this.dbWrites,
      staleReads: this.staleReads,
      maxStalenessMs: Math.round(this.maxStalenessMs * 1000) / 1000,
      lostWrites: this.lostWrites,
      evictions,
      expirations,
      errors: this.errors,
      oomErrors: this.oomErrors,
      lockWaits: this.lockWaits,
    };
  }

  save(): Record<string, unknown> {
    const { latency, ...fields } = this;
    return { fields: { ...fields }, latency: latency.save() };
  }

  load(s: Record<string, unknown>): void {
    Object.assign(this, s['fields']);
    this.latency.load(s['latency'] as ReturnType<LatencyHistogram['save']>);
  }
}

/** What the ledger reads from the rest of the engine when a window closes. */
export interface MetricsSource {
  /** Evictions and expirations so far (cumulative over store replacements). */
  evictions(): number;
  expirations(): number;
  nodeState(): CacheNodeState;
  cacheKeys(): number;
  cacheBytes(): number;
  dbQueue(): number;
  dbPoolSize(): number;
}

interface Times {
  readonly durationMs: number;
  readonly warmupMs: number;
  readonly windowMs: number;
}

/** Windows and totals. */
export class Metrics {
  readonly win = new Ledger();
  readonly tot = new Ledger();
  /** Whether the warm-up has passed (counts go to the totals too). */
  inTotals: boolean;
  windowStart = 0;
  readonly pending: MetricWindow[] = [];
  private evictionsAtWindowStart = 0;
  private expirationsAtWindowStart = 0;
  private evictionsAtWarmup = 0;
  private expirationsAtWarmup = 0;
  /** DB queue: peak in the window, length when the window opened, peak after warm-up. */
  dbQueuePeak = 0;
  private dbQueueAtWindowStart = 0;
  totQueuePeak = 0;
  /** Time after warm-up in saturated windows. */
  private saturatedMs = 0;
  /** Reads, hits and DB reads of individually tracked keys, after warm-up. */
  readonly tracked = new Map<number, { reads: number; hits: number; dbReads: number }>();
  readonly trackAny: boolean;
  private readonly bucketMemo = { latency: -1, bucket: 0 };

  constructor(
    private readonly times: Times,
    private readonly source: MetricsSource,
    trackKeys: readonly number[],
  ) {
    this.inTotals = times.warmupMs <= 0;
    for (const k of trackKeys) this.tracked.set(k, { reads: 0, hits: 0, dbReads: 0 });
    this.trackAny = this.tracked.size > 0;
  }

  /**
   * latencyBucket(latency), remembering the last answer: most latencies repeat exactly (every
   * plain hit takes cache.latencyMs), so this skips the logarithm; same input, same bucket.
   */
  bucketOf(latency: number): number {
    const memo = this.bucketMemo;
    if (latency !== memo.latency) {
      memo.latency = latency;
      memo.bucket = latencyBucket(latency);
    }
    return memo.bucket;
  }

  /** Time moves to `t`: close the windows it passes and start the totals after warm-up. */
  advanceTo(t: number): void {
    const { windowMs, durationMs, warmupMs } = this.times;
    while (t >= this.windowStart + windowMs && this.windowStart < durationMs)
      this.closeWindow(this.windowStart + windowMs);
    if (!this.inTotals && t >= warmupMs) {
      this.inTotals = true;
      this.totQueuePeak = this.source.dbQueue();
      this.evictionsAtWarmup = this.source.evictions();
      this.expirationsAtWarmup = this.source.expirations();
    }
  }

  /**
   * Close every window up to the end of the run: `durationMs`, or an earlier `endMs` when the run
   * was stopped (the last window then ends there, narrower than the others).
   */
  finish(endMs = this.times.durationMs): void {
    const { windowMs } = this.times;
    const end = Math.min(endMs, this.times.durationMs);
    while (this.windowStart < end) this.closeWindow(Math.min(end, this.windowStart + windowMs));
  }

  closeWindow(end: number): void {
    const src = this.source;
    const ev = src.evictions();
    const ex = src.expirations();
    const win = this.win;
    const counts = win.counts(ev - this.evictionsAtWindowStart, ex - this.expirationsAtWindowStart);
    const node = src.nodeState();
    const queue = src.dbQueue();
    const widthMs = end - this.windowStart;
    const saturated =
      win.dbArrivals > win.dbServed &&
      queue > this.dbQueueAtWindowStart &&
      queue >= src.dbPoolSize();
    if (saturated)
      this.saturatedMs += Math.max(0, end - Math.max(this.windowStart, this.times.warmupMs));
    this.pending.push({
      ...counts,
      tMs: this.windowStart,
      widthMs,
      latencyMs: win.latency.summary(),
      dbQueue: queue,
      dbQueuePeak: this.dbQueuePeak,
      dbSaturated: saturated,
      dbQueueGrowthPerSec:
        widthMs > 0 ? Math.round(((queue - this.dbQueueAtWindowStart) * 1e6) / widthMs) / 1e3 : 0,
      cacheKeys: node === 'up' ? src.cacheKeys() : 0,
      cacheBytes: node === 'up' ? src.cacheBytes() : 0,
      cacheState: node,
    });
    win.reset();
    this.evictionsAtWindowStart = ev;
    this.expirationsAtWindowStart = ex;
    this.dbQueuePeak = queue;
    this.dbQueueAtWindowStart = queue;
    this.windowStart = end;
  }

  /** The DB queue grew to `length`. */
  noteQueue(length: number): void {
    if (length > this.dbQueuePeak) this.dbQueuePeak = length;
    if (this.inTotals && length > this.totQueuePeak) this.totQueuePeak = length;
  }

  /**
   * Totals so far. `addUnfinishedAges` adds the age of every client request in flight (there are
   * `inFlight` of them) to the histogram it is given.
   */
  totals(inFlight: number, addUnfinishedAges: (h: LatencyHistogram) => void): Totals {
    const src = this.source;
    const ev = this.inTotals ? src.evictions() - this.evictionsAtWarmup : 0;
    const ex = this.inTotals ? src.expirations() - this.expirationsAtWarmup : 0;
    const latencyMs = this.tot.latency.summary();
    return {
      ...this.tot.counts(ev, ex),
      latencyMs,
      latencyWithUnfinished:
        this.inTotals && inFlight > 0
          ? this.withUnfinished(addUnfinishedAges)
          : { ms: latencyMs, unfinished: 0, p99AtMostMs: latencyMs.p99 },
      inFlight,
      dbSaturatedMs: this.saturatedMs,
      dbQueuePeak: this.inTotals ? this.totQueuePeak : 0,
    };
  }

  /** Scratch histogram: the totals' latencies plus the unfinished requests' ages. */
  private readonly withAges = new LatencyHistogram();

  /**
   * Latency over the finished requests counted in the totals and the unfinished ones at their
   * age. Every request in flight now counts, those that arrived during the warm-up too:
   * had it finished after the warm-up, its latency would be in the totals.
   */
  private withUnfinished(addUnfinishedAges: (h: LatencyHistogram) => void): LatencyWithUnfinished {
    const finished = this.tot.latency;
    const all = this.withAges;
    all.copyFrom(finished);
    addUnfinishedAges(all);
    const upper = finished.atRank(quantileRank(0.99, all.count));
    return {
      ms: all.summary(),
      unfinished: all.count - finished.count,
      p99AtMostMs: upper === null ? null : roundMicros(upper),
    };
  }

  save(): Record<string, unknown> {
    return {
      win: this.win.save(),
      tot: this.tot.save(),
      inTotals: this.inTotals,
      windowStart: this.windowStart,
      pending: this.pending.slice(),
      evictionsAtWindowStart: this.evictionsAtWindowStart,
      expirationsAtWindowStart: this.expirationsAtWindowStart,
      evictionsAtWarmup: this.evictionsAtWarmup,
      expirationsAtWarmup: this.expirationsAtWarmup,
      dbQueuePeak: this.dbQueuePeak,
      dbQueueAtWindowStart: this.dbQueueAtWindowStart,
      totQueuePeak: this.totQueuePeak,
      saturatedMs: this.saturatedMs,
      tracked: [...this.tracked].map(([k, v]) => [k, { ...v }]),
    };
  }

  load(s: Record<string, unknown>): void {
    this.win.load(s['win'] as Record<string, unknown>);
    this.tot.load(s['tot'] as Record<string, unknown>);
    this.inTotals = s['inTotals'] as boolean;
    this.windowStart = s['windowStart'] as number;
    this.pending.length = 0;
    for (const w of s['pending'] as MetricWindow[]) this.pending.push(w);
    this.evictionsAtWindowStart = s['evictionsAtWindowStart'] as number;
    this.expirationsAtWindowStart = s['expirationsAtWindowStart'] as number;
    this.evictionsAtWarmup = s['evictionsAtWarmup'] as number;
    this.expirationsAtWarmup = s['expirationsAtWarmup'] as number;
    this.dbQueuePeak = s['dbQueuePeak'] as number;
    this.dbQueueAtWindowStart = s['dbQueueAtWindowStart'] as number;
    this.totQueuePeak = s['totQueuePeak'] as number;
    this.saturatedMs = s['saturatedMs'] as number;
    this.tracked.clear();
    for (const [k, v] of s['tracked'] as [
      number,
      { reads: number; hits: number; dbReads: number },
    ][])
      this.tracked.set(k, { ...v });
  }
}
