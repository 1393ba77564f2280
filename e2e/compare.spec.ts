import { expect, test } from '@playwright/test';
import { expectAccessible, watchConsole } from './helpers';

test('a compare run shows different hit ratios for LRU and LFU on the same seed', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await page.goto('#/compare');
  await page.getByRole('button', { name: 'LRU vs LFU vs Redis sampled LRU' }).click();
  const laneA = page.getByTestId('lane-A');
  const laneB = page.getByTestId('lane-B');
  await expect(laneA.getByLabel('Eviction policy')).toHaveValue('allkeys-lru');
  await expect(laneB.getByLabel('Eviction policy')).toHaveValue('allkeys-lfu');
  await expect(page).toHaveURL(/lane=.*lane=/);

  await page.getByRole('button', { name: 'Run all lanes' }).click();
  await expect(page.getByTestId('shared-clock')).toContainText('finished', { timeout: 30_000 });
  const hitA = await page.getByTestId('cell-hit-ratio-A').locator('.cell-value').textContent();
  const hitB = await page.getByTestId('cell-hit-ratio-B').locator('.cell-value').textContent();
  expect(hitA).toMatch(/%$/);
  expect(hitB).toMatch(/%$/);
  expect(hitA).not.toBe(hitB);
  await expect(page.getByTestId('row-hit-ratio')).toHaveClass(/row-differs/);
  await expect(page.getByTestId('row-hit-ratio').getByText('best')).toHaveCount(1);
  await expect(page.getByTestId('chart-hit')).toBeVisible();
  await expectAccessible(page);

  // The URL carries the lanes: reloading gives the same lanes and the same numbers.
  await page.reload();
  await expect(page.getByTestId('lane-B').getByLabel('Eviction policy')).toHaveValue('allkeys-lfu');
  await page.getByRole('button', { name: 'Run all lanes' }).click();
  await page.getByRole('button', { name: 'Skip to the end' }).click();
  await expect(page.getByTestId('shared-clock')).toContainText('finished', { timeout: 30_000 });
  await expect(page.getByTestId('cell-hit-ratio-A').locator('.cell-value')).toHaveText(hitA ?? '');
  await expect(page.getByTestId('cell-hit-ratio-B').locator('.cell-value')).toHaveText(hitB ?? '');
  expect(errors).toEqual([]);
});

test('lanes can be added, edited and removed; edits reach the URL', async ({ page }) => {
  await page.goto('#/compare');
  await page.getByRole('button', { name: 'TTL jitter off vs on' }).click();
  await expect(page.getByTestId('lane-C')).toHaveCount(0);
  await page.getByRole('button', { name: 'Add lane C' }).click();
  await page.getByTestId('lane-C').getByLabel('Stampede protection').selectOption('lock');
  await expect(page.getByTestId('lane-C')).toContainText('rebuild lock');
  await expect(page).toHaveURL(/lock%3D10000/);
  await page.getByRole('button', { name: 'Remove lane C' }).click();
  await expect(page.getByTestId('lane-C')).toHaveCount(0);
});

test('a write-through lane can switch on the version-checked SET', async ({ page }) => {
  const lane = encodeURIComponent('preset=write-through-race');
  await page.goto(`#/compare?lane=${lane}&lane=${lane}`);
  const laneB = page.getByTestId('lane-B');
  const box = laneB.getByRole('checkbox', { name: 'Version-checked SET (write-through)' });
  await expect(box).not.toBeChecked();
  await box.check();
  await expect(page).toHaveURL(/versioned%3D1/);
  await expect(laneB.locator('.lane-summary')).toHaveText('write-through, version-checked SET');
  await expect(
    page.getByTestId('lane-A').getByRole('checkbox', { name: /Version-checked SET/ }),
  ).not.toBeChecked();
  await laneB.getByLabel('Write pattern').selectOption('invalidate');
  await expect(box).toHaveCount(0);
});

test("the totals table shows which lane's DB could not keep up", async ({ page }) => {
  // Lane A gives the DB five connections, lane B fifty; same 20 s of traffic.
  await page.goto('#/compare?lane=pool%3D5%26dur%3D20000%26warmup%3D5000&lane=pool%3D50');
  await page.getByRole('button', { name: 'Run all lanes' }).click();
  await page.getByRole('button', { name: 'Skip to the end' }).click();
  await expect(page.getByTestId('shared-clock')).toContainText('finished', { timeout: 30_000 });
  const cell = (id: string, lane: string) =>
    page.getByTestId(`cell-${id}-${lane}`).locator('.cell-value');
  await expect(cell('db-saturated', 'A')).toHaveText('15 s');
  await expect(cell('db-saturated', 'B')).toHaveText('0 ms');
  await expect(page.getByTestId('cell-db-saturated-B')).toContainText('best');
  await expect(page.getByTestId('row-db-queue-peak')).toHaveClass(/row-differs/);
  await expect(cell('oom-errors', 'A')).toHaveText('0');
});
