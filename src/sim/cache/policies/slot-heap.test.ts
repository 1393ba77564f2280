import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { SlotHeap } from './slot-heap';

const SLOT = fc.integer({ min: 0, max: 40 });
const OP = fc.oneof(
  fc.record({
    op: fc.constant('set' as const),
    slot: SLOT,
    priority: fc.integer({ min: -50, max: 50 }),
  }),
  fc.record({ op: fc.constant('remove' as const), slot: SLOT }),
);

describe('SlotHeap', () => {
  fcTest.prop([fc.array(OP, { maxLength: 400 })], { numRuns: 300 })(
    'its top always has the smallest priority held, through updates and removals anywhere',
    (ops) => {
      const heap = new SlotHeap(4);
      heap.ensureCapacity(41);
      const model = new Map<number, number>();
      for (const o of ops) {
        if (o.op === 'set') {
          heap.set(o.slot, o.priority);
          model.set(o.slot, o.priority);
        } else {
          heap.remove(o.slot);
          model.delete(o.slot);
        }
        expect(heap.size).toBe(model.size);
        const top = heap.top;
        if (model.size === 0) expect(top).toBe(-1);
        else expect(model.get(top)).toBe(Math.min(...model.values()));
      }
      // Draining yields the priorities in order.
      const drained: number[] = [];
      while (heap.size > 0) {
        drained.push(heap.priorityOf(heap.top));
        heap.remove(heap.top);
      }
      expect(drained).toEqual([...model.values()].sort((a, b) => a - b));
    },
  );
});
