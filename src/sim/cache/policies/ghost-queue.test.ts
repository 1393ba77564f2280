import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { GhostQueue } from './ghost-queue';

type Op =
  | { readonly op: 'push'; readonly key: number }
  | { readonly op: 'pop' }
  | { readonly op: 'remove'; readonly key: number }
  | { readonly op: 'clone' }
  | { readonly op: 'clear' };

// Few distinct keys, so the table stays small (probe runs wrap around its end), pushes meet present
// keys and removals hit; some large ids (the unique workload). Clears are rare, so nodes are
// recycled through the free list many times between them.
const KEY = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 24 }), weight: 3 },
  { arbitrary: fc.integer({ min: 0, max: 8 }).map((k) => 9_000_000 + k * 4096), weight: 1 },
);
const OP: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('push' as const), key: KEY }), weight: 16 },
  { arbitrary: fc.constant({ op: 'pop' as const }), weight: 6 },
  { arbitrary: fc.record({ op: fc.constant('remove' as const), key: KEY }), weight: 8 },
  { arbitrary: fc.constant({ op: 'clone' as const }), weight: 1 },
  { arbitrary: fc.constant({ op: 'clear' as const }), weight: 1 },
);

describe('GhostQueue', () => {
  fcTest.prop([fc.array(OP, { maxLength: 600 }), fc.integer({ min: 0, max: 40 })], {
    numRuns: 300,
  })(
    'behaves like an array of keys (newest first) through growth and deletions',
    (ops, initial) => {
      let q = new GhostQueue(initial);
      let model: number[] = [];
      for (const o of ops) {
        switch (o.op) {
          case 'push':
            if (!model.includes(o.key)) {
              q.pushFront(o.key);
              model.unshift(o.key);
            }
            break;
          case 'pop':
            expect(q.popBack()).toBe(model.pop() ?? -1);
            break;
          case 'remove': {
            const i = model.indexOf(o.key);
            expect(q.remove(o.key)).toBe(i >= 0);
            if (i >= 0) model.splice(i, 1);
            break;
          }
          case 'clone': {
            // Continue on the copy; the original must be unaffected by what follows.
            const before = q.toArray();
            const original = q;
            q = q.clone();
            q.pushFront(-7);
            q.remove(-7);
            expect(original.toArray()).toEqual(before);
            break;
          }
          case 'clear':
            q.clear();
            model = [];
            break;
        }
        expect(q.size).toBe(model.length);
        for (const k of [o.op === 'push' || o.op === 'remove' ? o.key : 0, 1, 9_000_000])
          expect(q.has(k)).toBe(model.includes(k));
      }
      expect(q.toArray()).toEqual(model);
      for (const k of model) expect(q.has(k)).toBe(true);
    },
  );

  it('recycles nodes: a bounded FIFO of 5 keys over 100,000 pushes keeps its first capacity', () => {
    const q = new GhostQueue(5);
    for (let k = 0; k < 100_000; k++) {
      q.pushFront(k);
      if (q.size > 5) expect(q.popBack()).toBe(k - 5);
    }
    expect(q.toArray()).toEqual([99_999, 99_998, 99_997, 99_996, 99_995]);
    expect(q.has(99_994)).toBe(false);
  });
});
