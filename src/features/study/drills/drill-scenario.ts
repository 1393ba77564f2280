import { getPreset } from '../../../sim/scenario/presets';
import {
  mergeScenarioInput,
  scenarioOrThrow,
  type Scenario,
} from '../../../sim/scenario/scenario-schema';
import type { DrillRun } from './drill-types';

/** The normalised scenario of a drill run: the preset's input with the drill's patch over it. */
export function drillScenario(run: DrillRun): Scenario {
  const preset = run.presetId === undefined ? undefined : getPreset(run.presetId);
  if (run.presetId !== undefined && preset === undefined) {
    throw new Error(`drill run "${run.label}" names an unknown preset "${run.presetId}"`);
  }
  const base: unknown = preset?.input ?? {};
  return scenarioOrThrow(run.patch === undefined ? base : mergeScenarioInput(base, run.patch));
}
