import { expect, test } from '@playwright/test';
import { expectAccessible, hasHorizontalScroll, watchConsole } from './helpers';

/** Every route in the navigation, with the heading it must show. Grows as sections land. */
const ROUTES = [
  { path: '#/', heading: 'Learn caching by watching it happen' },
  { path: '#/why-cache', heading: 'Why cache?' },
  { path: '#/playground', heading: 'Playground' },
  { path: '#/lessons', heading: 'Lessons' },
  {
    path: '#/lessons/invalidation-race?step=5',
    heading: 'The stale-set race, and the TTL safety net',
  },
  { path: '#/compare', heading: 'Compare' },
  { path: '#/study', heading: 'Study' },
  { path: '#/study/wizard', heading: 'Decision wizard' },
  { path: '#/study/cheat-sheet', heading: 'Cheat sheet' },
  { path: '#/study/drills', heading: 'Interview drills' },
  { path: '#/study/workshop', heading: 'Workshop: embed and present' },
  { path: '#/traces', heading: 'Traces' },
  { path: '#/embed?preset=cold-restart', heading: 'Cold restart' },
];

for (const route of ROUTES) {
  test(`opens ${route.path} by URL, with no console errors and no serious axe violations`, async ({
    page,
  }) => {
    const errors = watchConsole(page);
    await page.goto(route.path);
    await expect(page.getByRole('heading', { level: 1, name: route.heading })).toBeVisible();
    await expectAccessible(page);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: route.heading })).toBeVisible();
    expect(errors).toEqual([]);
  });

  test(`renders ${route.path} at 375 px without horizontal scrolling`, async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(route.path);
    await expect(page.getByRole('heading', { level: 1, name: route.heading })).toBeVisible();
    expect(await hasHorizontalScroll(page)).toBe(false);
  });
}

test('navigates between sections by link and keeps the document title in step', async ({
  page,
}) => {
  await page.goto('./');
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: 'Why cache?' })
    .click();
  await expect(page).toHaveURL(/#\/why-cache/);
  await expect(page).toHaveTitle(/Why cache\?/);
  await expect(page.getByRole('link', { name: 'Why cache?' }).first()).toHaveAttribute(
    'aria-current',
    'page',
  );
  await page.getByRole('link', { name: 'Cachescope home' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Learn caching by watching it happen',
  );
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Why cache?');
});

test('an unknown route shows a not-found page with a way back', async ({ page }) => {
  await page.goto('#/no-such-page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to the start' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Learn caching by watching it happen',
  );
});

test('dark theme follows the system setting and stays accessible', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('#/why-cache');
  const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  expect(bg).toBe('rgb(15, 20, 26)');
  await expectAccessible(page);
});

test('a lesson names the browser tab, and the lesson index restores the section title', async ({
  page,
}) => {
  await page.goto('#/lessons/cache-aside');
  const heading = await page.getByRole('heading', { level: 1 }).textContent();
  await expect(page).toHaveTitle(`${heading ?? ''} — Lessons — Cachescope`);
  await page.goto('#/lessons');
  await expect(page).toHaveTitle('Lessons — Cachescope');
});
