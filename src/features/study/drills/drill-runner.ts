/**
 * Runs a numeric drill's scenarios to the end in the engine Web Worker (off the main thread) and
 * returns their totals, so the answer is whatever the simulator measures.
 */
import { createEngineClient } from '../../../worker/engine-client';
import { drillScenario } from './drill-scenario';
import type { NumericDrill, RunResult } from './drill-types';

function runOne(scenario: RunResult['scenario']): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const client = createEngineClient();
    client.subscribe((event) => {
      if (event.type === 'done') {
        client.terminate();
        resolve({ scenario, totals: event.totals });
      } else if (event.type === 'error') {
        client.terminate();
        reject(new Error(event.message));
      }
    });
    client.send({ type: 'load', scenario });
    client.send({ type: 'animate', on: false });
    client.send({ type: 'seek', tMs: scenario.durationMs });
  });
}

/**
 * Measure a numeric drill's answer: run every scenario (in parallel workers) and apply `measure`.
 * A trace drill has no scenarios; its `measure` replays a small key sequence on this thread.
 */
export async function measureDrill(
  drill: NumericDrill,
): Promise<{ actual: number; results: RunResult[] }> {
  const results = await Promise.all(drill.runs.map((run) => runOne(drillScenario(run))));
  return { actual: drill.measure(results), results };
}
