import { expect, test, type Page } from '@playwright/test';
import { openSettings, watchConsole } from './helpers';

async function replayedSoFar(page: Page): Promise<number> {
  const text = (await page.getByTestId('replay-banner').textContent()) ?? '';
  const m = /Replayed so far: ([\d,]+) of/.exec(text);
  return m === null ? -1 : Number(m[1]?.replace(/,/g, ''));
}

test('a sample trace replays in the Playground: named on screen, requests and hit ratio move', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await page.goto('#/traces');
  await page.getByRole('button', { name: 'Zipf with scans' }).click();
  await expect(page.getByTestId('stat-requests')).toHaveText('200,000', { timeout: 60_000 });
  await page.getByTestId('replay-in-playground').click();

  await expect(page).toHaveURL(/#\/playground\?.*pop=trace/);
  const banner = page.getByTestId('replay-banner');
  await expect(banner).toContainText('200,000 requests');
  await expect(page.getByTestId('replay-trace-name')).toContainText('Zipf with scans');
  await openSettings(page);
  await expect(page.getByLabel('Popularity')).toHaveValue('trace');
  await expect(page.getByTestId('share-trace-note')).toContainText('never the trace itself');
  // The count appears with the worker's first frame of the loaded run.
  await expect.poll(() => replayedSoFar(page)).toBe(0);

  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => replayedSoFar(page), { timeout: 20_000 }).toBeGreaterThan(1000);
  await expect(page.getByTestId('hl-hit-ratio')).not.toHaveText('—');
  const first = await replayedSoFar(page);
  await expect.poll(() => replayedSoFar(page), { timeout: 20_000 }).toBeGreaterThan(first);
  expect(errors).toEqual([]);
});

test('a 1 M-request trace file replays to its last key', async ({ page }) => {
  test.setTimeout(180_000);
  const lines: string[] = [];
  // 1,000,000 requests over 50,000 keys: a key's square of a counter, folded.
  for (let i = 0; i < 1_000_000; i++) lines.push(`key-${(i * i + 7 * i) % 50_000}`);
  await page.goto('#/traces');
  await page.getByLabel('Trace file').setInputFiles({
    name: 'million.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(`${lines.join('\n')}\n`),
  });
  await page.getByRole('button', { name: 'Analyse the trace' }).click();
  await expect(page.getByTestId('stat-requests')).toHaveText('1,000,000', { timeout: 120_000 });
  await page.getByTestId('replay-in-playground').click();
  await expect(page.getByTestId('replay-trace-name')).toContainText('million.txt');
  await page.getByRole('button', { name: 'Run to end' }).click();
  await expect.poll(() => replayedSoFar(page), { timeout: 120_000 }).toBe(1_000_000);
  await expect(page.getByTestId('replay-banner')).toContainText('of 1,000,000');
});

test('a replay link opened without its trace runs Zipf keys and says so', async ({ page }) => {
  await page.goto('#/playground?pop=trace&trace=mine.txt&tracereqs=500&tracekeys=20&keys=20');
  await expect(page.getByTestId('url-notices')).toContainText('the trace “mine.txt”');
  await openSettings(page);
  await expect(page.getByLabel('Popularity')).toHaveValue('zipf');
  await expect(page.getByTestId('replay-banner')).toHaveCount(0);
});
