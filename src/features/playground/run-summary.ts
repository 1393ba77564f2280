/**
 * The run summary: a totals table and "what happened" sentences derived only from the engine's
 * numbers (totals, the window series and the markers), e.g. "DB reads peaked at 812/s at 0:30,
 * when the cache went down". Pure, so every sentence is unit-tested.
 */
import type { Marker, MetricWindow, Totals } from '../../sim/engine/engine-types';
import type { Scenario } from '../../sim/scenario/scenario-schema';
import {
  formatCount,
  formatMs,
  formatMsAtLeast,
  formatNumber,
  formatP99CountingUnfinished,
  formatPct,
} from '../../ui/format';
import { formatClock } from '../../ui/format-time';
import { windowRate } from '../../ui/metric-points';
import { factorWords, isHitRatioVerdict, p99Words, runVerdict, type P99Words } from './verdict';

export interface SummaryRow {
  readonly label: string;
  readonly value: string;
}

export interface RunSummary {
  readonly rows: readonly SummaryRow[];
  readonly sentences: readonly string[];
}

export interface SummaryInput {
  readonly totals: Totals;
  readonly windows: readonly MetricWindow[];
  readonly markers: readonly Marker[];
  readonly scenario: Scenario;
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Plain words for a marker, from the engine's label (`cache-down for 10000 ms`, `cache.ttlMs=1000`). */
export function describeMarker(m: Marker): string {
  if (m.kind === 'knob') return `right after the change ${m.label}`;
  const kind = m.label.split(' ')[0] ?? '';
  switch (kind) {
    case 'cache-down':
      return 'when the cache went down';
    case 'cache-restart':
      return 'when the cache restarted empty';
    case 'db-slow':
      return 'when the database slowed down';
    case 'traffic-spike':
      return 'during the traffic spike';
    case 'expire-key':
      return 'when the hottest key was expired';
    case 'pause-app':
      return 'when an app server paused';
    default:
      return `after "${m.label}"`;
  }
}

/** DB reads per second in `w`, over its own width (a run's last window may be narrower). */
function dbReadRate(w: MetricWindow): number {
  return windowRate(w.dbReads, w);
}

function peakSentence(input: SummaryInput): string | null {
  const { windows, markers, scenario } = input;
  const windowMs = scenario.windowMs;
  let peak: MetricWindow | undefined;
  for (const w of windows) if (peak === undefined || dbReadRate(w) > dbReadRate(peak)) peak = w;
  if (peak === undefined || peak.dbReads === 0) return null;
  const rate = dbReadRate(peak);
  const typical = median(windows.map(dbReadRate));
  const at = peak.tMs;
  // A marker in this window or the one before explains the peak best.
  const cause = markers
    .filter((m) => m.tMs >= at - windowMs && m.tMs < at + windowMs)
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'fault' ? -1 : 1))[0];
  const expiryTypical = median(windows.map((w) => w.expirations));
  let because = '';
  if (cause) because = `, ${describeMarker(cause)}`;
  else if (peak.expirations > 0 && peak.expirations >= 3 * Math.max(1, expiryTypical))
    because = `, when ${formatCount(peak.expirations)} keys expired within ${formatMs(peak.widthMs)}`;
  else if (at < scenario.warmupMs) because = ', while the cache was still cold';
  const ratio =
    typical > 0
      ? ` (${formatNumber(rate / typical, 1)}× the typical ${formatNumber(typical, 1)}/s)`
      : '';
  return `DB reads peaked at ${formatNumber(rate, 0)}/s at ${formatClock(at)}${because}${ratio}.`;
}

/** A spike: a run of consecutive windows with DB reads well above the typical rate. */
interface Spike {
  /** The busiest window of the run of windows. */
  readonly peak: MetricWindow;
  /** Keys that expired in the spike's windows and the window just before. */
  readonly expirations: number;
}

/** At most this many spikes are listed one by one; the rest are counted. */
const MAX_LISTED_SPIKES = 8;

/**
 * Recurring spikes after warm-up, the signature of a stampede: a window belongs to a spike when
 * its DB reads are at least 3× the typical (median) rate and at least a quarter of the highest,
 * and neighbouring such windows are one spike. Only said when there are two or more.
 */
function spikesSentence(input: SummaryInput): string | null {
  const { windows, markers, scenario } = input;
  const windowMs = scenario.windowMs;
  const counted = windows.filter((w) => w.tMs >= scenario.warmupMs);
  const top = Math.max(0, ...counted.map(dbReadRate));
  const typical = median(counted.map(dbReadRate));
  const threshold = Math.max(3 * typical, 0.25 * top, 1);
  if (top < threshold) return null;
  const spikes: { peak: MetricWindow; expirations: number }[] = [];
  let inSpike = false;
  counted.forEach((w, i) => {
    const last = spikes.at(-1);
    if (dbReadRate(w) < threshold) {
      inSpike = false;
    } else if (!inSpike || last === undefined) {
      const before = i > 0 ? (counted[i - 1]?.expirations ?? 0) : 0;
      spikes.push({ peak: w, expirations: before + w.expirations });
      inSpike = true;
    } else {
      last.expirations += w.expirations;
      if (dbReadRate(w) > dbReadRate(last.peak)) last.peak = w;
    }
  });
  if (spikes.length < 2) return null;
  const causeOf = (spike: Spike): string => {
    const at = spike.peak.tMs;
    const marker = markers.find((m) => m.tMs >= at - windowMs && m.tMs < at + windowMs);
    return marker === undefined ? '' : ` (${describeMarker(marker)})`;
  };
  const listed = spikes
    .slice(0, MAX_LISTED_SPIKES)
    .map(
      (sp) =>
        `${formatNumber(dbReadRate(sp.peak), 0)}/s at ${formatClock(sp.peak.tMs)}${causeOf(sp)}`,
    );
  const more =
    spikes.length > MAX_LISTED_SPIKES ? `, and ${spikes.length - MAX_LISTED_SPIKES} more` : '';
  const allExpiry = spikes.every((sp) => sp.expirations > 0 && causeOf(sp) === '');
  const why = allExpiry ? ', each right after cached keys expired' : '';
  return `After warm-up, DB reads spiked ${spikes.length} times${why} (typically ${formatNumber(typical, 0)}/s): ${listed.join(', ')}${more}.`;
}

function trendSentence(input: SummaryInput): string | null {
  const counted = input.windows.filter((w) => w.tMs >= input.scenario.warmupMs && w.reads > 0);
  if (counted.length < 6) return null;
  const third = Math.floor(counted.length / 3);
  const ratio = (ws: readonly MetricWindow[]) => {
    const reads = ws.reduce((s, w) => s + w.reads, 0);
    return reads === 0 ? 0 : ws.reduce((s, w) => s + w.hits, 0) / reads;
  };
  const first = ratio(counted.slice(0, third));
  const last = ratio(counted.slice(-third));
  if (Math.abs(last - first) < 0.1) return null;
  return last > first
    ? `The hit ratio rose from ${formatPct(first)} in the first third of the counted run to ${formatPct(last)} in the last third.`
    : `The hit ratio fell from ${formatPct(first)} in the first third of the counted run to ${formatPct(last)} in the last third.`;
}

/** How long the DB could not keep up, how far its queue grew, and whether it ever recovered. */
function saturationSentence(input: SummaryInput, endedSaturated: boolean): string | null {
  const { totals: t, windows, scenario } = input;
  if (t.dbSaturatedMs === 0 && !endedSaturated) return null;
  const countedMs = Math.max(0, scenario.durationMs - scenario.warmupMs);
  const first = windows.find((w) => w.dbSaturated && w.tMs >= scenario.warmupMs);
  const how =
    t.dbSaturatedMs > 0
      ? `The database could not keep up for ${formatMs(t.dbSaturatedMs)} of the ${formatMs(countedMs)} after warm-up${first ? ` (first at ${formatClock(first.tMs)})` : ''}`
      : 'The database could not keep up at the end of the run';
  const peak =
    t.dbQueuePeak > 0 ? `: its queue peaked at ${formatCount(t.dbQueuePeak)} operations` : '';
  const end = endedSaturated ? ', and it was still growing when the run ended' : '';
  return `${how}${peak}${end}. The hit ratio does not show this: it counts the lookups the cache answered, not how long the misses waited.`;
}

/**
 * Requests still in flight at the end. A handful is normal (they were mid-flight); many mean the
 * latency figures describe only the lucky ones that finished, and counting the unfinished ones at
 * their age gives a p99 they can only raise.
 */
function unfinishedSentence(t: Totals, p99: P99Words | null): string | null {
  if (t.inFlight === 0) return null;
  const n = formatCount(t.inFlight);
  const counted =
    p99?.atLeast === true
      ? ` Counting them at their age then (they take at least that long), p99 was at least ${formatMsAtLeast(p99.ms)}.`
      : '';
  if (t.inFlight < UNFINISHED_NOTABLE_SHARE * t.requests)
    return `${n} requests were still in flight when the run ended.${counted}`;
  return `${n} requests were still unfinished when the run ended; the latency percentiles of the ${formatCount(t.completed)} that finished leave them out.${counted}`;
}

/** From this share of unfinished requests, the summary warns that latency covers only the rest. */
const UNFINISHED_NOTABLE_SHARE = 0.01;

export function summarizeRun(input: SummaryInput): RunSummary {
  const { totals: t, windows, scenario } = input;
  const windowMs = scenario.windowMs;
  const sentences: string[] = [];

  const endedSaturated = windows.at(-1)?.dbSaturated ?? false;
  const verdict =
    t.reads === 0
      ? null
      : runVerdict({
          totals: t,
          saturatedNow: endedSaturated,
          dbReadLatencyMs: scenario.db.readLatencyMs,
        });
  if (verdict === null) {
    sentences.push(
      `No reads were counted after the ${formatMs(scenario.warmupMs)} warm-up, so there is no hit ratio to judge.`,
    );
  } else {
    const answered = `After a ${formatMs(scenario.warmupMs)} warm-up, the cache answered ${formatPct(t.hitRatio)} of ${formatCount(t.reads)} reads.`;
    // The rules of thumb only when nothing worse is going on; otherwise the sentences below say it.
    sentences.push(
      isHitRatioVerdict(verdict) ? `${answered} ${verdict.title}: ${verdict.advice}` : answered,
    );
  }
  const saturation = saturationSentence(input, endedSaturated);
  if (saturation) sentences.push(saturation);
  const p99 = p99Words(t);
  if (verdict?.level === 'slow' && p99 !== null) {
    sentences.push(
      `Requests were slow: p99 was ${factorWords(p99.ms / scenario.db.readLatencyMs, p99.atLeast)} the database's read latency (${formatMs(scenario.db.readLatencyMs)}), which the hit ratio alone does not show.`,
    );
  }
  const trend = trendSentence(input);
  if (trend) sentences.push(trend);
  const peak = peakSentence(input);
  if (peak) sentences.push(peak);
  const spikes = spikesSentence(input);
  if (spikes) sentences.push(spikes);

  let worst: MetricWindow | undefined;
  for (const w of windows)
    if (worst === undefined || w.latencyMs.p99 > worst.latencyMs.p99) worst = w;
  if (t.completed > 0) {
    sentences.push(
      `Half of the ${formatCount(t.completed)} requests that finished took under ${formatMs(t.latencyMs.p50)}; 99% under ${formatMs(t.latencyMs.p99)}${
        worst && worst.latencyMs.p99 > t.latencyMs.p99 * 1.5
          ? `, but in the window at ${formatClock(worst.tMs)} the slowest 1% took over ${formatMs(worst.latencyMs.p99)}`
          : ''
      }.`,
    );
  }
  const unfinished = unfinishedSentence(t, p99);
  if (unfinished) sentences.push(unfinished);

  const downWindows = windows.filter((w) => w.cacheState !== 'up').length;
  if (downWindows > 0) {
    sentences.push(
      `The cache node was down or restarting for about ${formatMs(downWindows * windowMs)} of the run.`,
    );
  }
  if (t.staleReads > 0) {
    sentences.push(
      `${formatCount(t.staleReads)} reads (${formatPct(t.reads === 0 ? 0 : t.staleReads / t.reads, 2)}) returned stale data, up to ${formatMs(t.maxStalenessMs)} out of date.`,
    );
  } else if (t.reads > 0) {
    sentences.push('No read returned stale data.');
  }
  if (t.lostWrites > 0) {
    sentences.push(
      `${formatCount(t.lostWrites)} writes were lost: acknowledged to the client, but never reached the database.`,
    );
  } else if (scenario.pattern.write === 'write-behind' && t.writes > 0) {
    sentences.push('No buffered write was lost.');
  }
  if (t.errors > 0) {
    sentences.push(
      `${formatCount(t.errors)} requests failed (${formatPct(t.requests === 0 ? 0 : t.errors / t.requests, 2)}).`,
    );
  }
  if (t.oomErrors > 0) {
    sentences.push(
      `The cache refused ${formatCount(t.oomErrors)} SETs for lack of memory (Redis's OOM error): those values were not cached.`,
    );
  }
  if (t.evictions > 0) {
    sentences.push(
      `${formatCount(t.evictions)} keys were evicted to make room${scenario.cache.capacityKeys !== null ? ` (capacity ${formatCount(scenario.cache.capacityKeys)} keys)` : ''}, and ${formatCount(t.expirations)} expired.`,
    );
  } else if (t.expirations > 0) {
    sentences.push(`Nothing was evicted; ${formatCount(t.expirations)} keys expired.`);
  }

  const rows: SummaryRow[] = [
    { label: 'Requests', value: formatCount(t.requests) },
    { label: 'Finished', value: formatCount(t.completed) },
    { label: 'Unfinished at the end', value: formatCount(t.inFlight) },
    { label: 'Reads', value: formatCount(t.reads) },
    { label: 'Writes', value: formatCount(t.writes) },
    { label: 'Hits', value: formatCount(t.hits) },
    { label: 'Misses', value: formatCount(t.misses) },
    { label: 'Hit ratio', value: formatPct(t.hitRatio) },
    { label: 'DB reads', value: formatCount(t.dbReads) },
    { label: 'DB writes', value: formatCount(t.dbWrites) },
    { label: 'Time DB saturated', value: formatMs(t.dbSaturatedMs) },
    { label: 'Peak DB queue', value: formatCount(t.dbQueuePeak) },
    { label: 'Stale reads', value: formatCount(t.staleReads) },
    { label: 'Max staleness', value: formatMs(t.maxStalenessMs) },
    { label: 'Lost writes', value: formatCount(t.lostWrites) },
    { label: 'Evictions', value: formatCount(t.evictions) },
    { label: 'Expirations', value: formatCount(t.expirations) },
    { label: 'Errors', value: formatCount(t.errors) },
    { label: 'Refused SETs (OOM)', value: formatCount(t.oomErrors) },
    { label: 'Lock waits', value: formatCount(t.lockWaits) },
    { label: 'Latency p50', value: formatMs(t.latencyMs.p50) },
    { label: 'Latency p95', value: formatMs(t.latencyMs.p95) },
    { label: 'Latency p99', value: formatMs(t.latencyMs.p99) },
    { label: 'Latency max', value: formatMs(t.latencyMs.max) },
  ];
  if (t.latencyWithUnfinished.unfinished > 0)
    rows.push({
      label: 'Latency p99 counting unfinished at their age',
      value: formatP99CountingUnfinished(t),
    });
  return { rows, sentences };
}
