import { describe, expect, it } from 'vitest';
import { decodeScenarioParams } from '../../../sim/scenario/url-codec';
import {
  isComplete,
  playgroundHref,
  QUESTIONS,
  recommend,
  type WizardAnswers,
} from './wizard-model';

const catalog: WizardAnswers = {
  reads: 'read-heavy',
  cost: 'expensive',
  staleness: 'slightly',
  writers: 'same-service',
  failure: 'falls-back',
  hitRate: '80-95',
};

describe('decision wizard', () => {
  it('asks the six questions of the framework, each with options and an explanation', () => {
    expect(QUESTIONS.map((q) => q.id)).toEqual([
      'reads',
      'cost',
      'staleness',
      'writers',
      'failure',
      'hitRate',
    ]);
    for (const q of QUESTIONS) {
      expect(q.options.length).toBeGreaterThanOrEqual(2);
      expect(q.why.length).toBeGreaterThan(40);
    }
  });

  it('recommends cache-aside, delete on write and a minutes TTL for rarely written, expensive, slightly stale data written by the same service', () => {
    const r = recommend(catalog);
    expect(r.verdict).toBe('cache');
    expect(r.pattern.name).toBe('Cache-aside');
    expect(r.invalidation.name).toBe('Delete on write');
    expect(r.ttl.range).toMatch(/minutes/);
    expect(r.eviction.policy).toBe('allkeys-lru');
    expect(r.warnings).toEqual([]);
    expect(r.scenario.pattern.write).toBe('invalidate');
    expect(r.scenario.cache.ttlMs).toBeGreaterThanOrEqual(60_000);
    expect(r.scenario.cache.ttlMs).toBeLessThanOrEqual(300_000);
    expect(r.scenario.cache.jitterPct).toBeGreaterThan(0);
  });

  it('uses write-through when data may never be stale and this service writes it', () => {
    const r = recommend({ ...catalog, staleness: 'never' });
    expect(r.pattern.name).toMatch(/Write-through/);
    expect(r.scenario.pattern.write).toBe('write-through');
    // Plain DB-then-SET races with concurrent writers; the setup uses the version-checked SET.
    expect(r.scenario.pattern.writeThrough.versioned).toBe(true);
    expect(r.pattern.detail).toMatch(/two writers .* can leave the older value cached/);
    expect(r.ttl.range).toMatch(/seconds/);
    expect(r.stampede.join(' ')).toMatch(/rebuild lock/);
  });

  it('uses event-driven invalidation for another service and a short TTL for many writers', () => {
    const other = recommend({ ...catalog, writers: 'other-service' });
    expect(other.invalidation.name).toBe('Event-driven invalidation');
    expect(other.scenario.pattern.eventInvalidation).not.toBeNull();
    const many = recommend({ ...catalog, writers: 'many-writers' });
    expect(many.invalidation.name).toBe('TTL only');
    expect(many.ttl.range).toMatch(/seconds/);
    expect(many.scenario.pattern.write).toBe('write-around');
  });

  it('says not to cache write-heavy or cheap data, and flags fragile architectures and low hit rates', () => {
    expect(recommend({ ...catalog, reads: 'write-heavy' }).verdict).toBe('dont-cache');
    expect(recommend({ ...catalog, cost: 'cheap' }).verdict).toBe('dont-cache');
    const dies = recommend({ ...catalog, failure: 'app-dies' });
    expect(dies.verdict).toBe('fix-architecture');
    expect(dies.warnings.join(' ')).toMatch(/fix the architecture/i);
    expect(recommend({ ...catalog, hitRate: 'under-50' }).verdict).toBe('rethink');
    expect(recommend({ ...catalog, hitRate: 'over-95' }).eviction.policy).toBe('allkeys-lfu');
  });

  it('adds a warning for each ticked red flag', () => {
    const r = recommend(catalog, ['sensitive', 'large']);
    expect(r.warnings).toHaveLength(2);
    expect(r.warnings.join(' ')).toMatch(/encryption/);
  });

  it('opens a playground link that decodes back to the same scenario', () => {
    const r = recommend(catalog);
    const href = playgroundHref(r.scenario);
    expect(href.startsWith('#/playground?')).toBe(true);
    const decoded = decodeScenarioParams(href.slice(href.indexOf('?') + 1));
    expect(decoded.notices).toEqual([]);
    expect(decoded.scenario).toEqual(r.scenario);
  });

  it('knows when every question is answered', () => {
    expect(isComplete({ reads: 'read-heavy' })).toBe(false);
    expect(isComplete(catalog)).toBe(true);
  });
});
