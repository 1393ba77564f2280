import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectAccessible, hasHorizontalScroll, watchConsole } from './helpers';

/** A real lab result measured on this project's machine kind (see README "Check the model on real servers"). */
const LAB_FILE = 'docs/lab/zipf-300.json';

test('the Playground imports a lab result and draws the real run over the model', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await page.goto('#/playground');
  const panel = page.getByRole('region', { name: 'Model vs real servers' });
  await panel.getByLabel('Import lab result').setInputFiles(LAB_FILE);
  const result = panel.getByTestId('lab-result');
  await expect(result).toBeVisible();
  const report = JSON.parse(readFileSync(LAB_FILE, 'utf8')) as {
    model: { series: unknown[]; totals: { requests: number } };
    real: { totals: { requests: number; dbReads: number }; setup: { redisVersion: string } };
  };
  await expect(result).toContainText(`Redis ${report.real.setup.redisVersion}`);
  for (const id of ['hitRatio', 'dbReadsPerSec', 'p99Ms'])
    await expect(panel.getByTestId(`lab-chart-${id}`)).toHaveAttribute(
      'data-points',
      String(report.model.series.length),
    );
  await expect(panel.getByText('Real servers').first()).toBeVisible();
  const dbRow = panel.getByRole('row', { name: /^DB reads/ });
  await expect(dbRow.getByRole('cell').nth(1)).toHaveText(
    report.real.totals.dbReads.toLocaleString('en-US'),
  );
  await expectAccessible(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/lab-import-1280.png' });
  await page.setViewportSize({ width: 375, height: 800 });
  await panel.scrollIntoViewIfNeeded();
  expect(await hasHorizontalScroll(page)).toBe(false);
  await page.screenshot({ path: 'test-results/lab-import-375.png', fullPage: false });
  expect(errors).toEqual([]);
});

test('a file that is not a lab result is refused with the field that is wrong', async ({
  page,
}) => {
  await page.goto('#/playground');
  const panel = page.getByRole('region', { name: 'Model vs real servers' });
  await panel.getByLabel('Import lab result').setInputFiles({
    name: 'scenario.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"cache":{"ttlMs":60000}}'),
  });
  const alert = panel.getByTestId('lab-import-error');
  await expect(alert).toContainText('scenario.json is not a lab result');
  await expect(alert).toContainText('lab must be 1: this is not a file from');
  await expect(panel.getByTestId('lab-result')).toHaveCount(0);
});

test('the bundled stampede examples show the rebuild lock cutting real DB reads', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await page.goto('#/playground');
  const panel = page.getByRole('region', { name: 'Model vs real servers' });
  const realDbReads = async (): Promise<number> => {
    const cell = panel
      .getByRole('row', { name: /^DB reads/ })
      .getByRole('cell')
      .nth(1);
    return Number((await cell.innerText()).replace(/,/g, ''));
  };
  const expected = (file: string) =>
    (
      JSON.parse(readFileSync(`docs/lab/${file}`, 'utf8')) as {
        real: { totals: { dbReads: number } };
      }
    ).real.totals.dbReads;
  await panel.getByRole('button', { name: 'Example: a hot-key stampede on real servers' }).click();
  await expect(panel.getByTestId('lab-result')).toContainText('one-hot-key.json');
  const without = await realDbReads();
  expect(without).toBe(expected('one-hot-key.json'));
  await panel.getByRole('button', { name: 'Example: the same with a rebuild lock' }).click();
  await expect(panel.getByTestId('lab-result')).toContainText('one-hot-key-lock.json');
  const withLock = await realDbReads();
  expect(withLock).toBe(expected('one-hot-key-lock.json'));
  // What the README says the pair shows: the lock cuts real DB reads many times over.
  expect(without).toBeGreaterThan(3 * withLock);
  expect(errors).toEqual([]);
});

test('Compare imports a lab result too', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('#/compare');
  const panel = page.getByRole('region', { name: 'Model vs real servers' });
  await panel.getByLabel('Import lab result').setInputFiles(LAB_FILE);
  await expect(panel.getByTestId('lab-result')).toContainText('zipf-300.json');
  await expect(panel.getByTestId('lab-chart-hitRatio')).toBeVisible();
  await expectAccessible(page);
  expect(errors).toEqual([]);
});
