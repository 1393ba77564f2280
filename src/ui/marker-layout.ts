/**
 * Event markers on a time chart (knob changes, faults) are drawn as numbered badges at the top of
 * their vertical lines, explained by a numbered list under the chart. Badges must never overlap,
 * however close the events: markers closer than a badge's width share one badge ("3–5").
 */

export interface MarkerBadge {
  /** 1-based numbers of the first and last marker the badge stands for. */
  readonly from: number;
  readonly to: number;
  /** Badge text: "3" or "3–5". */
  readonly text: string;
  /** Left edge of the badge in px from the plot's left edge (the first marker's position). */
  readonly x: number;
  /** Badge width in px, from the text length. */
  readonly width: number;
}

/** Approximate px per character of the badge font (11 px tabular digits) plus padding. */
const CHAR_PX = 7;
const PAD_PX = 6;
/** Smallest empty space between two badges. */
const GAP_PX = 3;

function badgeText(from: number, to: number): string {
  return from === to ? String(from) : `${from}–${to}`;
}

function badgeWidth(text: string): number {
  return text.length * CHAR_PX + PAD_PX;
}

/**
 * Badges for markers at `positionsPx` (px from the plot's left edge, ascending), numbered from
 * `firstNumber`. Each badge starts at its first marker; a marker whose position falls before the
 * end of the previous badge (plus a gap) joins that badge instead of drawing over it.
 */
export function layoutMarkerBadges(positionsPx: readonly number[], firstNumber = 1): MarkerBadge[] {
  const badges: MarkerBadge[] = [];
  positionsPx.forEach((x, i) => {
    const n = firstNumber + i;
    const prev = badges.at(-1);
    if (prev !== undefined) {
      const grown = badgeText(prev.from, n);
      // A badge only grows rightwards and each marker is tested against the grown end, so one
      // left-to-right pass keeps every badge clear of the next.
      if (x < prev.x + prev.width + GAP_PX) {
        badges[badges.length - 1] = { ...prev, to: n, text: grown, width: badgeWidth(grown) };
        return;
      }
    }
    const text = badgeText(n, n);
    badges.push({ from: n, to: n, text, x, width: badgeWidth(text) });
  });
  return badges;
}

/** True when no two badges overlap (with the gap); the invariant the layout keeps. */
export function badgesApart(badges: readonly MarkerBadge[]): boolean {
  for (let i = 1; i < badges.length; i++) {
    const a = badges[i - 1];
    const b = badges[i];
    if (a === undefined || b === undefined) continue;
    if (b.x < a.x + a.width + GAP_PX) return false;
  }
  return true;
}
