import { expect, test, type Page } from '@playwright/test';
import { createLessonEngine } from '../src/features/lessons/lesson-engine';
import { runLesson } from '../src/features/lessons/lesson-run';
import { SCAN_LRU } from '../src/content/lessons/lessons-policies';
import { formatCount, formatPct } from '../src/ui/format';
import { watchConsole } from './helpers';

/** The built lesson worker's script (Vite names it `lesson.worker-<hash>.js`). */
const WORKER_SCRIPT = /\/lesson\.worker-[^/]*\.js$/;
/** How long the comparison's result is held back in the tests that need to see it running. */
const HOLD_MS = 2500;

/**
 * Serves the lesson worker with its comparison result held back for HOLD_MS, so the test sees
 * the comparison still running on any machine (on a fast one it finishes in a fraction of a
 * second). Everything else the worker posts, and everything it computes, is untouched.
 */
async function holdComparison(page: Page): Promise<void> {
  await page.route(WORKER_SCRIPT, async (route) => {
    const response = await route.fetch();
    const hold = `{ const post = self.postMessage.bind(self); self.postMessage = (m, t) => { if (m && m.type === 'comparison') setTimeout(() => post(m, t), ${HOLD_MS}); else post(m, t); }; }\n`;
    await route.fulfill({ response, body: hold + (await response.text()) });
  });
}

/** The comparison table's rows as the unit tests compute them: the same run, the same formats. */
function expectedScanRows(): string[][] {
  const run = runLesson(SCAN_LRU, createLessonEngine);
  const rows = run.comparisons.map((c) => [
    c.label,
    formatPct(c.totals.hitRatio),
    formatCount(c.totals.hits),
    formatCount(c.totals.misses),
  ]);
  const opt = run.ceiling;
  if (opt == null) throw new Error('the scans lesson has no OPT row');
  rows.push([
    'opt (Belady, offline ceiling)',
    formatPct(opt.hitRatio),
    formatCount(opt.hits),
    formatCount(opt.requests - opt.hits),
  ]);
  return rows;
}

test('the scans lesson steps with the keyboard while its comparison runs, then shows the table', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await holdComparison(page);
  await page.goto('#/lessons/scans-one-hit-wonders');
  const step = page.getByTestId('step-number');
  await expect(step).toHaveText('1');
  const total = Number(await page.getByTestId('step-total').textContent());
  // Step forward and back with the keyboard while the worker is still on the comparison.
  await page.keyboard.press('ArrowRight');
  await expect(step).toHaveText('2');
  await page.keyboard.press('ArrowRight');
  await expect(step).toHaveText('3');
  await page.keyboard.press('ArrowLeft');
  await expect(step).toHaveText('2');
  await page.keyboard.press('End');
  await expect(step).toHaveText(String(total));

  const loading = page.getByTestId('comparison-loading');
  await expect(loading).toContainText('Running the comparison: allkeys-lru, allkeys-lfu');
  await expect(loading).toContainText('then OPT (Belady)');
  await expect(loading).toContainText(/\d of 7 runs done/);
  await expect(page.getByTestId('comparison')).toHaveCount(0);
  // The facts come with the steps, before the comparison.
  await expect(page.getByTestId('fact-scan-before')).toHaveText(/%$/);

  const table = page.getByTestId('comparison');
  await expect(table).toBeVisible({ timeout: HOLD_MS + 10_000 });
  await expect(loading).toHaveCount(0);
  const shown = await table
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent.trim())),
    );
  expect(shown).toEqual(expectedScanRows());
  expect(errors).toEqual([]);
});

test('leaving a lesson while its comparison runs stops the lesson worker', async ({ page }) => {
  await holdComparison(page);
  const started = page.waitForEvent('worker', (w) => WORKER_SCRIPT.test(new URL(w.url()).pathname));
  await page.goto('#/lessons/scans-one-hit-wonders');
  const worker = await started;
  const closed = new Promise<void>((resolve) => {
    worker.on('close', () => {
      resolve();
    });
  });
  await expect(page.getByTestId('step-number')).toHaveText('1');
  await page.getByRole('link', { name: 'All lessons' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lessons' })).toBeVisible();
  await closed;
  // The index starts a spare worker for the next lesson; its script may still be in the route.
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});

test('a lesson worker that fails is named on the page, and the app keeps working', async ({
  page,
}) => {
  await page.route(WORKER_SCRIPT, (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      body: "throw new Error('simulated worker crash');",
    }),
  );
  // Through the index, which starts a worker ahead of need: that one fails too, and is replaced.
  await page.goto('#/lessons');
  await expect(page.getByRole('heading', { level: 1, name: 'Lessons' })).toBeVisible();
  await page.getByRole('link', { name: 'TTL: synchronised expiry, and jitter' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'This lesson could not be run: the lesson worker failed:',
  );
  await expect(page.getByRole('alert')).toContainText('simulated worker crash');
  await page.getByRole('link', { name: 'Lessons', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lessons' })).toBeVisible();
});

test('a lesson opened from the index runs on the worker the index started', async ({ page }) => {
  const workers: string[] = [];
  page.on('worker', (w) => {
    if (WORKER_SCRIPT.test(new URL(w.url()).pathname)) workers.push(w.url());
  });
  await page.goto('#/lessons');
  await expect.poll(() => workers.length).toBe(1);
  await page.getByRole('link', { name: 'Scans and one-hit wonders: where LRU loses' }).click();
  await expect(page.getByTestId('step-number')).toHaveText('1');
  await page.keyboard.press('End');
  await expect(page.getByTestId('comparison-opt')).toBeVisible();
  expect(workers).toHaveLength(1);
});
