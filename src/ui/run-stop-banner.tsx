import type { RunStop } from '../sim/engine/engine-types';
import { Notice } from './notice';

/**
 * Says why a run ended before its duration: its backlog passed one of the engine's caps
 * (run-limits.ts), so the page stays responsive instead of running out of memory. Renders nothing
 * for a run that is going or ended normally.
 */
export function RunStopBanner(props: { readonly stop: RunStop | null | undefined }) {
  if (props.stop === null || props.stop === undefined) return null;
  return (
    <div data-testid="run-stop">
      <Notice tone="warning">
        <p>{props.stop.message}</p>
      </Notice>
    </div>
  );
}
