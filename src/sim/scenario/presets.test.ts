/**
 * Presets whose descriptions quote what the engine does: each claim is checked here against a
 * real run, so an engine change that makes a description untrue fails a test.
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/engine';
import type { Totals } from '../engine/engine-types';
import { getPreset, presetScenario } from './presets';
import { mergeScenarioInput, scenarioOrThrow, type ScenarioInput } from './scenario-schema';

function totals(presetId: string, patch: ScenarioInput = {}): Totals {
  const scenario = scenarioOrThrow(mergeScenarioInput(presetScenario(presetId), patch));
  const engine = createEngine(scenario, {});
  engine.runUntil(scenario.durationMs);
  return engine.totals();
}

describe('write-through-race preset', () => {
  const plain = totals('write-through-race');
  const versioned = totals('write-through-race', {
    pattern: { writeThrough: { versioned: true } },
  });

  it('is the update-race set-up with write-through', () => {
    const race = getPreset('update-race')?.input;
    const mine = getPreset('write-through-race')?.input;
    expect({ ...mine, pattern: race?.pattern }).toEqual(race);
    expect(mine?.pattern).toEqual({ write: 'write-through' });
  });

  it('leaves older values cached for hundreds of milliseconds with plain SETs', () => {
    expect(plain.maxStalenessMs).toBeGreaterThan(300);
  });

  it('keeps only the commit-to-SET window (about 14 ms) with version-checked SETs', () => {
    expect(versioned.maxStalenessMs).toBeGreaterThan(10);
    expect(versioned.maxStalenessMs).toBeLessThan(18);
  });

  it('cuts stale reads by only about 13%', () => {
    const drop = 1 - versioned.staleReads / plain.staleReads;
    expect(drop).toBeGreaterThan(0.1);
    expect(drop).toBeLessThan(0.16);
  });
});

describe('write-through preset', () => {
  const plain = totals('write-through');
  const versioned = totals('write-through', { pattern: { writeThrough: { versioned: true } } });

  it('has overlapping writers leave older values for up to about 160 ms with plain SETs', () => {
    expect(plain.maxStalenessMs).toBeGreaterThan(130);
    expect(plain.maxStalenessMs).toBeLessThan(190);
  });

  it('keeps the longest staleness to about 5 ms with version-checked SETs', () => {
    expect(versioned.maxStalenessMs).toBeGreaterThan(3);
    expect(versioned.maxStalenessMs).toBeLessThan(8);
  });
});
