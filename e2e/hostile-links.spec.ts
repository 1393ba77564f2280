import { expect, test, type Page } from '@playwright/test';
import { createRng } from '../src/sim/rng';

/**
 * Generated hostile links, 100+ per route, from a seeded generator (the same links every run):
 * huge, negative, NaN and non-numeric numbers, unknown and repeated parameters, JSON garbage and
 * very long values, mixed with valid ones. For every link: no page error, the page renders, and
 * a notice where a value was rejected; every tenth link also checks that Play still works. One
 * page is reused and navigated by hash (through `#/` so each route mounts afresh), to stay fast.
 *
 * The assertions are about robust behaviour only, not about notice wording, which belongs to
 * the URL codec.
 */

const LINKS_PER_ROUTE = 100;
const PLAY_EVERY = 10;

/** The model's seeded generator started at `seed` itself, so the links are the same every run. */
function rng(seed: number): () => number {
  const generator = createRng(0);
  generator.setState(seed);
  return () => generator.next();
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

/** Values no numeric scenario parameter accepts. */
const REJECTED = ['-1', 'NaN', 'abc', '1e400', '-1e308', '', '0x1G', '{}'];
const HOSTILE = [
  ...REJECTED,
  '1e308',
  '9007199254740993',
  '99999999999',
  '-0',
  'Infinity',
  '1e-400',
  '0',
  '1',
  '3.5',
  '{"a":',
  '[[[[[[',
  '{"__proto__":{"polluted":1}}',
  '[{"atMs":1e308,"kind":"cache-down"}]',
  '<img src=x onerror=alert(1)>',
  '%E0%A4%A',
  'x'.repeat(5000),
  '9'.repeat(400),
  'null',
  'true',
  '🙂',
];
const SCENARIO_PARAMS = [
  'seed',
  'dur',
  'warmup',
  'window',
  'rps',
  'writes',
  'keys',
  'pop',
  'alpha',
  'bytes',
  'classes',
  'viral',
  'script',
  'apps',
  'l1',
  'capacity',
  'policy',
  'evict',
  'ttl',
  'jitter',
  'cachems',
  'dbms',
  'pool',
  'lag',
  'write',
  'flush',
  'batch',
  'lock',
  'retry',
  'swr',
  'warm',
  'faults',
  'preset',
];
const UNKNOWN_PARAMS = ['TTL', 'capacty', 'zzz', '__proto__', 'constructor', 'a'.repeat(300)];
const NUMERIC = ['dur', 'rps', 'keys', 'capacity', 'ttl', 'pool', 'window', 'seed'];
const LESSONS = [
  'why-cache',
  'cache-aside',
  'ttl',
  'stampede',
  'write-behind',
  'invalidation-race',
  'lfu-viral',
];

/**
 * Scenario parameters: one that is certainly rejected (so a notice must show), then a mix of
 * hostile and repeated parameters.
 */
function scenarioParams(r: () => number): URLSearchParams {
  const p = new URLSearchParams();
  p.append(pick(r, NUMERIC), pick(r, REJECTED));
  const n = 1 + Math.floor(r() * 6);
  for (let i = 0; i < n; i++) {
    const name = r() < 0.2 ? pick(r, UNKNOWN_PARAMS) : pick(r, SCENARIO_PARAMS);
    p.append(name, pick(r, HOSTILE));
    if (r() < 0.15) p.append(name, pick(r, HOSTILE)); // repeated
  }
  return p;
}

function playgroundLink(r: () => number): string {
  return `#/playground?${scenarioParams(r).toString()}`;
}

function embedLink(r: () => number): string {
  const p = scenarioParams(r);
  for (const opt of ['speed', 'loop', 'hide', 'origin', 'lock'])
    if (r() < 0.3) p.append(opt, pick(r, HOSTILE));
  return `#/embed?${p.toString()}`;
}

function compareLink(r: () => number): string {
  const p = new URLSearchParams();
  const lanes = 1 + Math.floor(r() * 5);
  for (let i = 0; i < lanes; i++) p.append('lane', scenarioParams(r).toString());
  return `#/compare?${p.toString()}`;
}

function lessonLink(r: () => number): { link: string; known: boolean } {
  const known = r() < 0.6;
  const id = known ? pick(r, LESSONS) : pick(r, ['nope', '%3Cscript%3E', '..', 'x'.repeat(200)]);
  return { link: `#/lessons/${id}?step=${encodeURIComponent(pick(r, HOSTILE))}`, known };
}

/**
 * Navigate by hash. `remount` first visits a route with no page (cheap), so a page that reads
 * its URL once on mount (embed, compare, a lesson) starts afresh; the playground follows its URL.
 */
async function open(page: Page, link: string, remount = true): Promise<void> {
  if (remount) {
    await page.evaluate(() => {
      window.location.hash = '#/hostile-links-hop';
    });
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  }
  await page.evaluate((l) => {
    window.location.hash = l;
  }, link);
}

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

const visibleNotice = (page: Page) => page.locator('main .notice').first();

test.describe('hostile links', () => {
  test.describe.configure({ timeout: 120_000 });

  test('playground: no error, a notice for rejected values, Play still works', async ({ page }) => {
    const errors = watchErrors(page);
    const r = rng(1);
    await page.goto('#/');
    for (let i = 0; i < LINKS_PER_ROUTE; i++) {
      const link = playgroundLink(r);
      await open(page, link, false);
      await expect(page.getByTestId('playback-status'), link).toBeVisible();
      await expect(visibleNotice(page), link).toBeVisible();
      if (i % PLAY_EVERY === 0) {
        const main = page.locator('.playback-main');
        await main.click();
        // Playing, or a run that ended at once (its backlog passed a cap): either way it answered.
        // (A frame the worker sent before it got Play no longer moves the controls back.)
        await expect(page.getByTestId('playback-status')).toContainText(
          /Playing|Run finished|Fast-forwarding/,
        );
        if ((await main.textContent())?.includes('Pause')) {
          await main.click();
          await expect(page.getByTestId('playback-status')).toContainText(/Paused|Run finished/);
        }
      }
      expect(errors, link).toEqual([]);
    }
  });

  test('embed: no error, a notice for rejected values, Play still works', async ({ page }) => {
    const errors = watchErrors(page);
    const r = rng(2);
    await page.goto('#/');
    for (let i = 0; i < LINKS_PER_ROUTE; i++) {
      const link = embedLink(r);
      await open(page, link);
      await expect(page.getByTestId('embed-status'), link).toBeVisible();
      await expect(visibleNotice(page), link).toBeVisible();
      if (i % PLAY_EVERY === 0) {
        const play = page.locator('.embed-controls .button.primary');
        if (await play.isVisible()) {
          await play.click();
          await expect(page.getByTestId('embed-status'), link).toHaveText(
            /playing|finished|stopped/,
          );
        }
      }
      expect(errors, link).toEqual([]);
    }
  });

  test('compare: no error, a notice for rejected values, running still works', async ({ page }) => {
    const errors = watchErrors(page);
    const r = rng(3);
    await page.goto('#/');
    for (let i = 0; i < LINKS_PER_ROUTE; i++) {
      const link = compareLink(r);
      await open(page, link);
      const run = page.getByRole('button', { name: /Run all lanes|Run again/ });
      await expect(run, link).toBeVisible();
      await expect(visibleNotice(page), link).toBeVisible();
      if (i % PLAY_EVERY === 0) {
        await run.click();
        await expect(page.getByRole('button', { name: /Pause|Run again/ }).first()).toBeVisible();
      }
      expect(errors, link).toEqual([]);
    }
  });

  test('lessons: no error, a step within the lesson, unknown lessons say so, Play works', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    const r = rng(4);
    await page.goto('#/');
    for (let i = 0; i < LINKS_PER_ROUTE; i++) {
      const { link, known } = lessonLink(r);
      await open(page, link);
      if (!known) {
        await expect(page.getByRole('heading', { name: 'Lesson not found' }), link).toBeVisible();
      } else {
        const stepNumber = page.getByTestId('step-number');
        const step = Number(await stepNumber.textContent());
        const total = Number(await page.getByTestId('step-total').textContent());
        expect(step >= 1 && step <= total, `${link}: step ${step} of ${total}`).toBe(true);
        if (i % PLAY_EVERY === 0 && step < total) {
          // A "predict first" card holds playback until answered or skipped.
          const skip = page.getByRole('button', { name: 'Skip', exact: true });
          if (await skip.isVisible()) await skip.click();
          await page.getByRole('button', { name: 'Play', exact: true }).click();
          await expect
            .poll(async () => Number(await stepNumber.textContent()))
            .toBeGreaterThan(step);
        }
      }
      expect(errors, link).toEqual([]);
    }
  });

  test('the crash link stays responsive and ends with a clear message', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto('#/playground?rps=10000000&faults=traffic-spike_1000_60000_1000');
    const status = page.getByTestId('playback-status');
    const main = page.locator('.playback-main');
    await main.click();
    await expect(status).toContainText(/Playing at .*×/);
    // Achieved speed is reported truthfully, never as "0×".
    await expect(status).not.toContainText(/Playing at 0×/);
    await main.click();
    await expect(status).toContainText('Paused', { timeout: 2_000 });
    await main.click();
    await expect(page.getByTestId('run-stop')).toContainText(/Run stopped at .*cannot keep up/, {
      timeout: 30_000,
    });
    await page.getByRole('button', { name: 'Reset' }).click();
    await expect(status).toContainText('Ready');
    expect(errors).toEqual([]);
  });

  test('the crash link as an autoplaying embed ends with a clear message', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto('#/embed?rps=10000000&faults=traffic-spike_1000_60000_1000&autoplay=1');
    await expect(page.getByTestId('run-stop')).toContainText(/Run stopped at/, {
      timeout: 30_000,
    });
    await expect(page.getByTestId('embed-status')).toHaveText('stopped');
    expect(errors).toEqual([]);
  });
});
