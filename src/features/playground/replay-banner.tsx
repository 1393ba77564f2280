/**
 * Says, while the Playground replays a trace, what it is doing: which trace, how its keys are
 * used, how long the run is and what happens when the keys run out. Every number is read from
 * the scenario in effect and the run's totals.
 */
import type { Scenario } from '../../sim/scenario/scenario-schema';
import { replayDurationMs, replayOf, REPLAY_SLACK } from '../../sim/scenario/trace-replay';
import { useAppStore } from '../../store/app-store';
import { formatCount, formatMs, formatPct } from '../../ui/format';

export function ReplayBanner() {
  const scenario = useAppStore((s) => s.playground.scenario);
  const trace = replayOf(scenario);
  return trace === null ? null : <ReplayNotice scenario={scenario} trace={trace} />;
}

/** The banner itself; only a replay subscribes to the request count, which every report moves. */
function ReplayNotice(props: {
  readonly scenario: Scenario;
  readonly trace: NonNullable<ReturnType<typeof replayOf>>;
}) {
  const { scenario, trace } = props;
  const requests = useAppStore((s) => s.playground.totals?.requests ?? null);
  const rate = scenario.workload.requestsPerSec;
  const fitted = scenario.durationMs === replayDurationMs(trace.requests, rate, scenario.windowMs);
  const writes = scenario.workload.writeFraction;
  return (
    <div className="notice notice-info" role="status" data-testid="replay-banner">
      <div className="notice-body">
        <p>
          Replaying the trace <strong data-testid="replay-trace-name">“{trace.name}”</strong>:{' '}
          {formatCount(trace.requests)} requests over {formatCount(trace.uniqueKeys)} keys, in the
          trace’s order, arriving at random (Poisson) at {formatCount(rate)} a second.{' '}
          {writes > 0
            ? `${formatPct(writes, 0)} of them are writes (the scenario’s write fraction).`
            : 'All are reads.'}
        </p>
        <p>
          The run lasts {formatMs(scenario.durationMs)}
          {fitted
            ? `: the trace’s length at ${formatCount(rate)} a second plus ${Math.round((REPLAY_SLACK - 1) * 100)}%.`
            : '.'}{' '}
          Once the trace’s keys are used up no more requests arrive, and the run goes on to its end
          with an idle cache.
          {scenario.warmupMs === 0 && requests !== null
            ? ` Replayed so far: ${formatCount(requests)} of ${formatCount(trace.requests)}.`
            : ''}
        </p>
      </div>
    </div>
  );
}
