import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';

/**
 * The host page comes from a small server of its own, so it is a real second origin. (A page
 * fulfilled by `page.route` counts as a public address, and Chromium's local-network-access
 * checks then refuse to frame the app on 127.0.0.1.) The same server answers as 127.0.0.1 (the
 * allowed origin) and as localhost (another origin).
 */
const fixture = readFileSync(new URL('./fixtures/embed-host.html', import.meta.url), 'utf8');
let server: Server;
let hostPort = 0;

test.beforeAll(() => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://host');
    const src = url.searchParams.get('src');
    if (url.pathname !== '/deck.html' || src === null) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      fixture.replaceAll('__FRAME_SRC__', src).replaceAll('__FRAME_ORIGIN__', new URL(src).origin),
    );
  });
  return new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      hostPort = (server.address() as AddressInfo).port;
      resolve();
    });
  });
});

test.afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    }),
);

const allowedHost = () => `http://127.0.0.1:${hostPort}`;
const otherHost = () => `http://localhost:${hostPort}`;

/** Open the host page at `hostOrigin`, framing the app's embedded player. */
async function openHost(page: Page, baseURL: string, hostOrigin: string): Promise<void> {
  const src = `${baseURL}?embed=1#/embed?preset=cache-aside&e.speed=20&e.origin=${encodeURIComponent(allowedHost())}`;
  await page.goto(`${hostOrigin}/deck.html?src=${encodeURIComponent(src)}`);
  await expect(
    page.frameLocator('#frame').getByRole('heading', { name: 'Cache-aside (the default)' }),
  ).toBeVisible();
}

function clockMs(page: Page): Promise<number> {
  return page
    .frameLocator('#frame')
    .getByTestId('embed-clock')
    .getAttribute('data-t-ms')
    .then((v) => Number(v));
}

test('an embedded frame resizes its host and obeys play/pause from the allowed origin', async ({
  page,
  baseURL,
}) => {
  await openHost(page, baseURL ?? '', allowedHost());
  const frame = page.frameLocator('#frame');
  // The frame reports its height; the host resizes the iframe from the initial 150 px.
  await expect
    .poll(() => page.locator('#frame').evaluate((el) => el.getBoundingClientRect().height))
    .toBeGreaterThan(200);
  await expect(frame.getByRole('banner')).toHaveCount(0); // no app chrome in embed mode
  await expect(frame.getByTestId('embed-status')).toHaveText('paused');

  await page.evaluate(() => {
    (window as unknown as { sendToFrame: (m: object) => void }).sendToFrame({ type: 'play' });
  });
  await expect(frame.getByTestId('embed-status')).toHaveText('playing');
  await expect.poll(() => clockMs(page)).toBeGreaterThan(1000);

  await page.evaluate(() => {
    (window as unknown as { sendToFrame: (m: object) => void }).sendToFrame({ type: 'pause' });
  });
  await expect(frame.getByTestId('embed-status')).toHaveText('paused');
  const stopped = await clockMs(page);
  await page.waitForTimeout(700);
  expect(await clockMs(page)).toBe(stopped);

  // A payload that does not validate is ignored.
  await page.evaluate(() => {
    (window as unknown as { sendToFrame: (m: object) => void }).sendToFrame({
      type: 'play',
      extra: '<script>',
    });
  });
  await page.waitForTimeout(500);
  await expect(frame.getByTestId('embed-status')).toHaveText('paused');

  const types = await page.evaluate(() =>
    (window as unknown as { __messages: { type: string }[] }).__messages.map((m) => m.type),
  );
  expect(types).toEqual(expect.arrayContaining(['ready', 'height', 'state']));
});

test('an embedded frame ignores commands from an origin that is not allowed', async ({
  page,
  baseURL,
}) => {
  await openHost(page, baseURL ?? '', otherHost());
  const frame = page.frameLocator('#frame');
  await page.evaluate(() => {
    (window as unknown as { sendToFrame: (m: object) => void }).sendToFrame({ type: 'play' });
  });
  await page.waitForTimeout(1200);
  await expect(frame.getByTestId('embed-status')).toHaveText('paused');
  expect(await clockMs(page)).toBe(0);
  // The frame only talks to allowed origins, so this host heard nothing and did not resize.
  const heard = await page.evaluate(
    () => (window as unknown as { __messages: unknown[] }).__messages.length,
  );
  expect(heard).toBe(0);
  expect(await page.locator('#frame').evaluate((el) => (el as HTMLElement).style.height)).toBe('');
});

test('the workshop page builds a snippet for the chosen preset and options', async ({ page }) => {
  await page.goto('#/study/workshop');
  await page.getByLabel('Preset', { exact: true }).selectOption('hot-key-stampede');
  await page.getByLabel('Start playing (otherwise paused)').check();
  await page.getByLabel('Loop from').fill('10');
  await page.getByLabel('to', { exact: true }).fill('30');
  await page
    .getByLabel('Host page origin(s) allowed to send commands')
    .fill('https://slides.example.org');
  const snippet = page.getByTestId('embed-snippet');
  await expect(snippet).toHaveValue(/preset=hot-key-stampede/);
  await expect(snippet).toHaveValue(/autoplay=1/);
  await expect(snippet).toHaveValue(/loop=10000-30000/);
  await expect(snippet).toHaveValue(/origin=https%3A%2F%2Fslides.example.org/);
  await expect(page.frameLocator('.embed-preview').getByRole('heading', { level: 1 })).toHaveText(
    'Hot-key stampede',
  );
});

test('on a phone the workshop preview boots only when it scrolls near the screen', async ({
  page,
}) => {
  await page.setViewportSize({ width: 375, height: 700 });
  await page.goto('#/study/workshop');
  await expect(page.getByTestId('embed-snippet')).toHaveValue(/preset=/);
  // Well below the form: the second copy of the app has not started on this page's main thread,
  // and its box already has the frame's height.
  await page.waitForTimeout(1000);
  await expect(page.locator('.embed-preview')).toHaveCount(0);
  const note = page.getByText('The preview starts when you scroll to it.');
  const box = note.locator('..');
  expect((await box.boundingBox())?.height).toBeGreaterThanOrEqual(520);
  await note.scrollIntoViewIfNeeded();
  await expect(
    page.frameLocator('.embed-preview').getByRole('heading', { level: 1 }),
  ).toBeVisible();
  await expect(note).toHaveCount(0);
});
