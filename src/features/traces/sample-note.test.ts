import { describe, expect, it } from 'vitest';
import { sampleNote } from './sample-note';

describe('sample note', () => {
  it('gives the effective rate and the measured error', () => {
    expect(
      sampleNote({
        method: 'fixed-size',
        rate: 0.0161,
        maxKeys: 8000,
        requests: 16_000,
        uniqueKeys: 8000,
        minReliableSize: 621,
        lruError: { sizes: 9, meanAbs: 0.0042, maxAbs: 0.0123 },
      }),
    ).toBe(
      'SHARDS fixed-size sample (at most 8,000 keys): effective rate 0.0161: 16,000 requests and ' +
        '8,000 keys simulated. Estimates below 621 keys are rough. Measured against the exact LRU ' +
        'curve at the 9 sizes from 621 keys up, the LRU estimate is off by 0.42 points of hit ' +
        'ratio on average, 1.23 points at most.',
    );
    expect(
      sampleNote({
        method: 'fixed-rate',
        rate: 0.5,
        requests: 2,
        uniqueKeys: 1,
        minReliableSize: 20,
        lruError: null,
      }),
    ).toContain(
      'at rate 0.5: 2 requests and 1 keys simulated. Estimates below 20 keys are rough. No size tried is at least 20 keys',
    );
  });
});
