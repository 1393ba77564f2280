/**
 * What a SHARDS sample was (fixed-rate or fixed-size, the effective rate, how much was simulated)
 * and its measured error: the sampled LRU estimate against the exact LRU curve of the full trace.
 */
import type { TraceSampleInfo } from '../../sim/trace/trace-report';
import { formatCount, formatNumber } from '../../ui/format';

/** Hit-ratio points, e.g. 0.0123 -> "1.23 points". */
function points(x: number): string {
  return `${formatNumber(x * 100)} points`;
}

export function sampleNote(s: TraceSampleInfo): string {
  const what =
    s.method === 'fixed-size'
      ? `SHARDS fixed-size sample (at most ${formatCount(s.maxKeys ?? 0)} keys): effective rate ${formatNumber(s.rate, 6)}`
      : `SHARDS fixed-rate sample at rate ${formatNumber(s.rate, 6)}`;
  const error =
    s.lruError === null
      ? `No size tried is at least ${formatCount(s.minReliableSize)} keys, so the error against the exact curve was not measured.`
      : `Measured against the exact LRU curve at the ${formatCount(s.lruError.sizes)} sizes from ${formatCount(s.minReliableSize)} keys up, the LRU estimate is off by ${points(s.lruError.meanAbs)} of hit ratio on average, ${points(s.lruError.maxAbs)} at most.`;
  return (
    `${what}: ${formatCount(s.requests)} requests and ${formatCount(s.uniqueKeys)} keys simulated. ` +
    `Estimates below ${formatCount(s.minReliableSize)} keys are rough. ${error}`
  );
}

export function SampleNote(props: { readonly sample: TraceSampleInfo }) {
  return (
    <p className="field-hint" data-testid="sample-note">
      {sampleNote(props.sample)}
    </p>
  );
}
