/**
 * "Replay in the Playground": reads the trace's keys in a worker, gives them to the Playground's
 * store as a trace-replay scenario and opens the Playground. The keys stay in this browser.
 */
import { useEffect, useRef, useState } from 'react';
import { navigate } from '../../app/hash-router';
import { useAppStore } from '../../store/app-store';
import { formatCount } from '../../ui/format';
import type { ReplayKeysEvent, TraceSource } from './traces-model';

type ReplayState =
  | { readonly status: 'idle' }
  | { readonly status: 'preparing' }
  | { readonly status: 'error'; readonly messages: readonly string[] };

export function ReplayButton(props: {
  readonly source: TraceSource;
  readonly name: string;
  readonly requests: number;
}) {
  const [state, setState] = useState<ReplayState>({ status: 'idle' });
  const workerRef = useRef<Worker | null>(null);
  const rate = useAppStore((s) => s.playground.scenario.workload.requestsPerSec);
  useEffect(
    () => () => {
      workerRef.current?.terminate();
    },
    [],
  );

  const replay = () => {
    workerRef.current?.terminate();
    const worker = new Worker(new URL('./replay-keys.worker.ts', import.meta.url), {
      type: 'module',
      name: 'cachescope-replay-keys',
    });
    workerRef.current = worker;
    setState({ status: 'preparing' });
    worker.addEventListener('message', (e: MessageEvent<ReplayKeysEvent>) => {
      worker.terminate();
      workerRef.current = null;
      const event = e.data;
      if (event.type === 'error') {
        setState({ status: 'error', messages: [event.message] });
        return;
      }
      const actions = useAppStore.getState().playgroundActions;
      const problems = actions.replayTrace(props.name, event.keys, event.uniqueKeys);
      if (problems !== null) {
        setState({ status: 'error', messages: problems });
        return;
      }
      setState({ status: 'idle' });
      navigate('/playground', actions.searchString());
    });
    worker.postMessage(props.source);
  };

  return (
    <div className="replay-trace">
      <button
        type="button"
        className="button primary"
        onClick={replay}
        disabled={state.status === 'preparing'}
        data-testid="replay-in-playground"
      >
        {state.status === 'preparing' ? 'Preparing the replay…' : 'Replay in the Playground'}
      </button>
      <p className="field-hint">
        The Playground’s engine then takes its keys from this trace’s {formatCount(props.requests)}{' '}
        requests, in order, at its request rate (now {formatCount(rate)} a second), with its cache,
        database and write settings. The keys stay in this browser: a link to the run records the
        trace’s name and size, not the trace.
      </p>
      {state.status === 'error' ? (
        <ul className="field-error" role="alert">
          {state.messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
