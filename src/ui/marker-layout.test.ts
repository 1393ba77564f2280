import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { badgesApart, layoutMarkerBadges } from './marker-layout';

describe('marker badges', () => {
  it('gives far-apart markers one badge each', () => {
    const badges = layoutMarkerBadges([10, 100, 300]);
    expect(badges.map((b) => b.text)).toEqual(['1', '2', '3']);
    expect(badges.map((b) => b.x)).toEqual([10, 100, 300]);
  });

  it('merges markers that would overlap into one numbered range', () => {
    const badges = layoutMarkerBadges([50, 52, 55, 200], 4);
    expect(badges.map((b) => b.text)).toEqual(['4–6', '7']);
    expect(badges[0]).toMatchObject({ from: 4, to: 6, x: 50 });
  });

  it('keeps a merged badge clear of the next one', () => {
    // "1–2" is wider than "1": the third marker at 70 would collide with the grown badge.
    const badges = layoutMarkerBadges([50, 55, 73]);
    expect(badgesApart(badges)).toBe(true);
  });

  test.prop([fc.array(fc.double({ min: 0, max: 800, noNaN: true }), { maxLength: 60 })])(
    'never overlaps and numbers every marker once, in order',
    (raw) => {
      const positions = [...raw].sort((a, b) => a - b);
      const badges = layoutMarkerBadges(positions);
      expect(badgesApart(badges)).toBe(true);
      const covered = badges.flatMap((b) =>
        Array.from({ length: b.to - b.from + 1 }, (_, i) => b.from + i),
      );
      expect(covered).toEqual(positions.map((_, i) => i + 1));
    },
  );
});
