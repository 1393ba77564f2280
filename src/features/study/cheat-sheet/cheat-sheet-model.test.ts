import { describe, expect, it } from 'vitest';
import { POLICY_IDS } from '../../../sim/cache/cache-types';
import { PATTERNS } from '../../../sim/patterns/pattern-registry';
import { getPreset } from '../../../sim/scenario/presets';
import { lessonLink, topicLessonLink } from '../lesson-links';
import { STUDY_TOPIC_IDS } from '../study-topics';
import { patternGroups, policyRows, redisEvictionDefaults, ttlRows } from './cheat-sheet-model';

describe('cheat sheet model', () => {
  it('lists every registered policy once, in registry order', () => {
    expect(policyRows().map((r) => r.id)).toEqual([...POLICY_IDS]);
    expect(policyRows().find((r) => r.id === 'volatile-lru')?.candidates).toMatch(/TTL/);
  });

  it('places every registered pattern in exactly one table', () => {
    const g = patternGroups();
    const all = [...g.strategies, ...g.invalidation, ...g.stampede, ...g.ttl];
    expect(all.map((p) => p.id).sort()).toEqual(PATTERNS.map((p) => p.id).sort());
    expect(g.stampede.map((p) => p.id)).toContain('rebuild-lock');
    expect(g.invalidation.map((p) => p.id)).toEqual(
      expect.arrayContaining(['invalidate', 'update']),
    );
  });

  it('does not sell write-through as always fresh', () => {
    const row = patternGroups().strategies.find((p) => p.id === 'write-through');
    expect(row?.pros.join(' ')).toMatch(/one writer/);
    expect(row?.cons.join(' ')).toMatch(/concurrent writers can leave the older value/);
    expect(row?.cons.join(' ')).toMatch(/version-checked/);
    expect(row?.scenarioKnob).toContain('pattern.writeThrough.versioned');
  });

  it('reads Redis eviction defaults from the scenario schema', () => {
    expect(redisEvictionDefaults()).toEqual({
      samples: 5,
      lfuLogFactor: 10,
      lfuDecayTimeMs: 60_000,
    });
  });

  it('builds the TTL guide from preset key classes, longest TTL first', () => {
    const rows = ttlRows();
    const classes = rows.filter((r) => r.preset.id === 'ttl-by-data-type');
    expect(classes.map((r) => r.name)).toEqual(['config', 'profile', 'price']);
    expect(rows.some((r) => r.preset.id === 'synchronised-expiry')).toBe(true);
  });

  it('links only to presets and lessons that exist', () => {
    for (const p of PATTERNS) expect(getPreset(p.presetId), p.id).toBeDefined();
    for (const topic of STUDY_TOPIC_IDS) {
      const link = topicLessonLink(topic);
      expect(link.href).toMatch(/^#\/lessons(\/[a-z0-9-]+)?$/);
    }
    expect(lessonLink('no-such-lesson')).toBeNull();
  });
});
