import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectAccessible, openSettings, watchConsole } from './helpers';

/*
 * The presenter's stage: on a projector the Playground must show the topology, the headline
 * numbers and the hit-ratio and DB charts without scrolling; Settings open in a drawer; charts are
 * one named Tab stop each; a lesson's narration is never under its pinned bar; clickers step.
 */

/** True when the element's box lies inside the viewport (no scrolling needed to see it). */
async function inViewport(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const view = page.viewportSize();
  if (box === null || view === null) return false;
  return (
    box.y >= 0 && box.x >= 0 && box.y + box.height <= view.height && box.x + box.width <= view.width
  );
}

async function expectStageOnScreen(page: Page): Promise<void> {
  // Data first: the charts' heights must hold with lines and markers drawn, not only when empty.
  await page.getByLabel('Seek to').fill('20');
  await expect(page.getByTestId('sim-time')).toContainText('0:20.0 /', { timeout: 20_000 });
  await page.evaluate(() => {
    window.scrollTo(0, 0);
  });
  for (const id of [
    'topology',
    'chart-hit-ratio',
    'chart-db-load',
    'hl-hit-ratio',
    'hl-db-reads',
  ]) {
    expect(await inViewport(page, page.getByTestId(id)), `${id} on screen`).toBe(true);
  }
  expect(await inViewport(page, page.getByTestId('verdict')), 'verdict on screen').toBe(true);
}

for (const size of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test(`presenter mode at ${size.width}x${size.height} shows the whole stage without scrolling`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await page.goto('?present=1#/playground?preset=hot-key-stampede');
    await expect(page.locator('.app')).toHaveClass(/presenter/);
    await expectStageOnScreen(page);
  });

  test(`the Playground at ${size.width}x${size.height} shows the whole stage without scrolling`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await page.goto('#/playground?preset=cache-aside');
    await expectStageOnScreen(page);
  });
}

test('Tab reaches Settings first on the Playground; the drawer takes focus and Escape returns it', async ({
  page,
}) => {
  await page.goto('#/playground');
  const settings = page.getByRole('button', { name: /^Settings/ });
  await expect(settings).toBeVisible();
  // The first Tab stop after the site's own header (skip link, brand, sections, presenter toggle).
  let tabs = 0;
  for (; tabs < 30; tabs++) {
    await page.keyboard.press('Tab');
    const inHeader = await page.evaluate(
      () => document.activeElement?.closest('.app-header, .skip-link') != null,
    );
    if (!inHeader) break;
  }
  await expect(settings).toBeFocused();
  expect(tabs).toBeLessThanOrEqual(10);

  await expect(settings).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Enter');
  const drawer = page.getByRole('dialog', { name: 'Settings' });
  await expect(drawer).toBeVisible();
  await expect(settings).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeFocused();
  // Tab walks on into the drawer's controls.
  await page.keyboard.press('Tab');
  await expect(drawer.getByRole('button', { name: 'Close settings' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(drawer.getByLabel('Preset')).toBeFocused();
  // The simulation stays usable beside the open drawer: nothing of the page lies under it.
  await page.getByRole('button', { name: 'Step one request' }).click();
  await expect(page.getByTestId('step-log')).toContainText('request.done');
  await drawer.getByLabel('Preset').focus();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(settings).toBeFocused();
  await expect(settings).toHaveAttribute('aria-expanded', 'false');
});

test('each chart is one named Tab stop; no part of a chart SVG takes focus', async ({ page }) => {
  await page.goto('#/playground?preset=cache-aside');
  await page.getByLabel('Seek to').fill('12');
  await expect(page.getByTestId('sim-time')).toContainText('0:12.0 /', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Kill cache' }).click();
  await page.getByRole('button', { name: 'Slow DB ×10' }).click();
  await page.getByLabel('Seek to').fill('20');
  await expect(page.getByTestId('sim-time')).toContainText('0:20.0 /', { timeout: 20_000 });

  await page.getByRole('button', { name: 'Run to end' }).focus();
  const stops: { tag: string; role: string | null; name: string | null; inSvg: boolean }[] = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement;
      return {
        tag: el?.tagName ?? '',
        role: el?.getAttribute('role') ?? null,
        name: el?.getAttribute('aria-label') ?? null,
        inSvg: el?.closest('svg') !== null,
      };
    });
    if (stop.name?.startsWith('Stale reads, lost writes')) {
      stops.push(stop);
      break;
    }
    stops.push(stop);
  }
  expect(stops.filter((s) => s.inSvg)).toEqual([]);
  const charts = stops.filter((s) => s.role === 'img' && s.tag === 'DIV');
  expect(charts.map((c) => c.name?.split('.')[0])).toEqual([
    'Hit ratio',
    'Database load (per second)',
    'Latency (ms)',
    'Evictions, expirations, OOM (per second)',
    'Stale reads, lost writes, errors (per second)',
  ]);
  // Each name carries the chart's summary with its latest values, and says markers are listed.
  expect(charts[0]?.name).toMatch(/Hit ratio over time; latest \d+\.\d%.*2 event markers/);

  // Two faults at the same moment share one badge; the list under the charts explains it. Live
  // charts draw only on screen, so bring this one back after tabbing past it.
  await page.getByTestId('chart-hit-ratio').scrollIntoViewIfNeeded();
  const badges = page.getByTestId('chart-hit-ratio').locator('.ts-marker-badge');
  await expect(badges).toHaveCount(1);
  await expect(badges.first()).toHaveText('1–2');
  const list = page.getByRole('list', { name: 'Events marked on the charts' });
  await expect(list.getByRole('listitem')).toHaveText([
    /Marker 1: 0:12\.0 cache-down/,
    /Marker 2: 0:12\.0 db-slow/,
  ]);
  // The time axis never repeats a label.
  const ticks = await page.getByTestId('chart-hit-ratio').locator('.ts-x-tick').allTextContents();
  expect(ticks.length).toBeGreaterThan(2);
  expect(new Set(ticks).size).toBe(ticks.length);
});

test('a clicker steps a lesson; the narration is never under the pinned bar', async ({ page }) => {
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('?present=1#/lessons/cache-aside');
  const step = page.getByTestId('step-number');
  await expect(step).toHaveText('1');
  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageDown');
  await expect(step).toHaveText('3');
  await page.keyboard.press('PageUp');
  await expect(step).toHaveText('2');
  await expect(page).toHaveURL(/step=2/);

  // Scrolled down to the diagram, the next step brings its narration out from under the bar.
  const bar = page.getByRole('group', { name: 'Playback' });
  const narration = page.getByTestId('narration');
  await page.locator('.diagram-area').evaluate((el) => {
    el.scrollIntoView({ block: 'start' });
  });
  await page.keyboard.press('PageDown');
  await expect(step).toHaveText('3');
  await expect
    .poll(async () => {
      const b = await bar.boundingBox();
      const n = await narration.boundingBox();
      return b !== null && n !== null && n.y >= b.y + b.height;
    })
    .toBe(true);
  const diagram = await page.locator('.diagram-area').boundingBox();
  const n = await narration.boundingBox();
  expect(diagram !== null && n !== null && diagram.y >= n.y + n.height).toBe(true);
  expect(errors).toEqual([]);
});

test('PageDown steps one request in the Playground in presenter mode', async ({ page }) => {
  await page.goto('?present=1#/playground');
  await expect(page.getByTestId('sim-time')).toContainText('0:00.0 /');
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('step-log')).toContainText('request.done');
});

test('stage, drawer and presenter mode are accessible, light and dark', async ({ page }) => {
  await page.goto('?present=1#/playground?preset=cache-aside');
  await page.getByLabel('Seek to').fill('12');
  await expect(page.getByTestId('sim-time')).toContainText('0:12.0 /', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Kill cache' }).click();
  await page.getByLabel('Seek to').fill('15');
  await expect(page.getByTestId('sim-time')).toContainText('0:15.0 /', { timeout: 20_000 });
  await expectAccessible(page);
  await openSettings(page);
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Presenter mode' }).click();
  await expect(page.locator('.app')).not.toHaveClass(/presenter/);
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await expectAccessible(page);
});
