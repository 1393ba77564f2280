import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, hasHorizontalScroll, watchConsole } from './helpers';

/** A small text trace: a hot key `a`, warm keys b-c, and one-hit wonders x0..x9. */
function smallTrace(): string {
  const lines: string[] = [];
  for (let i = 0; i < 10; i++) lines.push('a', 'b', 'a', 'c', 'a', `x${i}`);
  return `${lines.join('\n')}\n`;
}

async function upload(page: Page, name: string, text: string): Promise<void> {
  await page.getByLabel('Trace file').setInputFiles({
    name,
    mimeType: 'text/plain',
    buffer: Buffer.from(text),
  });
}

test('a text trace shows its stats, curve and table; the CSV export works', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('#/traces');
  await expect(page.getByRole('heading', { level: 1, name: 'Traces' })).toBeVisible();
  await expect(page.getByText('never leaves your browser')).toBeVisible();
  await upload(page, 'small.txt', smallTrace());
  await page.getByLabel('Cache sizes (keys)').fill('1, 2, 3, 13');
  await page.getByRole('checkbox', { name: /^opt/ }).check();
  await page.getByRole('button', { name: 'Analyse the trace' }).click();

  const results = page.getByTestId('trace-results');
  await expect(results).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('stat-requests')).toHaveText('60');
  await expect(page.getByTestId('stat-unique')).toHaveText('13');
  await expect(page.getByTestId('stat-one-hit')).toHaveText('10');

  const curve = page.getByTestId('trace-curve');
  await expect(curve).toHaveAttribute('data-sizes', '1,2,3,13');
  await expect(curve).toHaveAttribute('data-policies', 'allkeys-lru,s3fifo,sieve,arc,opt');
  await expect(page.getByTestId('trace-curve-summary')).toContainText(
    'Hit ratio against cache size in keys (log scale), 4 sizes from 1 to 13',
  );
  await expect(curve.locator('.recharts-line')).toHaveCount(5);
  await expect(page.getByTestId('trace-reading')).toContainText('hits');

  // At 13 keys nothing is evicted: every policy gets the 47 non-compulsory hits, a tie, no mark.
  await page.getByLabel('Table at cache size').selectOption('13');
  const table = page.getByTestId('trace-table');
  await expect(table.getByRole('row')).toHaveCount(6);
  await expect(page.getByTestId('row-allkeys-lru')).toContainText('78.3%');
  await expect(table.getByText('best')).toHaveCount(0);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download results (CSV)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('trace-results.csv');
  const csv = readFileSync(await file.path(), 'utf8');
  expect(csv.split('\n')[0]).toBe('policy,cache_size_keys,requests,hits,hit_ratio');
  expect(csv).toContain('\nallkeys-lru,13,60,47,');
  await expectAccessible(page);
  expect(errors).toEqual([]);
});

test('a malformed CSV names the line, and the page keeps working', async ({ page }) => {
  await page.goto('#/traces');
  await upload(page, 'bad.csv', 'id,key\n1,a\n2,b\n3\n');
  await page.getByLabel('CSV key column').fill('key');
  await page.getByRole('button', { name: 'Analyse the trace' }).click();
  await expect(page.getByRole('alert')).toContainText('line 4');
  await expect(page.getByRole('alert')).toContainText('expected at least 2 fields');

  await upload(page, 'good.csv', 'id,key\n1,a\n2,b\n3,a\n');
  await page.getByRole('button', { name: 'Analyse the trace' }).click();
  await expect(page.getByTestId('stat-requests')).toHaveText('3', { timeout: 30_000 });
  await expect(page.getByTestId('trace-error')).toHaveCount(0);
});

test('a sample trace runs in the worker; a run can be cancelled', async ({ page }) => {
  await page.goto('#/traces');
  await page.getByRole('button', { name: 'Loop one key larger than a cache' }).click();
  await expect(page.getByTestId('stat-unique')).toHaveText('1,001', { timeout: 30_000 });
  await expect(page.getByTestId('trace-curve-summary')).toContainText('allkeys-lru');

  await page.getByRole('checkbox', { name: /^opt/ }).check();
  await page.getByRole('button', { name: 'Zipf with scans' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('run-status')).toContainText('Cancelled');
  await expect(page.getByRole('button', { name: 'Analyse the trace' })).toBeEnabled();
});

test('a file dropped on the drop zone is analysed; gzip is unpacked', async ({ page }) => {
  await page.goto('#/traces');
  const dataTransfer = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['k1\nk2\nk1\n'], 'dropped.txt', { type: 'text/plain' }));
    return dt;
  });
  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer });
  await expect(page.getByTestId('drop-zone')).toContainText('Chosen: dropped.txt');
  await page.getByRole('button', { name: 'Analyse the trace' }).click();
  await expect(page.getByTestId('stat-requests')).toHaveText('3', { timeout: 30_000 });

  await page.getByLabel('Trace file').setInputFiles({
    name: 'small.txt.gz',
    mimeType: 'application/gzip',
    buffer: gzipSync(Buffer.from(smallTrace())),
  });
  await page.getByRole('button', { name: 'Analyse the trace' }).click();
  await expect(page.getByTestId('stat-requests')).toHaveText('60', { timeout: 30_000 });
  await expect(page.getByTestId('stat-unique')).toHaveText('13');
});

test('keyboard users reach the file input and the run button', async ({ page }) => {
  await page.goto('#/traces');
  await expect(page.getByRole('heading', { level: 1, name: 'Traces' })).toBeVisible();
  const reached: string[] = [];
  for (let i = 0; i < 60 && !reached.includes('run'); i++) {
    await page.keyboard.press('Tab');
    const which = await page.evaluate(() => {
      const el = document.activeElement;
      if (el instanceof HTMLInputElement && el.type === 'file') return 'file';
      if (el instanceof HTMLButtonElement && el.textContent === 'Analyse the trace') return 'run';
      return '';
    });
    if (which !== '') reached.push(which);
  }
  expect(reached).toEqual(['file', 'run']);
});

/**
 * Presses Tab until the focused element's name (its label, or a button's text) is `name`; fails
 * after `max` presses. Returns how many presses it took.
 */
async function tabTo(page: Page, name: string, max = 80): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      if (!(el instanceof HTMLElement)) return '';
      if (el instanceof HTMLButtonElement) return el.textContent.trim();
      const label = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null;
      return (label ?? el.closest('label'))?.textContent.trim() ?? '';
    });
    if (focused === name) return i;
  }
  throw new Error(`Tab never reached "${name}"`);
}

test('keyboard only: choose sizes and policies, run a sample, change the table size', async ({
  page,
}) => {
  await page.goto('#/traces');
  await expect(page.getByRole('heading', { level: 1, name: 'Traces' })).toBeVisible();
  await tabTo(page, 'Trace file');
  await tabTo(page, 'Cache sizes (keys)');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('10, 100, 1000, 1001');
  await tabTo(page, 'sieve (not in Redis)');
  await page.keyboard.press('Space');
  await tabTo(page, 'opt (the optimum, needs the whole trace)');
  await page.keyboard.press('Space');
  await expect(page.getByRole('checkbox', { name: /^sieve/ })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: /^opt/ })).toBeChecked();
  await tabTo(page, 'Loop one key larger than a cache');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('trace-table')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('trace-curve')).toHaveAttribute(
    'data-policies',
    'allkeys-lru,s3fifo,arc,opt',
  );
  await expect(page.getByTestId('trace-curve')).toHaveAttribute('data-sizes', '10,100,1000,1001');

  await tabTo(page, 'Table at cache size');
  await page.keyboard.press('End');
  await expect(page.getByLabel('Table at cache size')).toHaveValue('1001');
  // A loop over 1,001 keys: every key fits at 1,001, so every request after the first round hits.
  await expect(page.getByTestId('row-allkeys-lru')).toContainText('99.5%');
  await page.keyboard.press('Home');
  await expect(page.getByLabel('Table at cache size')).toHaveValue('10');
  await expect(page.getByTestId('row-allkeys-lru')).toContainText('0.0%');
});

test('the reuse histogram, the worker pool and a fixed-size SHARDS sample', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('#/traces');
  await upload(page, 'small.txt', smallTrace());
  await page.getByLabel('Cache sizes (keys)').fill('1, 2, 3, 13');
  await page.getByRole('button', { name: 'Analyse the trace' }).click();
  const histogram = page.getByTestId('reuse-histogram');
  await expect(histogram).toBeVisible({ timeout: 30_000 });
  // Rounds of a b a c a x<i>: a is always reused at distance 2, b and c at 4 from round 2 on;
  // a, b, c and the ten x<i> are 13 first uses.
  await expect(histogram).toHaveAttribute('data-cold', '13');
  await expect(histogram).toHaveAttribute('data-bins', '1-1:0,2-3:29,4-7:18');
  await expect(page.getByTestId('reuse-summary')).toContainText(
    '13 of 60 requests (21.7%) were the first use of their key',
  );
  // Three simulated policies at four sizes went out over at least two workers.
  expect(Number(await page.getByTestId('trace-results').getAttribute('data-workers'))).toBe(
    Math.min(4, Math.max(2, await page.evaluate(() => navigator.hardwareConcurrency))),
  );

  await page.getByRole('button', { name: 'Zipf (alpha 1)' }).waitFor();
  await page.getByLabel('Cache sizes (keys)').fill('auto');
  await page.getByLabel('SHARDS key budget (optional)').fill('500');
  await page.getByRole('button', { name: 'Zipf (alpha 1)' }).click();
  await expect(page.getByTestId('sample-note')).toContainText(
    'SHARDS fixed-size sample (at most 500 keys): effective rate',
    { timeout: 30_000 },
  );
  await expect(page.getByTestId('sample-note')).toContainText('500 keys simulated');
  await expect(page.getByTestId('sample-note')).toContainText('Measured against the exact LRU');

  await page.getByLabel('SHARDS sample rate (optional)').fill('0.1');
  await page.getByRole('button', { name: 'Analyse the trace' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'Give a SHARDS sample rate or a key budget, not both.',
  );
  expect(errors).toEqual([]);
});

test('fits 375 px without horizontal scrolling, with results shown', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('#/traces');
  await page.getByRole('checkbox', { name: /^opt/ }).check();
  await page.getByRole('button', { name: 'Zipf (alpha 1)' }).click();
  await expect(page.getByTestId('trace-table')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('reuse-histogram')).toBeVisible();
  expect(await hasHorizontalScroll(page)).toBe(false);
  await expectAccessible(page);
});
