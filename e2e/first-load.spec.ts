/**
 * First load on a phone (issue 14): what a page loads and renders before it is asked to, and that
 * nothing on screen moves while a page or a run starts.
 */
import { expect, test, type Page } from '@playwright/test';
import { openSettings, waitForServiceWorker, watchConsole } from './helpers';

/** Layout shifts so far that were not caused by the user (what CLS counts). */
async function unpromptedShifts(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as (PerformanceEntry & {
            value: number;
            hadRecentInput: boolean;
          })[])
            if (!e.hadRecentInput) total += e.value;
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => {
          resolve(total);
        }, 300);
      }),
  );
}

/** The URLs of the scripts the page requests from now on (the array fills as they are asked for). */
function watchScripts(page: Page): string[] {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  return scripts;
}

test('nothing shifts while a deep link loads its page', async ({ page }) => {
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 412, height: 823 });
  for (const [route, heading] of [
    ['#/study/drills', 'Interview drills'],
    ['#/lessons', 'Lessons'],
    ['#/lessons/ttl', 'TTL: synchronised expiry, and jitter'],
    ['#/traces', 'Traces'],
    ['#/playground', 'Playground'],
  ] as const) {
    // A query before the hash makes each visit a full page load.
    await page.goto(`./?visit=${encodeURIComponent(heading)}${route}`);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    // The footer used to sit in view under "Loading…" and jump down when the page arrived.
    expect(await unpromptedShifts(page)).toBe(0);
  }
  expect(errors).toEqual([]);
});

test('a link to a lesson downloads that topic’s lessons only, and the index the others after it paints', async ({
  page,
}) => {
  const scripts = watchScripts(page);
  const topics = () =>
    scripts
      .map((u) => /\/(lessons-[a-z]+)-[\w-]+\.js$/.exec(u)?.[1])
      .filter((name) => name !== undefined && name !== 'lessons-page');
  await page.goto('./?visit=ttl#/lessons/ttl');
  await expect(page.getByRole('heading', { level: 1, name: /^TTL/ })).toBeVisible();
  await expect(page.locator('.lede')).toContainText('A warm-up job loads 50 keys');
  await expect(page.getByTestId('step-number')).toBeVisible();
  expect(topics()).toEqual(['lessons-freshness']);
  await page.getByRole('link', { name: 'Lessons', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lessons' })).toBeVisible();
  await expect.poll(() => new Set(topics()).size).toBe(7);
  await page.getByRole('link', { name: /^Write-through: one writer/ }).click();
  await expect(page.locator('.lede')).toContainText(
    'One app server, one key, reads and writes mixed',
  );
});

test('a lesson whose download fails says so, and Try again loads it once the network is back', async ({
  page,
}) => {
  let offline = true;
  await page.route(/\/lessons-judgement-[\w-]+\.js$/, (route) =>
    offline ? route.abort('internetdisconnected') : route.continue(),
  );
  await page.goto('./?visit=offline-lesson#/lessons/hit-ratio');
  // A browser remembers a failed module download for the page's life: Try again reloads.
  await expect(page.getByRole('alert')).toContainText(
    'This part of the app could not be downloaded',
  );
  offline = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Measure the hit ratio' }),
  ).toBeVisible();
  await expect(page.locator('.lede')).toBeVisible();
  await expect(page.getByTestId('step-number')).toBeVisible();
});

test('Traces loads its charts (Recharts) only when a run starts', async ({ page }) => {
  const scripts = watchScripts(page);
  await page.goto('#/traces');
  await expect(page.getByRole('heading', { level: 1, name: 'Traces' })).toBeVisible();
  const recharts = () => scripts.filter((u) => /\/(LineChart|BarChart|CartesianChart)-/.test(u));
  expect(recharts()).toEqual([]);
  await page.getByRole('button', { name: 'Zipf with scans' }).click();
  await expect(page.getByTestId('trace-curve')).toBeVisible({ timeout: 60_000 });
  expect(recharts().length).toBeGreaterThan(0);
});

test('the Playground fetches its settings and file export code after it is up, and both work', async ({
  page,
}) => {
  const scripts = watchScripts(page);
  const fetched = (name: string) => scripts.some((u) => u.includes(`/assets/${name}-`));
  await page.goto('#/playground');
  await expect(page.getByRole('heading', { level: 1, name: 'Playground' })).toBeVisible();
  // Neither is in the page's first download (both come a second later, or on first use).
  expect(fetched('scenario-controls')).toBe(false);
  expect(fetched('share-files')).toBe(false);
  await expect.poll(() => fetched('scenario-controls')).toBe(true);
  await openSettings(page);
  await expect(page.getByLabel('Eviction policy')).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export scenario' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.json$/);
  expect(fetched('share-files')).toBe(true);
});

test('settings groups start collapsed on a phone and expanded on a desktop; a toggle is kept', async ({
  page,
}) => {
  const groups = page.locator('.scenario-controls details.knob-group');

  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('#/playground');
  // Nothing of the settings is built until the drawer is opened.
  await expect(page.locator('.scenario-controls')).toHaveCount(0);
  await openSettings(page);
  await expect(groups).toHaveCount(6);
  for (const open of await groups.evaluateAll((ds) =>
    ds.map((d) => (d as HTMLDetailsElement).open),
  ))
    expect(open).toBe(false);
  await expect(page.getByLabel('TTL', { exact: true })).toBeHidden();
  // A disclosure opens from the keyboard.
  const cache = page.locator('.scenario-controls summary', { hasText: /^Cache$/ });
  await cache.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('TTL', { exact: true })).toBeVisible();
  // Closing and reopening the drawer keeps what was expanded.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeHidden();
  await openSettings(page);
  await expect(page.getByLabel('TTL', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Write strategy')).toBeHidden();

  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('about:blank');
  await page.goto('#/playground');
  await openSettings(page);
  await expect(groups).toHaveCount(6);
  for (const open of await groups.evaluateAll((ds) =>
    ds.map((d) => (d as HTMLDetailsElement).open),
  ))
    expect(open).toBe(true);
  await expect(page.getByLabel('Write strategy')).toBeVisible();
});

test('at 375 px the hit-ratio chart does not move when the run starts and the theory line appears', async ({
  page,
}) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('#/playground');
  const chart = page.getByTestId('chart-hit-ratio');
  await expect(chart).toHaveAttribute('data-points', '0');
  const figure = page.locator('figure.ts-chart', { has: chart });
  // Before the run the theory entry holds its place but is not shown or announced.
  await expect(figure.locator('.ts-legend li', { hasText: 'Theory' })).toBeHidden();
  // A chart draws only while on screen, so bring it into view; positions are measured in page
  // coordinates, so scroll anchoring cannot hide a shift.
  await chart.scrollIntoViewIfNeeded();
  const pageBox = () =>
    chart.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { y: r.top + window.scrollY, height: r.height };
    });
  const before = await pageBox();

  await page.getByRole('button', { name: 'Play', exact: true }).click();
  // Clicking Play scrolled the page up to the button; bring the chart back so it draws.
  await chart.scrollIntoViewIfNeeded();
  await expect(chart).not.toHaveAttribute('data-points', '0');
  await expect(figure.locator('.ts-legend li', { hasText: 'Theory (steady state)' })).toBeVisible();
  // Measured as soon as the theory line is shown, with the run still playing.
  const after = await pageBox();
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  expect(after.y).toBe(before.y);
  expect(after.height).toBe(before.height);
});

test.describe('offline', () => {
  test.use({ serviceWorkers: 'allow' });

  test('a deep link to a Study page reloads offline: its chunks come from the precache', async ({
    page,
    context,
  }) => {
    const errors = watchConsole(page);
    await page.goto('#/study/cheat-sheet');
    await expect(page.getByRole('heading', { level: 1, name: 'Cheat sheet' })).toBeVisible();
    await waitForServiceWorker(page);
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Cheat sheet' })).toBeVisible();
    await context.setOffline(false);
    expect(errors).toEqual([]);
  });
});
