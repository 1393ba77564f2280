/** The Traces page's run status: progress of each stage, cancellation and errors. */
import type { ReactNode } from 'react';
import { formatCount } from '../../ui/format';
import type { TraceRunState } from './use-trace-worker';

/** A labelled progress bar in a panel; without `max` the bar is indeterminate. */
function ProgressPanel(props: {
  readonly children: ReactNode;
  readonly max?: number;
  readonly value?: number;
}) {
  return (
    <div className="panel">
      <label className="progress-label">
        {props.children}
        {props.max === undefined ? (
          <progress />
        ) : (
          <progress max={props.max} value={props.value ?? 0} />
        )}
      </label>
    </div>
  );
}

export function RunStatus(props: { readonly state: TraceRunState }) {
  const { state } = props;
  return (
    <div aria-live="polite" data-testid="run-status">
      {state.status === 'reading' ? (
        <ProgressPanel max={Math.max(1, state.totalBytes)} value={state.bytesRead}>
          Reading: {formatCount(state.bytesRead)} of {formatCount(state.totalBytes)} bytes
        </ProgressPanel>
      ) : null}
      {state.status === 'analysing' ? (
        <ProgressPanel>
          {state.requests > 0
            ? `Counting keys and computing the LRU curve over ${formatCount(state.requests)} requests`
            : 'Generating the sample trace'}
        </ProgressPanel>
      ) : null}
      {state.status === 'simulating' ? (
        <ProgressPanel max={state.runsTotal} value={state.runsDone}>
          Simulated {state.runsDone} of {state.runsTotal} policy runs (each policy but LRU at each
          size) over {formatCount(state.requests)} requests, on {state.workers} workers in parallel
        </ProgressPanel>
      ) : null}
      {state.status === 'cancelled' ? (
        <p className="field-hint">Cancelled; the workers were stopped.</p>
      ) : null}
      {state.status === 'error' ? (
        <p className="field-error trace-error" role="alert" data-testid="trace-error">
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
