import { expect, test } from '@playwright/test';
import { watchConsole } from './helpers';

test('the calculator shows the syllabus numbers and reacts to edits', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('#/why-cache');
  await expect(page.getByTestId('hit-ratio')).toHaveText('99.99%');
  await expect(page.getByTestId('cycle-sentence')).toContainText('8.33 min of database work');
  await page.getByLabel('DB latency').fill('100');
  await expect(page.getByTestId('latency-no-cache')).toHaveText('100 ms');
  await expect(page).toHaveURL(/db=100/);
  await page.reload();
  await expect(page.getByLabel('DB latency')).toHaveValue('100');
  expect(errors).toEqual([]);
});

test('a bad value gets a message naming the field, never NaN', async ({ page }) => {
  await page.goto('#/why-cache');
  await page.getByLabel('DB latency').fill('-3');
  await expect(page.getByRole('alert')).toContainText('DB latency must be from 0.01 to 60,000 ms.');
  await expect(page.locator('main')).not.toContainText('NaN');
  await expect(page.getByTestId('latency-no-cache')).toHaveText('50 ms');
});

test('bad URL parameters fall back with a dismissible notice', async ({ page }) => {
  await page.goto('#/why-cache?db=-5&hit=abc&from=<script>');
  const notice = page.getByRole('status').filter({ hasText: 'URL parameter' });
  await expect(notice).toContainText('"db"');
  await expect(notice).toContainText('"from"');
  await expect(page.getByTestId('latency-no-cache')).toHaveText('50 ms');
  await page.getByRole('button', { name: 'Dismiss notice' }).click();
  await expect(notice).toHaveCount(0);
});

test('the calculator works by keyboard alone', async ({ page }) => {
  await page.goto('#/why-cache');
  const db = page.getByLabel('DB latency');
  // Tab from the top of the page until the first field has focus.
  for (let i = 0; i < 15 && !(await db.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(db).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(db).toHaveValue('51');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Cache latency')).toBeFocused();
  // Reach the radio group and switch to a measured hit ratio with the arrow keys.
  for (
    let i = 0;
    i < 10 &&
    !(await page
      .getByLabel('Reads per change (each change costs one miss)')
      .evaluate((el) => el === document.activeElement));
    i++
  ) {
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('A measured hit ratio')).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Hit ratio', { exact: true })).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('75');
  await expect(page.getByTestId('hit-ratio')).toHaveText('75.00%');
});
