/** The reuse-distance part of the Traces results: a heading, the chart and its summary. */
import { useId } from 'react';
import type { ReuseHistogram } from '../../sim/trace/reuse-histogram';
import { ReuseChart } from './reuse-chart';

export function ReuseSection(props: { readonly histogram: ReuseHistogram }) {
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>Reuse distances</h3>
      <ReuseChart histogram={props.histogram} />
    </section>
  );
}
