import { describe, expect, it } from 'vitest';
import type { MetricWindow } from '../engine/engine-types';
import { CSV_COLUMNS, csvCell, seriesToCsv } from './series-csv';

function window(tMs: number, over: Partial<MetricWindow> = {}): MetricWindow {
  return {
    tMs,
    widthMs: 1000,
    requests: 10,
    reads: 9,
    writes: 1,
    hits: 6,
    misses: 3,
    hitRatio: 6 / 9,
    dbReads: 3,
    dbWrites: 1,
    staleReads: 0,
    maxStalenessMs: 0,
    lostWrites: 0,
    evictions: 0,
    expirations: 0,
    errors: 0,
    lockWaits: 0,
    completed: 0,
    oomErrors: 0,
    latencyMs: { p50: 0.5, p95: 50, p99: 60, max: 70, mean: 17 },
    dbQueue: 0,
    dbQueuePeak: 2,
    cacheKeys: 5,
    cacheBytes: 5120,
    cacheState: 'up',
    dbSaturated: false,
    dbQueueGrowthPerSec: 0,
    ...over,
  };
}

describe('CSV cells are formula-injection safe', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    [' =1+1', "' =1+1"],
    ['   +cmd', "'   +cmd"],
    ['\u00a0@SUM(A1)', "'\u00a0@SUM(A1)"],
    ['\n-2', `"'\n-2"`],
    ['\u200b=1', "'\u200b=1"],
    ['\uff1dcmd', "'\uff1dcmd"],
    ['a =1', 'a =1'],
    ['  plain', '  plain'],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
  ])('%j -> %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('writes numbers as they are, and nothing for missing or non-finite values', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(0.25)).toBe('0.25');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(null)).toBe('');
  });
});

describe('metrics CSV', () => {
  it('has a header and one row per window, with markers in their window', () => {
    const csv = seriesToCsv(
      [window(0), window(1000, { cacheState: 'down' })],
      [{ tMs: 1500, kind: 'fault', label: '=cmd|calc' }],
      1000,
    );
    const lines = csv.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines[1]?.split(',')).toHaveLength(CSV_COLUMNS.length);
    expect(lines[1]?.startsWith('0,1000,10,9,1,6,3,')).toBe(true);
    expect(lines[2]).toContain(',down,fault: =cmd|calc');
    // The marker cell starts with "fault", so no prefix is needed; a label alone would get one.
    expect(csvCell('=cmd|calc')).toBe("'=cmd|calc");
  });

  it('gives each window its own width, so a last window cut short rates right', () => {
    const csv = seriesToCsv([window(0), window(1000, { widthMs: 500, dbReads: 5 })], [], 1000);
    const [header, , last] = csv.trimEnd().split('\n');
    const cols = header?.split(',') ?? [];
    const cells = last?.split(',') ?? [];
    const at = (name: string) => Number(cells[cols.indexOf(name)]);
    expect(at('widthMs')).toBe(500);
    // 5 reads over half a second: 10 per second, as the charts show it.
    expect((at('dbReads') * 1000) / at('widthMs')).toBe(10);
  });
});
