/**
 * Messages between Compare's page and its lane workers. A worker runs one scenario (one lane on
 * one seed) to the end as fast as the engine goes, then posts its totals and the whole series.
 */
import type { MetricWindow, Totals } from '../../sim/engine/engine-types';
import type { Scenario } from '../../sim/scenario/scenario-schema';

export interface CompareJob {
  readonly type: 'run';
  readonly jobId: number;
  readonly scenario: Scenario;
}

export type CompareWorkerEvent =
  | {
      readonly type: 'progress';
      readonly jobId: number;
      /** Simulated time reached. */
      readonly tMs: number;
    }
  | {
      readonly type: 'done';
      readonly jobId: number;
      readonly totals: Totals;
      readonly windows: readonly MetricWindow[];
      /** Wall time the run took in the worker. */
      readonly wallMs: number;
    }
  | { readonly type: 'error'; readonly jobId: number; readonly message: string };
