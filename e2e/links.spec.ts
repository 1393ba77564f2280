import { expect, test, type Page } from '@playwright/test';
import { watchConsole } from './helpers';

/*
 * Links that replay: a session with a live fault, shared and opened again, gives the same totals;
 * embed options and scenario fields do not collide; pages follow the URL on back/forward.
 */

/** Run to the end and return the finished run's totals as the summary shows them. */
async function finishedTotals(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Run to end' }).click();
  const summary = page.getByTestId('run-summary');
  await expect(summary).toBeVisible({ timeout: 30_000 });
  const rows = await summary.getByRole('row').allTextContents();
  const total = (await page.getByTestId('hl-hit-ratio-total').textContent()) ?? '';
  return [total, ...rows].join('\n');
}

test('a shared link after a live cache kill replays the same run', async ({ page, context }) => {
  const errors = watchConsole(page);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('#/playground?preset=cache-aside&dur=20000&warmup=1000');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  // Kill the cache at about 3 s of simulated time, while the run plays in real time.
  await expect(page.getByTestId('sim-time')).toContainText('0:03', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Kill cache' }).click();
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page).toHaveURL(/changes=/);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText(/It replays the change made during the run/)).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('cache-down');
  const original = await finishedTotals(page);

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByText(/not a scenario parameter|using/)).toHaveCount(0);
  const replayed = await finishedTotals(other);
  expect(replayed).toEqual(original);
  // The fault is marked where it struck in the replay too.
  await expect(other.getByTestId('chart-hit-ratio')).toHaveAttribute('data-markers', '1');
  expect(errors).toEqual([]);
});
