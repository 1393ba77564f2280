/**
 * The hit-rate rules of thumb (CONTENT.md section 10): below 50% rethink the keys or do not
 * cache; above 80% the cache is worth it; above 95% it is excellent. In between 50% and 80% it is
 * doing less than you think.
 */
export type VerdictLevel = 'poor' | 'fair' | 'good' | 'excellent';

export interface Verdict {
  readonly level: VerdictLevel;
  readonly title: string;
  readonly advice: string;
}

export function hitRatioVerdict(hitRatio: number): Verdict {
  if (hitRatio < 0.5)
    return {
      level: 'poor',
      title: 'Below 50%',
      advice: 'Rethink the keys, or do not cache this data.',
    };
  if (hitRatio <= 0.8)
    return {
      level: 'fair',
      title: '50–80%',
      advice: 'The cache is doing less than you think.',
    };
  if (hitRatio <= 0.95) return { level: 'good', title: 'Above 80%', advice: 'Worth it.' };
  return { level: 'excellent', title: 'Above 95%', advice: 'Excellent.' };
}
