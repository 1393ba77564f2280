import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, scenarioOrThrow } from './scenario-schema';
import {
  replayDurationMs,
  replayOf,
  traceReplayScenario,
  withoutTraceReplay,
} from './trace-replay';

const TRACE = { name: 'zipf-1m.txt', requests: 1_000_000, uniqueKeys: 87_000 };

describe('trace replay scenarios', () => {
  it('fit the run to the trace at the scenario rate, count every request, keep writes', () => {
    const base = scenarioOrThrow({ workload: { requestsPerSec: 2000, writeFraction: 0.1 } });
    const r = traceReplayScenario(base, TRACE);
    if (!r.ok) throw new Error(r.issues[0]?.message);
    const s = r.scenario;
    expect(replayOf(s)).toEqual(TRACE);
    expect(s.workload.keys).toBe(87_000);
    expect(s.warmupMs).toBe(0);
    expect(s.workload.writeFraction).toBe(0.1);
    // 1 M requests at 2000/s is 500 s; 2% slack, whole windows.
    expect(s.durationMs).toBe(510_000);
    expect(replayDurationMs(1_000_000, 2000, 1000)).toBe(510_000);
  });

  it('widen the chart windows when the run would have too many', () => {
    const base = scenarioOrThrow({ workload: { requestsPerSec: 10 } });
    const r = traceReplayScenario(base, TRACE);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.scenario.durationMs / r.scenario.windowMs).toBeLessThanOrEqual(100_000);
  });

  it('say which field stops a trace that cannot be replayed', () => {
    const tooMany = traceReplayScenario(DEFAULT_SCENARIO, { ...TRACE, uniqueKeys: 20_000_000 });
    expect(tooMany.ok).toBe(false);
    if (!tooMany.ok) expect(tooMany.issues[0]?.path).toBe('workload.keys');
    const slow = scenarioOrThrow({ workload: { requestsPerSec: 0.001 } });
    const tooLong = traceReplayScenario(slow, TRACE);
    expect(tooLong.ok).toBe(false);
    if (!tooLong.ok) expect(tooLong.issues[0]?.message).toMatch(/requestsPerSec must be at least/);
  });

  it('can be turned back into a generated workload', () => {
    const r = traceReplayScenario(DEFAULT_SCENARIO, TRACE);
    if (!r.ok) throw new Error('replay expected');
    const back = withoutTraceReplay(r.scenario);
    expect(back.workload.popularity).toEqual(DEFAULT_SCENARIO.workload.popularity);
    expect(back.workload.keys).toBe(DEFAULT_SCENARIO.workload.keys);
  });
});
