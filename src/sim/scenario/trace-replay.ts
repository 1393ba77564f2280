/**
 * Scenarios that replay a trace: built from any scenario by swapping its key popularity for the
 * trace's sequence. The sequence itself never enters a scenario (nor a URL or a JSON file); the
 * scenario records which trace it was (name, requests, unique keys).
 */
import {
  DEFAULT_SCENARIO,
  MAX_DURATION_MS,
  MAX_TRACE_NAME,
  MAX_WINDOWS,
  parseScenario,
  type ParseResult,
  type Scenario,
} from './scenario-schema';

/** What a scenario records of the trace it replays. */
export interface TraceReplayInfo {
  readonly name: string;
  readonly requests: number;
  readonly uniqueKeys: number;
}

/** Slack on the run's length: Poisson arrivals at the rate may need a little longer than the mean. */
export const REPLAY_SLACK = 1.02;

/**
 * The run's length for `requests` at `requestsPerSec`: the trace's mean length at that rate plus
 * 2% (so random arrivals almost always reach the trace's end), rounded up to whole `windowMs`.
 */
export function replayDurationMs(
  requests: number,
  requestsPerSec: number,
  windowMs: number,
): number {
  const mean = (requests / Math.max(requestsPerSec, 1e-9)) * 1000;
  return Math.ceil((mean * REPLAY_SLACK) / windowMs) * windowMs;
}

/** The trace a scenario replays, or null. */
export function replayOf(s: Scenario): TraceReplayInfo | null {
  const p = s.workload.popularity;
  return p.kind === 'trace'
    ? { name: p.name, requests: p.requests, uniqueKeys: p.uniqueKeys }
    : null;
}

/**
 * `base` replaying `trace`: keys from the trace in order at base's request rate and write
 * fraction; scans, shifts and viral keys off; warm-up 0 so the totals count every request of the
 * trace; the duration fitted to the trace (see {@link replayDurationMs}). Invalid (with messages
 * naming the fields) when the trace does not fit a scenario, e.g. more than 1e7 unique keys.
 */
export function traceReplayScenario(base: Scenario, trace: TraceReplayInfo): ParseResult {
  const rps = base.workload.requestsPerSec > 0 ? base.workload.requestsPerSec : 1000;
  const duration = (windowMs: number): number => replayDurationMs(trace.requests, rps, windowMs);
  let windowMs = base.windowMs;
  if (duration(windowMs) / windowMs > MAX_WINDOWS)
    windowMs = Math.ceil(duration(windowMs) / MAX_WINDOWS / 1000) * 1000;
  const durationMs = duration(windowMs);
  if (durationMs > MAX_DURATION_MS) {
    const minRate = Math.ceil((trace.requests * REPLAY_SLACK * 1000) / MAX_DURATION_MS);
    const expected = `must be at least ${minRate} to replay ${trace.requests} requests within the longest run (${MAX_DURATION_MS} ms)`;
    const path = 'workload.requestsPerSec';
    return { ok: false, issues: [{ path, expected, message: `${path} ${expected}` }] };
  }
  return parseScenario({
    ...base,
    durationMs,
    warmupMs: 0,
    windowMs,
    workload: {
      ...base.workload,
      requestsPerSec: rps,
      keys: trace.uniqueKeys,
      popularity: {
        kind: 'trace',
        name: trace.name.slice(0, MAX_TRACE_NAME) || 'trace',
        requests: trace.requests,
        uniqueKeys: trace.uniqueKeys,
      },
      scan: null,
      shift: null,
      viral: null,
    },
    stampede: { ...base.stampede, warmOnStart: false },
  });
}

/** `s` with its trace replay swapped for the default key popularity and key count. */
export function withoutTraceReplay(s: Scenario): Scenario {
  if (s.workload.popularity.kind !== 'trace') return s;
  return {
    ...s,
    workload: {
      ...s.workload,
      keys: DEFAULT_SCENARIO.workload.keys,
      popularity: DEFAULT_SCENARIO.workload.popularity,
    },
  };
}
