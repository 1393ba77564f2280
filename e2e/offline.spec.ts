import { expect, test } from '@playwright/test';
import { waitForServiceWorker } from './helpers';

test.use({ serviceWorkers: 'allow' });

test('works offline after the first visit (service worker precache)', async ({ page, context }) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Learn caching by watching it happen',
  );
  await waitForServiceWorker(page);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Learn caching by watching it happen',
  );
  // Lazily loaded routes come from the precache too.
  await page.goto('#/study/drills');
  await expect(page.getByRole('heading', { level: 1, name: 'Interview drills' })).toBeVisible();
  await page.goto('#/study/cheat-sheet');
  await expect(page.getByRole('heading', { level: 1, name: 'Cheat sheet' })).toBeVisible();
  // So does the lesson worker, which runs a lesson's steps and its comparison.
  await page.goto('#/lessons/scans-one-hit-wonders?step=999');
  await expect(page.getByTestId('comparison-opt')).toBeVisible();
  await context.setOffline(false);
});

test('is installable: a manifest with icons', async ({ page, request }) => {
  await page.goto('./');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifest = (await (await request.get(href ?? '')).json()) as {
    name: string;
    display: string;
    icons: { sizes: string }[];
  };
  expect(manifest.display).toBe('standalone');
  expect(manifest.icons.map((i) => i.sizes)).toEqual(
    expect.arrayContaining(['192x192', '512x512']),
  );
});

test('the CSP meta tag is strict and the page has no inline scripts', async ({ page }) => {
  await page.goto('./');
  const csp = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("object-src 'none'");
  const inline = await page.evaluate(
    () => [...document.querySelectorAll('script')].filter((s) => !s.src).length,
  );
  expect(inline).toBe(0);
});
