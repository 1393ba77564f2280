import { act, cleanup, render, screen } from '@testing-library/react';
import { useRef } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChartUpdateQueue, type ChartUpdateQueue } from './chart-update-queue';
import { fakeClock } from './fake-clock';
import { useInView } from './use-in-view';
import { usePacedValue } from './use-paced-value';

/** An IntersectionObserver the test moves elements in and out of view with. */
class FakeIntersectionObserver {
  static all: FakeIntersectionObserver[] = [];
  readonly targets: Element[] = [];
  constructor(private readonly callback: IntersectionObserverCallback) {
    FakeIntersectionObserver.all.push(this);
  }
  observe(el: Element) {
    this.targets.push(el);
  }
  unobserve() {}
  disconnect() {
    this.targets.length = 0;
  }
  takeRecords() {
    return [];
  }
  /** Report every observed element as (not) intersecting. */
  static show(isIntersecting: boolean) {
    for (const o of FakeIntersectionObserver.all)
      o.callback(
        o.targets.map((target) => ({ target, isIntersecting }) as IntersectionObserverEntry),
        o as unknown as IntersectionObserver,
      );
  }
}

/** A queue on a manual clock; `advance` runs its timers inside act(). */
function fakeQueue() {
  const clock = fakeClock();
  const queue = createChartUpdateQueue({ ...clock, minIntervalMs: 400, turnGapMs: 50 });
  const advance = (ms: number) => {
    act(() => {
      clock.advance(ms);
    });
  };
  return { queue, advance };
}

const isEmpty = (v: readonly number[]) => v.length === 0;
let renders = 0;

/** What a live chart does: draws the paced value, counting its renders. */
function Chart(props: { readonly data: readonly number[]; readonly queue: ChartUpdateQueue }) {
  const ref = useRef<HTMLDivElement>(null);
  const visible = useInView(ref);
  const shown = usePacedValue(props.data, { visible, isEmpty, queue: props.queue });
  renders++;
  return (
    <div ref={ref} data-testid="chart" data-points={shown.length}>
      {shown.join(',')}
    </div>
  );
}

describe('live chart pacing and visibility', () => {
  beforeEach(() => {
    FakeIntersectionObserver.all = [];
    vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
    renders = 0;
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('draws the first data at once and later data at a bounded rate, latest value wins', () => {
    const { queue, advance } = fakeQueue();
    const view = render(<Chart data={[]} queue={queue} />);
    act(() => {
      FakeIntersectionObserver.show(true);
    });
    view.rerender(<Chart data={[1]} queue={queue} />);
    advance(0);
    expect(screen.getByTestId('chart').textContent).toBe('1');
    // Five reports within the interval: the chart shows none of them yet, then only the last.
    for (let n = 2; n <= 6; n++) {
      view.rerender(<Chart data={Array.from({ length: n }, (_, i) => i + 1)} queue={queue} />);
      advance(20);
      expect(screen.getByTestId('chart').textContent).toBe('1');
    }
    advance(400);
    expect(screen.getByTestId('chart').textContent).toBe('1,2,3,4,5,6');
  });

  it('does not re-render off screen, and shows the latest data as soon as it is back', () => {
    const { queue, advance } = fakeQueue();
    const view = render(<Chart data={[1]} queue={queue} />);
    act(() => {
      FakeIntersectionObserver.show(true);
    });
    advance(1000);
    act(() => {
      FakeIntersectionObserver.show(false);
    });
    const before = renders;
    // Scrolled away while the run goes on: new data arrives, the chart keeps its old drawing.
    const data = [1, 2, 3, 4];
    view.rerender(<Chart data={data} queue={queue} />);
    advance(5000);
    expect(screen.getByTestId('chart').getAttribute('data-points')).toBe('1');
    // Only the parent's re-render with the new props; no drawing of its own while hidden.
    expect(renders - before).toBe(1);
    act(() => {
      FakeIntersectionObserver.show(true);
    });
    // Back in view: urgent, so it takes the next turn, not a full interval later.
    advance(50);
    expect(screen.getByTestId('chart').getAttribute('data-points')).toBe('4');
  });

  it('draws immediately where IntersectionObserver is missing', () => {
    // jsdom has none; make sure of it for this test.
    vi.stubGlobal('IntersectionObserver', undefined);
    const { queue, advance } = fakeQueue();
    const view = render(<Chart data={[]} queue={queue} />);
    view.rerender(<Chart data={[7]} queue={queue} />);
    advance(0);
    expect(screen.getByTestId('chart').textContent).toBe('7');
  });
});
