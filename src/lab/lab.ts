/**
 * One lab run: the model's run of a scenario and the same scenario on real servers, side by
 * side, with the differences beyond noise. The JSON shape (`LabReport`) is what `npm run lab --
 * --json` prints and what the app imports.
 */
import type { MetricWindow, Totals } from '../sim/engine/engine-types';
import type { Scenario } from '../sim/scenario/scenario-schema';
import { runScenario } from '../cli/run-scenario';
import { differences, type Difference } from './differences';
import { unsupportedFeatures, type LabIssue } from './lab-support';
import { runOnRealServers, type LabOptions, type LabSetup, type LabTargets } from './real-run';

export interface LabReport {
  readonly lab: 1;
  readonly scenario: Scenario;
  readonly model: { readonly totals: Totals; readonly series: readonly MetricWindow[] };
  readonly real: {
    readonly totals: Totals;
    readonly series: readonly MetricWindow[];
    readonly setup: LabSetup;
  };
  readonly differences: readonly Difference[];
}

export type LabOutcome =
  | { readonly ok: true; readonly report: LabReport }
  | { readonly ok: false; readonly issues: readonly LabIssue[] };

/** Run `scenario` in the model and on real servers. Refuses what the lab cannot reproduce. */
export async function runLab(
  scenario: Scenario,
  targets: LabTargets,
  options: LabOptions,
): Promise<LabOutcome> {
  const issues = unsupportedFeatures(scenario);
  if (issues.length > 0) return { ok: false, issues };
  const model = runScenario(scenario);
  if (!model.ok)
    return {
      ok: false,
      issues: model.issues.map((i) => ({ field: i.path, message: i.expected })),
    };
  const real = await runOnRealServers(scenario, targets, options);
  return {
    ok: true,
    report: {
      lab: 1,
      scenario,
      model: { totals: model.output.totals, series: model.output.series },
      real,
      differences: differences(model.output, real, scenario.warmupMs),
    },
  };
}
