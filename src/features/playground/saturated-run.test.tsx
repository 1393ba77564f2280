import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineView, MetricWindow, Totals } from '../../sim/engine/engine-types';
import { DEFAULT_SCENARIO } from '../../sim/scenario/scenario-schema';
import { useAppStore } from '../../store/app-store';
import { toMetricPoints } from '../../ui/metric-points';
import { ANNOUNCE_BEHIND, ANNOUNCE_CAUGHT_UP, DbSaturationBanner } from './db-saturation-banner';
import { HeadlineStrip } from './headline-strip';
import { metricWindow, runTotals, saturatedTotals } from '../../ui/metric-fixtures';

const POOL = DEFAULT_SCENARIO.db.maxConcurrent;

const VIEW: EngineView = {
  tMs: 0,
  cacheState: 'up',
  cacheKeys: 1000,
  cacheBytes: 0,
  capacityKeys: 1000,
  capacityBytes: null,
  dbInFlight: POOL,
  dbQueue: 0,
  dbMaxConcurrent: POOL,
  appInstances: [{ id: 0, paused: false, inFlight: 0 }],
  writeBehindBuffer: 0,
};

const calm = (tMs: number) => metricWindow(tMs);
const growing = (tMs: number, queue: number, growth: number) =>
  metricWindow(tMs, {
    dbSaturated: true,
    dbQueue: queue,
    dbQueuePeak: queue,
    dbQueueGrowthPerSec: growth,
    hits: 25,
    misses: 75,
    latencyMs: { p50: 4_000, p95: 9_000, p99: 12_000, max: 13_000, mean: 5_000 },
  });

/** Show the playground a run as the worker would have reported it by now. */
function report(windows: readonly MetricWindow[], totals: Totals, queueNow: number): void {
  const last = windows.at(-1) ?? null;
  act(() => {
    useAppStore.setState((s) => ({
      playground: {
        ...s.playground,
        scenario: DEFAULT_SCENARIO,
        tMs: windows.length * 1000,
        points: toMetricPoints(windows, 1000),
        lastWindow: last,
        totals,
        view: { ...VIEW, tMs: windows.length * 1000, dbQueue: queueNow },
      },
    }));
  });
}

function verdictText(): string {
  return screen.getByTestId('verdict').textContent;
}

describe('the playground on a saturated run', () => {
  beforeEach(() => {
    report([], runTotals(), 0);
    render(
      <>
        <DbSaturationBanner />
        <HeadlineStrip />
      </>,
    );
  });
  afterEach(() => {
    cleanup();
    report([], runTotals(), 0);
  });

  it('shows no banner while the DB keeps up, and the rules-of-thumb verdict', () => {
    report([calm(0), calm(1000), calm(2000), calm(3000), calm(4000), calm(5000)], runTotals(), 0);
    expect(screen.queryByTestId('db-banner')).toBeNull();
    expect(screen.getByTestId('db-announce').textContent).toBe('');
    expect(verdictText()).toContain('Above 80%. Worth it.');
    expect(screen.getByTestId('hl-oom').textContent).toBe('0');
  });

  it('shows the banner with the growth and the queue, says the DB cannot keep up, and announces it once', () => {
    const windows = [calm(0), calm(1000), growing(2000, 900, 900)];
    report(windows, saturatedTotals(), 1_020);
    expect(screen.getByTestId('db-banner').textContent).toContain(
      'DB saturated: queue growing 900/s (1,020 waiting for 50 connections)',
    );
    const live = screen.getByTestId('db-announce');
    expect(live.getAttribute('role')).toBe('status');
    expect(live.textContent).toBe(ANNOUNCE_BEHIND);
    expect(verdictText()).toMatch(/^The database cannot keep up\./);
    expect(verdictText()).not.toMatch(/worth it/i);
    expect(verdictText()).toContain('The 25.0% hit ratio counts the lookups the cache answered');
    expect(screen.getByTestId('hl-p99').textContent).toBe('12 s');

    // Five more frames, the numbers moving every time: the live region is not touched once.
    const mutations: MutationRecord[] = [];
    const observer = new MutationObserver((records) => mutations.push(...records));
    observer.observe(live, { childList: true, characterData: true, subtree: true });
    for (let i = 0; i < 5; i++) {
      windows.push(growing(3000 + i * 1000, 1_900 + i * 1000, 1000 + i));
      report(windows, saturatedTotals(), 2_000 + i * 1000);
    }
    expect(screen.getByTestId('db-banner').textContent).toContain('queue growing 1,004/s');
    expect(screen.getByTestId('db-banner').textContent).toContain('6,000 waiting');
    observer.disconnect();
    expect(mutations).toEqual([]);
    expect(live.textContent).toBe(ANNOUNCE_BEHIND);
  });

  it('turns to "still behind" while the queue drains, then goes and says the DB caught up', () => {
    const windows = [calm(0), growing(1000, 900, 900), growing(2000, 1_400, 500)];
    report(windows, saturatedTotals(), 1_400);
    windows.push(metricWindow(3000, { dbQueue: 600, dbQueueGrowthPerSec: -800 }));
    report(windows, saturatedTotals(), 580);
    expect(screen.getByTestId('db-banner').textContent).toContain(
      'DB still behind: queue shrinking 800/s (580 waiting for 50 connections)',
    );
    expect(screen.getByTestId('db-announce').textContent).toBe(ANNOUNCE_BEHIND);
    // Recovered, the run keeps the record: the verdict says how long the DB fell behind.
    expect(verdictText()).toMatch(/^The database fell behind for 50 s\./);

    windows.push(metricWindow(4000, { dbQueue: 0, dbQueueGrowthPerSec: -600 }));
    report(windows, saturatedTotals(), 0);
    expect(screen.queryByTestId('db-banner')).toBeNull();
    expect(screen.getByTestId('db-announce').textContent).toBe(ANNOUNCE_CAUGHT_UP);
  });

  it('a new run clears the banner without claiming the DB caught up', () => {
    report([growing(0, 900, 900)], saturatedTotals(), 900);
    expect(screen.getByTestId('db-banner')).toBeTruthy();
    report([], runTotals(), 0);
    expect(screen.queryByTestId('db-banner')).toBeNull();
    expect(screen.getByTestId('db-announce').textContent).toBe('');
  });

  it('counts refused SETs in the headline', () => {
    report([calm(0)], runTotals({ oomErrors: 41_410 }), 0);
    expect(screen.getByTestId('hl-oom').textContent).toBe('41,410');
  });
});
