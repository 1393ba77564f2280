import { describe, expect, it } from 'vitest';
import { ALL_POLICY_IDS, OFFLINE_POLICY_IDS } from '../../../sim/cache/cache-types';
import { PATTERNS } from '../../../sim/patterns/pattern-registry';
import { getPreset } from '../../../sim/scenario/presets';
import { lessonLink, topicLessonLink } from '../lesson-links';
import { STUDY_TOPIC_IDS } from '../study-topics';
import { patternGroups, policyRows, redisEvictionDefaults, ttlRows } from './cheat-sheet-model';

describe('cheat sheet model', () => {
  it('lists every registered policy once, in registry order', () => {
    expect(policyRows().map((r) => r.id)).toEqual([...ALL_POLICY_IDS]);
    expect(policyRows().find((r) => r.id === 'volatile-lru')?.candidates).toMatch(/TTL/);
  });

  it('says how each research policy works and when it beats LRU, marked not in Redis', () => {
    const rows = policyRows();
    const row = (id: string) => rows.find((r) => r.id === id);
    for (const id of ['clock', 'sieve', 's3fifo', 'arc', '2q', 'wtinylfu', 'opt']) {
      const r = row(id);
      expect(r?.notInRedis, id).toBe(true);
      expect(r?.summary, id).toMatch(/not in Redis/);
      expect(r?.beatsLru?.length ?? 0, id).toBeGreaterThan(20);
    }
    expect(row('sieve')?.beatsLru).toMatch(/one-hit wonders/);
    expect(row('s3fifo')?.beatsLru).toMatch(/one-hit wonders/);
    expect(row('s3fifo')?.beatsLru).toMatch(/ghost/);
    expect(row('arc')?.beatsLru).toMatch(/recency and frequency/);
    expect(row('wtinylfu')?.beatsLru).toMatch(/Loses when popularity shifts/);
    expect(row('opt')?.beatsLru).toMatch(/optimum/);
    expect(row('opt')?.beatsLru).toMatch(/needs the future, so it runs only on traces/);
  });

  it('keeps Redis policies unmarked and offline policies out of the playground', () => {
    for (const r of policyRows()) {
      const offline = (OFFLINE_POLICY_IDS as readonly string[]).includes(r.id);
      expect(r.offlineOnly, r.id).toBe(offline);
      if (!r.notInRedis) expect(r.beatsLru, r.id).toBeNull();
    }
    expect(policyRows().find((r) => r.id === 'allkeys-lru')?.notInRedis).toBe(false);
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

describe('policy lessons', () => {
  it('links the policies Redis lacks to the scans lesson and LFU to the shifting-popularity one', () => {
    const rows = policyRows();
    const lessonOf = (id: string) => rows.find((r) => r.id === id)?.lessonId;
    expect(lessonOf('s3fifo')).toBe('scans-one-hit-wonders');
    expect(lessonOf('allkeys-lfu')).toBe('shifting-popularity');
    for (const r of rows)
      if (r.lessonId !== null) expect(lessonLink(r.lessonId), r.id).not.toBeNull();
  });
});
