import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { presetScenario } from '../src/sim/scenario/presets';
import { expectAccessible, hasHorizontalScroll, openSettings, watchConsole } from './helpers';

/*
 * The playground is driven deterministically: instead of waiting for wall-clock playback, tests
 * seek (the worker replays to an exact simulated time) and then read what the engine reported.
 * Same scenario + seed = same numbers, so thresholds below are stable.
 */

/** Seek to a simulated second with the "Seek to" slider and wait until the worker lands there. */
async function seekTo(page: Page, seconds: number): Promise<void> {
  await page.getByLabel('Seek to').fill(String(seconds));
  const mm = Math.floor(seconds / 60);
  const ss = String(seconds % 60).padStart(2, '0');
  // Generous: replays are quick, but CI machines can be busy.
  await expect(page.getByTestId('sim-time')).toContainText(`${mm}:${ss}.0 /`, { timeout: 20_000 });
  await expect(page.getByTestId('playback-status')).not.toContainText('Fast-forwarding');
}

async function percent(page: Page, testId: string): Promise<number> {
  const text = (await page.getByTestId(testId).textContent()) ?? '';
  return Number(text.replace('%', ''));
}

async function count(page: Page, testId: string): Promise<number> {
  const text = (await page.getByTestId(testId).textContent()) ?? '';
  return Number(text.replace(/,/g, ''));
}

/** Type a value into a live knob and apply it at once (Enter commits without the typing delay). */
async function setKnob(page: Page, label: string, value: string): Promise<void> {
  await openSettings(page);
  const field = page.getByLabel(label, { exact: true });
  await field.fill(value);
  await field.press('Enter');
}

test('loads a preset by URL and shows its name and values in the controls', async ({ page }) => {
  const errors = watchConsole(page);
  // The expected values come from the preset itself, so tuning a preset never breaks this test.
  const preset = presetScenario('hot-key-stampede');
  const popularity = preset.workload.popularity;
  if (popularity.kind !== 'zipf' || preset.cache.ttlMs === null)
    throw new Error('preset changed shape');
  await page.goto('#/playground?preset=hot-key-stampede');
  await expect(page.getByRole('heading', { level: 1, name: 'Playground' })).toBeVisible();
  await expect(page.getByTestId('preset-title')).toHaveText('Hot-key stampede');
  await openSettings(page);
  await expect(page.getByLabel('Preset')).toHaveValue('hot-key-stampede');
  const field = (label: string) => page.getByLabel(label, { exact: true });
  await expect(field('Requests per second')).toHaveValue(String(preset.workload.requestsPerSec));
  await expect(field('TTL')).toHaveValue(String(preset.cache.ttlMs / 1000));
  await expect(field('Jitter')).toHaveValue(String(preset.cache.jitterPct));
  await expect(field('Keys')).toHaveValue(String(preset.workload.keys));
  await expect(field('Write fraction')).toHaveValue(String(preset.workload.writeFraction));
  await expect(field('Zipf alpha')).toHaveValue(String(popularity.alpha));
  await expect(field('DB latency')).toHaveValue(String(preset.db.readLatencyMs));
  await expect(field('Capacity')).toHaveValue(String(preset.cache.capacityKeys ?? ''));
  await expect(page.getByLabel('Write strategy')).toHaveValue('invalidate');
  await expect(page.getByLabel('Eviction policy')).toHaveValue('allkeys-lru');
  await expect(page.getByLabel('Seed', { exact: true })).toHaveValue('42');
  await expect(page.getByTestId('playback-status')).toContainText('Seed 42');
  // Choosing another preset updates the URL without adding history entries.
  const before = await page.evaluate(() => history.length);
  await openSettings(page);
  await page.getByLabel('Preset').selectOption('write-through');
  await expect(page).toHaveURL(/preset=write-through/);
  await expect(page.getByLabel('Write strategy')).toHaveValue('write-through');
  expect(await page.evaluate(() => history.length)).toBe(before);
  expect(errors).toEqual([]);
});

test('changing the TTL makes the hit-ratio line respond, marked on the chart', async ({ page }) => {
  // A 2 s TTL with room for every key: hits are limited by expiry alone. A TTL set at SET time
  // applies to keys written after the change, so give the run a few seconds to re-set them.
  await page.goto('#/playground?ttl=2000&capacity=none');
  await seekTo(page, 20);
  const chart = page.getByTestId('chart-hit-ratio');
  await expect(chart).toHaveAttribute('data-points', '20');
  const before = await percent(page, 'hl-hit-ratio');
  await setKnob(page, 'TTL', '60');
  // Recorded as a change at 0:20, so the link replays the run as it was seen.
  await expect(page).toHaveURL(/changes=.*atMs%22%3A20000.*ttlMs%22%3A60000/);
  await seekTo(page, 40);
  await expect(chart).toHaveAttribute('data-markers', '1');
  await expect(chart).toHaveAttribute('data-points', '40');
  const after = await percent(page, 'hl-hit-ratio');
  expect(after).toBeGreaterThan(before + 15);
  await expect(chart).toHaveAttribute('aria-label', new RegExp(`latest ${after.toFixed(1)}%`));
});

test('killing the cache in cache-aside drops hits to zero and raises DB reads, then recovers', async ({
  page,
}) => {
  await page.goto('#/playground?preset=cache-aside');
  await seekTo(page, 15);
  const dbBefore = await count(page, 'hl-db-reads');
  expect(await percent(page, 'hl-hit-ratio')).toBeGreaterThan(40);
  await page.getByRole('button', { name: 'Kill cache' }).click();
  await seekTo(page, 18);
  await expect(page.getByTestId('topology')).toHaveAttribute('data-cache-state', 'down');
  await expect(page.getByTestId('hl-hit-ratio')).toHaveText('0.0%');
  expect(await count(page, 'hl-db-reads')).toBeGreaterThan(dbBefore * 1.5);
  await expect(page.getByTestId('chart-hit-ratio')).toHaveAttribute('data-markers', '1');
  // Down for 10 s: by 0:35 the cache is back (cold) and answering again.
  await seekTo(page, 35);
  await expect(page.getByTestId('topology')).toHaveAttribute('data-cache-state', 'up');
  expect(await percent(page, 'hl-hit-ratio')).toBeGreaterThan(20);
  expect(await count(page, 'hl-errors')).toBe(0);
});

test('write-behind plus a killed cache loses writes', async ({ page }) => {
  // The flusher runs at a fixed rate, every 4 s from the start: at 15 s, 3 s of writes wait.
  await page.goto('#/playground?write=write-behind&flush=4000');
  await openSettings(page);
  await expect(page.getByLabel('Write strategy')).toHaveValue('write-behind');
  await seekTo(page, 15);
  expect(await count(page, 'hl-lost-writes')).toBe(0);
  await page.getByRole('button', { name: 'Kill cache' }).click();
  await seekTo(page, 20);
  expect(await count(page, 'hl-lost-writes')).toBeGreaterThan(0);
});

test('a DB that cannot keep up raises a banner and the verdict says so; it goes when the DB keeps up', async ({
  page,
}) => {
  const errors = watchConsole(page);
  // The default workload misses ~500 reads/s; five connections to a 50 ms DB serve 100/s. No
  // warm-up, so the very first saturated window already counts in the totals the verdict reads.
  await page.goto('#/playground?pool=5&warmup=0');
  const banner = page.getByTestId('db-banner');
  await expect(banner).toHaveCount(0);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(banner).toContainText(
    /DB saturated: queue growing [\d,]+\/s \([\d,]+ waiting for 5 connections\)/,
    { timeout: 20_000 },
  );
  // Screen readers hear it once, from a status region that does not follow the numbers.
  const announce = page.getByRole('status').filter({ hasText: 'The database cannot keep up' });
  await expect(announce).toHaveText('The database cannot keep up: operations are queuing.');
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toContainText('The database cannot keep up.', { timeout: 20_000 });
  await expect(verdict).toContainText(/Its queue reached [\d,]+ operations since warm-up/);
  await expect(verdict).not.toContainText(/worth it|excellent/i);
  // Banner and verdict colours stay readable, light and dark.
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  // A hundred times the connections: the queue drains and the banner goes.
  await setKnob(page, 'Pool size', '500');
  await expect(banner).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByTestId('db-announce')).toHaveText('The database is keeping up again.');
  await expect(verdict).toContainText(/The database fell behind for [\d.]+ s\./);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  expect(errors).toEqual([]);
});

test('noeviction refuses SETs once the cache is full: counted in the headline and charted', async ({
  page,
}) => {
  await page.goto('#/playground?preset=noeviction-oom');
  await seekTo(page, 15);
  expect(await count(page, 'hl-oom')).toBeGreaterThan(0);
  await expect(page.getByTestId('chart-churn')).toHaveAttribute(
    'aria-label',
    /SETs refused for lack of memory per second, latest [1-9][\d,.]*/,
  );
});

test('a hostile URL renders a working page with a dismissible notice', async ({ page }) => {
  const errors = watchConsole(page);
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await page.goto('#/playground?ttl=-5&policy=<script>alert(1)</script>&capacity=1e999');
  const notice = page.getByTestId('url-notices');
  await expect(notice).toContainText('ttl (cache.ttlMs)');
  await expect(notice).toContainText('policy (cache.policy)');
  await expect(notice).toContainText('capacity (cache.capacityKeys)');
  await openSettings(page);
  await expect(page.getByLabel('TTL', { exact: true })).toHaveValue('300');
  await expect(page.getByLabel('Eviction policy')).toHaveValue('allkeys-lru');
  await expect(page.getByLabel('Capacity', { exact: true })).toHaveValue('1000');
  // The bad parameters are gone from the URL: what is shown is what a copied link holds.
  await expect(page).not.toHaveURL(/script/);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByTestId('playback-status')).toContainText('Playing');
  await expect
    .poll(async () => page.getByTestId('sim-time').textContent())
    .not.toContain('0:00.0 /');
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.getByRole('button', { name: 'Dismiss notice' }).click();
  await expect(notice).toHaveCount(0);
  expect(dialogs).toBe(0);
  expect(errors).toEqual([]);
});

test('works by keyboard alone: shortcuts in the simulation area and the help dialog', async ({
  page,
}) => {
  await page.goto('#/playground');
  const area = page.getByTestId('simulation-area');
  for (let i = 0; i < 40 && !(await area.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(area).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('playback-status')).toContainText('Playing');
  await expect(page.getByTestId('sim-time')).not.toContainText('0:00.0 /');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('playback-status')).toContainText('Paused');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('step-log')).toContainText('request.done');
  await page.keyboard.press('+');
  await expect(page.getByLabel('Speed')).toHaveValue('2');
  await page.keyboard.press('-');
  await page.keyboard.press('-');
  await expect(page.getByLabel('Speed')).toHaveValue('0.5');
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // Buttons and fields keep their own keys: Space on a fault button presses it.
  await page.getByRole('button', { name: 'Expire hottest key' }).focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('chart-hit-ratio')).toHaveAttribute('data-markers', /\d/);
  await expect(page.getByTestId('playback-status')).toContainText('Paused');
  // A knob can be changed by keyboard; typing a space or "+" there never toggles playback.
  await openSettings(page);
  const seed = page.getByLabel('Seed', { exact: true });
  await seed.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('7');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('playback-status')).toContainText('Seed 7');
  await expect(page).toHaveURL(/seed=7/);
});

test('fits a 375 px screen without horizontal scrolling, light and dark, and stays accessible', async ({
  page,
}) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('#/playground?dur=20000&warmup=2000');
  await seekTo(page, 20);
  await expect(page.getByTestId('run-summary')).toBeVisible();
  expect(await hasHorizontalScroll(page)).toBe(false);
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await hasHorizontalScroll(page)).toBe(false);
  await expectAccessible(page);
});

test('is accessible at desktop width while running, with charts and topology', async ({ page }) => {
  await page.goto('#/playground');
  await seekTo(page, 12);
  // Charts draw only while on screen: the latency chart is below the fold.
  await page.getByTestId('chart-latency').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('chart-latency')).toHaveAttribute('data-points', '12');
  await expectAccessible(page);
});

test('a finished run shows a summary with totals and what happened', async ({ page }) => {
  await page.goto('#/playground?dur=30000&warmup=5000');
  await page.getByRole('button', { name: 'Run to end' }).click();
  const summary = page.getByTestId('run-summary');
  await expect(summary).toBeVisible();
  await expect(summary).toContainText(/the cache answered \d+\.\d% of [\d,]+ reads/);
  await expect(summary).toContainText(/DB reads peaked at [\d,]+\/s at 0:\d\d/);
  await expect(summary.getByRole('row', { name: /Hit ratio/ })).toBeVisible();
  // The DB kept up: no banner, and the summary does not invent a saturation.
  await expect(page.getByTestId('db-banner')).toHaveCount(0);
  await expect(summary).not.toContainText('could not keep up');
  await expect(summary.getByRole('row', { name: 'Time DB saturated' })).toContainText('0 ms');
  await expect(page.getByRole('button', { name: 'Play again' })).toBeVisible();
});

test('a run the DB cannot keep up with: p99 counting the unfinished requests, as a lower bound', async ({
  page,
}) => {
  await page.goto('#/playground?dur=20000&warmup=5000&pool=5');
  await page.getByRole('button', { name: 'Run to end' }).click();
  const summary = page.getByTestId('run-summary');
  await expect(summary).toBeVisible();
  await expect(summary).toContainText(
    /[\d,]+ requests were still unfinished when the run ended; the latency percentiles of the [\d,]+ that finished leave them out\. Counting them at their age then \(they take at least that long\), p99 was at least [\d.]+ s\./,
  );
  await expect(
    summary.getByRole('row', { name: /Latency p99 counting unfinished at their age/ }),
  ).toContainText(/≥ [\d.]+ s/);
  await expect(page.getByTestId('verdict')).toContainText(
    /p99 since warm-up is at least [\d.]+ s counting the [\d,]+ unfinished requests at their age \([\d.]+ s over the [\d,]+ finished\)/,
  );
});

test('imports a scenario file (bad files change nothing) and exports metrics as CSV', async ({
  page,
}) => {
  await page.goto('#/playground');
  const input = page.getByLabel('Import scenario');
  await input.setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"cache":{"ttlMs":-1}}'),
  });
  await expect(page.getByTestId('share-message')).toContainText('bad.json was not loaded');
  await expect(page.getByTestId('share-message')).toContainText('cache.ttlMs');
  await openSettings(page);
  await expect(page.getByLabel('TTL', { exact: true })).toHaveValue('300');
  await input.setInputFiles({
    name: 'good.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ seed: 9, cache: { ttlMs: 60000 } })),
  });
  await expect(page.getByTestId('share-message')).toContainText('Loaded good.json');
  await expect(page.getByLabel('TTL', { exact: true })).toHaveValue('60');
  await expect(page).toHaveURL(/seed=9/);

  await seekTo(page, 5);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export metrics CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('cachescope-custom-seed9-metrics.csv');
  const path = await file.path();
  const csv = await readFile(path, 'utf8');
  const lines = csv.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^tMs,widthMs,requests,reads,/);
  expect(lines).toHaveLength(6);

  const svgDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export charts SVG' }).click();
  const svg = await readFile(await (await svgDownload).path(), 'utf8');
  expect(svg).toContain('<svg');
  expect(svg).not.toContain('var(--');
});

test('an imported array is refused with the field named, not run as the defaults', async ({
  page,
}) => {
  await page.goto('#/playground?seed=7');
  const input = page.getByLabel('Import scenario');
  await input.setInputFiles({
    name: 'list.json',
    mimeType: 'application/json',
    buffer: Buffer.from('[]'),
  });
  await expect(page.getByTestId('share-message')).toContainText('list.json was not loaded');
  await expect(page.getByTestId('share-message')).toContainText(
    'scenario must be an object, got an array',
  );
  await input.setInputFiles({
    name: 'lock.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"stampede":{"lock":[]}}'),
  });
  await expect(page.getByTestId('share-message')).toContainText(
    'stampede.lock must be an object, got an array',
  );
  await openSettings(page);
  await expect(page.getByRole('checkbox', { name: 'Rebuild lock' })).not.toBeChecked();
  await expect(page).toHaveURL(/seed=7/);
});

test('write-through offers a version-checked SET: into the URL, and fewer stale reads', async ({
  page,
}) => {
  await page.goto('#/playground?preset=write-through-race');
  await openSettings(page);
  const box = page.getByRole('checkbox', { name: 'Version-checked SET (write-through)' });
  await expect(box).not.toBeChecked();
  await seekTo(page, 20);
  const plain = await count(page, 'hl-stale');
  expect(plain).toBeGreaterThan(0);

  await box.check();
  await expect(page).toHaveURL(/changes=.*versioned%22%3Atrue/);
  // Reset: a new run from the settings in effect, so the link holds the setting from the start.
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page).toHaveURL(/versioned=1/);
  await expect(page).not.toHaveURL(/changes=/);
  await page.reload();
  await openSettings(page);
  await expect(box).toBeChecked();
  await seekTo(page, 20);
  expect(await count(page, 'hl-stale')).toBeLessThan(plain);

  // Only write-through has the option.
  await page.getByLabel('Write strategy').selectOption('invalidate');
  await expect(box).toHaveCount(0);
});

test('with reduced motion the topology shows counts instead of moving requests', async ({
  page,
}) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('#/playground');
  await seekTo(page, 3);
  await expect(page.getByText('Animation is off: counts replace moving requests.')).toBeVisible();
  await expect(page.getByLabel('Animate requests')).not.toBeChecked();
  expect(await count(page, 'count-hits')).toBeGreaterThan(0);
  expect(await count(page, 'count-misses')).toBeGreaterThan(0);
  // No dot drawn: every outcome's path (if any was made) is empty.
  await expect(page.locator('.topo-marks path:not([d=""])')).toHaveCount(0);
});

test('"compare this with" opens Compare with this run as lane A and one knob flipped in lane B', async ({
  page,
}) => {
  await page.goto('#/playground?preset=cache-aside');
  await page.getByRole('link', { name: 'with LFU eviction' }).click();
  await expect(page).toHaveURL(/#\/compare\?/);
  await expect(page.getByTestId('lane-A').getByLabel('Eviction policy')).toHaveValue('allkeys-lru');
  await expect(page.getByTestId('lane-B').getByLabel('Eviction policy')).toHaveValue('allkeys-lfu');
});

test('a chart scrolled out of view is not redrawn while playing, and is current when back', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('#/playground?dur=120000');
  const latency = page.getByTestId('chart-latency');
  const hitRatio = page.getByTestId('chart-hit-ratio');
  await seekTo(page, 5);
  await latency.scrollIntoViewIfNeeded();
  await expect(latency).toHaveAttribute('data-points', '5');
  // Back to the top: the stage charts on screen, the latency chart below the fold.
  await page.evaluate(() => {
    window.scrollTo(0, 0);
  });
  await expect(latency).not.toBeInViewport();
  await expect(hitRatio).toBeInViewport();
  // Count every change to the hidden chart's drawing while the run plays. (Its accessible name
  // may change: it tells the latest values of the run, drawn or not.)
  await latency.evaluate((el) => {
    const w = window as unknown as { hiddenChartChanges: number };
    w.hiddenChartChanges = 0;
    const count = (records: MutationRecord[]) => {
      w.hiddenChartChanges += records.length;
    };
    const svg = el.querySelector('svg');
    if (!svg) throw new Error('the latency chart has no drawing');
    new MutationObserver(count).observe(svg, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
    new MutationObserver(count).observe(el, {
      attributeFilter: ['data-points', 'data-markers'],
    });
  });
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  // The chart on screen keeps drawing new windows...
  await expect
    .poll(async () => Number(await hitRatio.getAttribute('data-points')), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(9);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  // ...while the one off screen was not touched at all.
  expect(
    await page.evaluate(
      () => (window as unknown as { hiddenChartChanges: number }).hiddenChartChanges,
    ),
  ).toBe(0);
  await expect(latency).toHaveAttribute('data-points', '5');
  // Scrolled back into view, it shows every window up to the paused clock (1 s windows).
  const clock = (await page.getByTestId('sim-time').textContent()) ?? '';
  const [, mm, ss] = /^(\d+):(\d+(?:\.\d+)?)/.exec(clock.trim()) ?? [];
  const windows = Math.floor(Number(mm) * 60 + Number(ss));
  expect(windows).toBeGreaterThanOrEqual(9);
  await latency.scrollIntoViewIfNeeded();
  await expect(latency).toHaveAttribute('data-points', String(windows));
  await expect(latency).toHaveAttribute('aria-label', /latest p50 \d/);
});
