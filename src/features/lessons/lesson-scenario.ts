/**
 * A lesson's scenario, validated, and the same idea at Playground scale. Light (no engine), so
 * the lesson page loads it on the main thread while the runs happen in the lesson worker.
 */
import { getPreset } from '../../sim/scenario/presets';
import {
  mergeScenarioInput,
  parseScenario,
  type Scenario,
  type ScenarioInput,
} from '../../sim/scenario/scenario-schema';
import { encodeScenarioParams } from '../../sim/scenario/url-codec';
import type { LessonDefinition } from '../../content/lessons/lesson-types';

/** Validate a lesson's scenario; a lesson with an invalid scenario is a bug, so this throws. */
export function lessonScenario(input: ScenarioInput, patch?: ScenarioInput): Scenario {
  const merged = patch === undefined ? input : mergeScenarioInput(input, patch);
  const parsed = parseScenario(merged);
  if (!parsed.ok) {
    throw new Error(`invalid lesson scenario: ${parsed.issues.map((i) => i.message).join('; ')}`);
  }
  return parsed.scenario;
}

/** The lesson's idea at full scale, as Playground URL parameters. */
export function playgroundParams(lesson: LessonDefinition): URLSearchParams {
  const { presetId, patch } = lesson.playground;
  const preset = presetId === null ? undefined : getPreset(presetId);
  const base: ScenarioInput = preset?.input ?? {};
  const scenario = lessonScenario(base, patch);
  return encodeScenarioParams(scenario, preset === undefined ? null : preset.id);
}

/** Runs the comparison stage makes: one per variant, plus OPT when the lesson asks for it. */
export function comparisonRunCount(lesson: LessonDefinition): number {
  return (lesson.comparisons?.length ?? 0) + (lesson.optCeiling === true ? 1 : 0);
}
