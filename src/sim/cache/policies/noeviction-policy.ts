/**
 * `noeviction`: never evicts; the store answers a write that needs room with Redis's OOM error.
 * Reads keep working. Same in both eviction modes.
 */
import type { EvictionPolicy } from './policy-types';

export function createNoEvictionPolicy(): EvictionPolicy {
  const noop = (): void => {
    // Nothing to track: there is never a victim.
  };
  return {
    id: 'noeviction',
    scope: 'none',
    ensureCapacity: noop,
    onInsert: noop,
    onAccess: noop,
    onExpiryChange: noop,
    onRemove: noop,
    chooseVictim: () => -1,
    reset: noop,
    clone: createNoEvictionPolicy, // no state to copy
  };
}
