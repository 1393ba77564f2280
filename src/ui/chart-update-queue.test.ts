import { describe, expect, it } from 'vitest';
import { createChartUpdateQueue } from './chart-update-queue';
import { fakeClock } from './fake-clock';

function setup(minIntervalMs = 400, turnGapMs = 50) {
  const time = fakeClock();
  const queue = createChartUpdateQueue({ ...time, minIntervalMs, turnGapMs });
  const log: { at: number; what: string }[] = [];
  const run = (what: string) => () => {
    log.push({ at: time.now(), what });
  };
  return { time, queue, log, run };
}

describe('chart update queue', () => {
  it('runs a chart at most once per interval, with the newest of its requests', () => {
    const { time, queue, log, run } = setup();
    const chart = {};
    queue.request(chart, run('v1'));
    time.advance(0);
    // Worker reports keep coming; only the latest value is drawn, once the interval is over.
    for (let i = 2; i <= 10; i++) {
      queue.request(chart, run(`v${i}`));
      time.advance(30);
    }
    time.advance(1000);
    expect(log.map((l) => l.what)).toEqual(['v1', 'v10']);
    const times = log.map((l) => l.at);
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(400);
  });

  it('never lets two charts update in the same turn', () => {
    const { time, queue, log, run } = setup();
    const charts = [{}, {}, {}, {}, {}];
    charts.forEach((c, i) => {
      queue.request(c, run(`chart ${i}`));
    });
    time.advance(1000);
    // Every chart ran, first come first served, each at least one turn gap after the previous.
    expect(log.map((l) => l.what)).toEqual(charts.map((_, i) => `chart ${i}`));
    const times = log.map((l) => l.at);
    for (let i = 1; i < times.length; i++)
      expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(50);
  });

  it('lets an urgent request skip the interval and go first', () => {
    const { time, queue, log, run } = setup();
    const a = {};
    const b = {};
    queue.request(a, run('a1'));
    time.advance(100);
    queue.request(b, run('b1'));
    queue.request(a, run('a2'));
    time.advance(100);
    // a is within its interval; b's first request is due, so b runs now.
    expect(log.map((l) => l.what)).toEqual(['a1', 'b1']);
    // Scrolled into view: urgent, so it runs on the next turn, not after a's interval.
    queue.request(a, run('a3'), true);
    time.advance(60);
    expect(log.map((l) => l.what)).toEqual(['a1', 'b1', 'a3']);
    expect(log[2]?.at).toBeLessThan(400);
  });

  it('keeps an urgent request urgent when a newer value replaces it', () => {
    const { time, queue, log, run } = setup();
    const a = {};
    queue.request(a, run('a1'));
    time.advance(10);
    queue.request(a, run('a2'), true);
    queue.request(a, run('a3'));
    time.advance(60);
    expect(log.map((l) => l.what)).toEqual(['a1', 'a3']);
  });

  it('drops a cancelled request (a chart that went off screen or unmounted)', () => {
    const { time, queue, log, run } = setup();
    const a = {};
    const b = {};
    queue.request(a, run('a'));
    queue.request(b, run('b'));
    queue.cancel(b);
    time.advance(2000);
    expect(log.map((l) => l.what)).toEqual(['a']);
  });
});
