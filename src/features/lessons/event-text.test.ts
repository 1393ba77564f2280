import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../sim/engine/engine-types';
import { arrowLabel, describeEvent, eventTone } from './event-text';

const skipped: TraceEvent = {
  seq: 7,
  tMs: 55,
  type: 'cache.set-skipped',
  requestId: 1,
  actor: 'app:0',
  to: 'cache',
  key: 0,
  version: 1,
  detail: 'SET key 0 = version 1 skipped: the cache already holds version 2',
};

describe('event text for a skipped version-checked SET', () => {
  it('labels the arrow with the offered and the kept version', () => {
    expect(arrowLabel(skipped)).toBe('SET k0 v1 → kept v2');
  });

  it('says in words that the newer cached value was kept', () => {
    expect(describeEvent(skipped, (actor) => (actor === 'app:0' ? 'App A' : actor))).toBe(
      'App A offers key 0 (version 1) to the cache with a version check. The cache already holds version 2, which is newer, so it keeps that and drops this SET.',
    );
  });

  it('is not coloured as a write', () => {
    expect(eventTone(skipped)).toBe('neutral');
  });
});
