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

test('an old embed link with lock=1 locks the player, not the scenario, and says how it was read', async ({
  page,
}) => {
  await page.goto('?embed=1#/embed?preset=cache-aside&lock=1');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cache-aside (the default)');
  await expect(page.getByText(/lock=1 was read as the embed option e\.lock/)).toBeVisible();
  const open = page.getByRole('link', { name: 'Open in Cachescope' });
  await expect(open).toHaveAttribute('href', /#\/playground\?preset=cache-aside$/);
  // The new spelling: a scenario lock and the player's lock side by side, no notice.
  await page.goto('?embed=1#/embed?preset=cache-aside&lock=2000&e.lock=1');
  await expect(open).toHaveAttribute('href', /lock=2000/);
  await expect(page.getByText(/was read as/)).toHaveCount(0);
});

test('the embedded player, the workshop preview and lessons follow the URL, back and forward', async ({
  page,
}) => {
  await page.goto('?embed=1#/embed?preset=cache-aside');
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText('Cache-aside (the default)');
  await page.evaluate(() => {
    window.location.hash = '#/embed?preset=hot-key-stampede';
  });
  await expect(heading).toHaveText('Hot-key stampede');
  await page.goBack();
  await expect(heading).toHaveText('Cache-aside (the default)');
  await page.goForward();
  await expect(heading).toHaveText('Hot-key stampede');

  // The workshop preview shows the chosen preset once loaded, and again after each change.
  await page.goto('#/study/workshop');
  const preview = page.frameLocator('.embed-preview').getByRole('heading', { level: 1 });
  await expect(preview).toHaveText('Cache-aside (the default)');
  await page.getByLabel('Preset', { exact: true }).selectOption('hot-key-stampede');
  await expect(preview).toHaveText('Hot-key stampede');
  await page.getByLabel('Preset', { exact: true }).selectOption('cache-aside');
  await expect(preview).toHaveText('Cache-aside (the default)');
  // ?view= changed by back/forward: the view field follows.
  await page.goto('#/study/workshop?view=/lessons/ttl');
  await page.evaluate(() => {
    window.location.hash = '#/study/workshop?view=/compare';
  });
  await expect(page.getByLabel('Route', { exact: true })).toHaveValue('/compare');
  await page.goBack();
  await expect(page.getByLabel('Route', { exact: true })).toHaveValue('/lessons/ttl');

  // Lessons: a hash change moves the step, back returns to it.
  await page.goto('#/lessons/write-behind?step=4');
  await expect(page.getByTestId('step-number')).toHaveText('4');
  await page.evaluate(() => {
    window.location.hash = '#/lessons/write-behind?step=9';
  });
  await expect(page.getByTestId('step-number')).toHaveText('9');
  await page.goBack();
  await expect(page.getByTestId('step-number')).toHaveText('4');
});
