/**
 * The order in which a multiple-choice drill shows its options. Each attempt gets its own seeded
 * shuffle: stable for that attempt (re-renders and reloads show the same order until the drill is
 * answered) and different from the attempt before, so the position of the right answer teaches
 * nothing. Answers are stored as the option's index in the drill's own list, never as the
 * position it was shown at.
 */
import { createRng, type Rng } from '../../../sim/rng';

/** FNV-1a hash of a drill id: the seed of its shuffles. */
function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function shuffled(n: number, rng: Rng): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const a = out[i] ?? i;
    out[i] = out[j] ?? j;
    out[j] = a;
  }
  return out;
}

function sameOrder(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Display order for attempt `attempt` (0 = first) of drill `drillId` with `n` options: entry `p`
 * is the index, in the drill's list, of the option shown at position `p`. Attempt k's shuffle is
 * drawn from a generator seeded by the id and k, redrawn while it equals attempt k-1's order.
 */
export function optionOrder(drillId: string, attempt: number, n: number): number[] {
  const seed = hashId(drillId);
  let order = shuffled(n, createRng(seed, 0));
  if (n < 2) return order;
  for (let a = 1; a <= attempt; a++) {
    const rng = createRng(seed, a);
    let next = shuffled(n, rng);
    while (sameOrder(next, order)) next = shuffled(n, rng);
    order = next;
  }
  return order;
}
