import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, hasHorizontalScroll, watchConsole } from './helpers';

const cell = (page: Page, row: string, lane: string) =>
  page.getByTestId(`cell-${row}-${lane}`).locator('.cell-value');

async function runAll(page: Page) {
  await page.getByRole('button', { name: /^(Run all lanes|Run again)$/ }).click();
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 60_000 });
}

/** A compare link: the shared scenario in codec form, then each lane's overrides as JSON. */
function compareLink(base: string, lanes: readonly object[]): string {
  const params = new URLSearchParams();
  params.set('base', base);
  for (const l of lanes) params.append('lane', JSON.stringify(l));
  return `#/compare?${params.toString()}`;
}

test('LRU vs LFU: every lane on three seeds, mean and range, LFU best beyond noise', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await page.goto('#/compare');
  await page.getByRole('button', { name: 'LRU vs LFU vs Redis sampled LRU' }).click();
  await expect(
    page.getByTestId('lane-B').getByLabel('Eviction policy', { exact: true }),
  ).toHaveValue('allkeys-lfu');
  await expect(page).toHaveURL(/base=.*lane=.*lane=/);

  await runAll(page);
  await expect(page.getByTestId('run-status')).toContainText('3 lanes × 3 seeds (42, 43, 44)');
  await expect(page.getByTestId('cell-hit-ratio-B')).toContainText('best');
  await expect(page.getByTestId('cell-hit-ratio-A')).not.toContainText('best');
  await expect(page.getByTestId('cell-hit-ratio-A').locator('.cell-range')).toHaveText(/%.*–.*%/);
  // Nothing failed or was refused in any lane: the rows say so rather than naming a winner.
  await expect(page.getByTestId('verdict-errors')).toHaveText('no difference');
  await expect(page.getByTestId('chart-hit')).toBeVisible();
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: 'light' });

  const hitA = await cell(page, 'hit-ratio', 'A').textContent();
  const hitB = await cell(page, 'hit-ratio', 'B').textContent();
  await page.reload();
  await runAll(page);
  await expect(cell(page, 'hit-ratio', 'A')).toHaveText(hitA ?? '');
  await expect(cell(page, 'hit-ratio', 'B')).toHaveText(hitB ?? '');
  expect(errors).toEqual([]);
});

test('a lane with its own DB pool: saturated where the shared pool of 5 is, not with 40', async ({
  page,
}) => {
  await page.goto(compareLink('dur=20000&warmup=5000&pool=5', [{}, {}]));
  const laneB = page.getByTestId('lane-B');
  await laneB
    .getByLabel('Override a field in lane B', { exact: true })
    .selectOption({ label: 'DB pool size' });
  const pool = laneB.getByLabel('DB pool size', { exact: true });
  await expect(pool).toHaveValue('5');
  await pool.fill('40');
  await pool.blur();
  await expect(page).toHaveURL(/maxConcurrent%22%3A40/);
  await expect(laneB.locator('.lane-summary')).toHaveText('DB pool size: 40 connections');
  await expect(laneB.getByRole('link', { name: 'Open lane B in the Playground' })).toHaveAttribute(
    'href',
    /pool=40/,
  );

  await runAll(page);
  await expect(cell(page, 'db-saturated', 'A')).not.toHaveText('0 ms');
  await expect(cell(page, 'db-saturated', 'B')).toHaveText('0 ms');
  await expect(page.getByTestId('cell-db-saturated-B')).toContainText('best');
  await expect(page.getByTestId('cell-db-queue-peak-A')).toContainText('worst');
  // Lane A reads the DB less only because its queue never drained: no winner on that row.
  await expect(page.getByTestId('verdict-db-reads-rate')).toHaveText(
    'not comparable: a database fell behind',
  );
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await hasHorizontalScroll(page)).toBe(false);
  await expectAccessible(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  expect(await cell(page, 'hit-ratio', 'A').textContent()).not.toBe(
    await cell(page, 'hit-ratio', 'B').textContent(),
  );

  // A bad override is refused with a message naming the lane and the field.
  await laneB.getByText('Lane B overrides as JSON').click();
  await laneB
    .getByLabel('Lane B overrides (JSON)', { exact: true })
    .fill('{"db":{"maxConcurrent":0}}');
  await laneB.getByRole('button', { name: 'Apply lane B JSON' }).click();
  await expect(laneB.getByRole('alert')).toContainText('Lane B: db.maxConcurrent must be');
  await expect(page).toHaveURL(/maxConcurrent%22%3A40/);
});

test("DB pool 5 vs 50: the small pool's p99 counts its queued requests, a lower bound, and is worst", async ({
  page,
}) => {
  await page.goto('#/compare');
  await page.getByRole('button', { name: 'DB pool: 5 vs 50 connections' }).click();
  await runAll(page);
  // Most of lane A's requests are still queued at the end: "≥" on the mean and on each end of
  // its range; lane B keeps up, its figure is exact and best.
  await expect(cell(page, 'p99', 'A')).toHaveText(/^≥ \d+(\.\d+)? s$/);
  await expect(page.getByTestId('cell-p99-A').locator('.cell-range')).toHaveText(
    /^(≥ [\d.]+ s – ≥ [\d.]+ s|same on every seed)$/,
  );
  await expect(page.getByTestId('cell-p99-A')).toContainText('worst');
  await expect(cell(page, 'p99', 'B')).toHaveText(/^\d+(\.\d+)? ms$/);
  await expect(page.getByTestId('cell-p99-B')).toContainText('best');
  await expect(cell(page, 'p99-worst-window', 'A')).toHaveText(/^≥ /);
  await expect(page.getByTestId('totals-table')).toBeVisible();
});

test('jitter shows as peak DB reads/s; the p99 difference is within noise', async ({ page }) => {
  await page.goto('#/compare');
  await page.getByRole('button', { name: 'TTL jitter off vs on' }).click();
  await runAll(page);
  await expect(page.getByTestId('cell-db-reads-peak-A')).toContainText('worst');
  await expect(page.getByTestId('cell-db-reads-peak-B')).toContainText('best');
  const peak = async (lane: string) =>
    Number((await cell(page, 'db-reads-peak', lane).textContent())?.replace(/[^\d.]/g, ''));
  expect(await peak('A')).toBeGreaterThan(900);
  expect(await peak('B')).toBeLessThan(400);
  await expect(page.getByTestId('verdict-p99')).toHaveText('within noise');
  await expect(page.getByTestId('row-p99').getByText(/best|worst/)).toHaveCount(0);

  await page.getByRole('button', { name: 'Replay over time' }).click();
  await expect(page.getByTestId('replay-clock')).toBeVisible();
  await page.getByRole('button', { name: 'Pause replay' }).click();
  await page.getByRole('button', { name: 'Show everything' }).click();
  await expect(page.getByTestId('replay-clock')).toHaveCount(0);
});

test('Compare follows the URL: back, forward and a new hash change the lanes', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('#/compare');
  await page.getByRole('button', { name: 'LRU vs LFU vs Redis sampled LRU' }).click();
  await expect(page.getByTestId('lane-C')).toHaveCount(1);
  await page.getByRole('button', { name: 'TTL jitter off vs on' }).click();
  await expect(page.getByTestId('lane-C')).toHaveCount(0);
  await expect(page.getByTestId('lane-A').getByLabel('TTL jitter', { exact: true })).toHaveValue(
    '0',
  );

  await page.goBack();
  await expect(page.getByTestId('lane-C')).toHaveCount(1);
  await expect(
    page.getByTestId('lane-B').getByLabel('Eviction policy', { exact: true }),
  ).toHaveValue('allkeys-lfu');
  await page.goForward();
  await expect(page.getByTestId('lane-C')).toHaveCount(0);
  await expect(page.getByTestId('lane-B').getByLabel('TTL jitter', { exact: true })).toHaveValue(
    '10',
  );

  await page.evaluate(
    (hash) => {
      window.location.hash = hash;
    },
    compareLink('pool=7', [{}, { db: { maxConcurrent: 70 } }]),
  );
  await expect(page.getByTestId('lane-B').getByLabel('DB pool size', { exact: true })).toHaveValue(
    '70',
  );
  await page.getByRole('button', { name: 'Copy link to this comparison' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied.' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(decodeURIComponent(copied)).toContain('"maxConcurrent":70');
  expect(copied).toContain('pool%3D7');
});

test('lanes can be added and removed; a lane can turn on a stampede tool', async ({ page }) => {
  await page.goto('#/compare');
  await page.getByRole('button', { name: 'TTL jitter off vs on' }).click();
  await page.getByRole('button', { name: 'Add lane C' }).click();
  const laneC = page.getByTestId('lane-C');
  await laneC
    .getByLabel('Override a field in lane C', { exact: true })
    .selectOption({ label: 'Rebuild lock' });
  await laneC.getByLabel('Rebuild lock', { exact: true }).check();
  await expect(laneC.locator('.lane-summary')).toContainText('Rebuild lock: on');
  await expect(page).toHaveURL(/lock/);
  await laneC.getByRole('button', { name: 'Use shared value for Rebuild lock (lane C)' }).click();
  await expect(laneC.locator('.lane-summary')).not.toContainText('Rebuild lock');
  await page.getByRole('button', { name: 'Remove lane C' }).click();
  await expect(page.getByTestId('lane-C')).toHaveCount(0);
});
