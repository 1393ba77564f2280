/**
 * Every lesson's scenario and every preset survive a trip through the URL codec unchanged, over
 * the defaults and over each preset (links to lessons' set-ups and "open in Playground" rely on it).
 */
import { describe, expect, it } from 'vitest';
import { PRESETS, presetScenario } from '../../sim/scenario/presets';
import { decodeScenarioParams, encodeScenarioParams } from '../../sim/scenario/url-codec';
import { LESSONS } from '../../content/lessons/lesson-registry';
import { lessonScenario, playgroundParams } from './lesson-scenario';

describe('lesson and preset scenarios in links', () => {
  const scenarios = [
    ...PRESETS.map((p) => ({ name: `preset ${p.id}`, scenario: presetScenario(p.id) })),
    ...LESSONS.map((l) => ({ name: `lesson ${l.id}`, scenario: lessonScenario(l.scenario) })),
  ];

  it.each(scenarios)('$name round-trips exactly', ({ scenario }) => {
    for (const base of [null, ...PRESETS.map((p) => p.id)]) {
      const back = decodeScenarioParams(encodeScenarioParams(scenario, base));
      expect(back.notices).toEqual([]);
      expect(back.scenario).toEqual(scenario);
    }
  });

  it.each(LESSONS.map((l) => ({ id: l.id, lesson: l })))(
    'the Playground link of lesson $id decodes without a notice',
    ({ lesson }) => {
      expect(decodeScenarioParams(playgroundParams(lesson)).notices).toEqual([]);
    },
  );
});
