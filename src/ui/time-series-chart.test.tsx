import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { metricWindow } from './metric-fixtures';
import { toMetricPoints } from './metric-points';
import { TimeSeriesChart, type SeriesSpec } from './time-series-chart';

const series: readonly SeriesSpec[] = [{ key: 'hitRatio', name: 'Hit ratio', color: 'blue' }];
const summarize = (points: readonly unknown[]) => `${points.length} windows.`;

function chart(windows: number, markers: readonly { tMs: number }[]) {
  const points = toMetricPoints(
    Array.from({ length: windows }, (_, i) => metricWindow(i * 1000)),
    1000,
  );
  return (
    <TimeSeriesChart
      id="hit-ratio"
      title="Hit ratio"
      points={points}
      series={series}
      markers={markers.map((m) => ({ ...m, kind: 'fault' as const, label: 'cache-down' }))}
      formatY={(v) => v.toFixed(2)}
      windowMs={1000}
      summarize={summarize}
    />
  );
}

describe('a live chart’s accessible name', () => {
  afterEach(cleanup);

  it('tells the latest windows and their markers before the drawing catches up', () => {
    const view = render(chart(2, []));
    // The drawing waits for its turn in the update queue; the name does not.
    view.rerender(chart(20, [{ tMs: 12_000 }, { tMs: 12_000 }]));
    const body = screen.getByTestId('chart-hit-ratio');
    expect(body.getAttribute('data-markers')).toBe('0');
    expect(body.getAttribute('aria-label')).toBe(
      'Hit ratio. 20 windows. 2 event markers, numbered as in the event list.',
    );
  });

  it('counts only markers inside the charted time span', () => {
    render(chart(5, [{ tMs: 2_000 }, { tMs: 60_000 }]));
    expect(screen.getByTestId('chart-hit-ratio').getAttribute('aria-label')).toBe(
      'Hit ratio. 5 windows. 1 event marker, numbered as in the event list.',
    );
  });

  it('draws the same markers once its turn comes', async () => {
    render(chart(20, [{ tMs: 12_000 }]));
    await act(async () => {
      await new Promise((r) => setTimeout(r, 500));
    });
    expect(screen.getByTestId('chart-hit-ratio').getAttribute('data-markers')).toBe('1');
  });
});
