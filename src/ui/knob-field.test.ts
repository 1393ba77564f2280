import { describe, expect, it } from 'vitest';
import { checkKnob, formatKnob } from './knob-field';

const ttl = { label: 'TTL', min: 0.001, max: 10_000_000, unit: 's', emptyMeans: 'never expire' };
const keys = { label: 'Keys', min: 1, max: 10_000_000, integer: true };

describe('knob validation', () => {
  it('names the field and the range in UI units', () => {
    expect(checkKnob(ttl, '-5')).toEqual({ error: 'TTL must be from 0.001 to 10,000,000 s.' });
    expect(checkKnob(ttl, '1e999')).toEqual({
      error: 'TTL must be a number from 0.001 to 10,000,000 s.',
    });
    expect(checkKnob(keys, '2.5')).toEqual({ error: 'Keys must be a whole number.' });
    expect(checkKnob(keys, '')).toHaveProperty('error');
  });
  it('accepts values, and empty as null where the field allows it', () => {
    expect(checkKnob(ttl, ' 30 ')).toEqual({ value: 30 });
    expect(checkKnob(ttl, '')).toEqual({ value: null });
  });
  it('formats without float noise', () => {
    expect(formatKnob(0.1 + 0.2)).toBe('0.3');
    expect(formatKnob(null)).toBe('');
  });
});
