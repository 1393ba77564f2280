import { expect, test, type Page } from '@playwright/test';
import { watchConsole } from './helpers';

/** Reads a number shown under a data-testid ("1,204" -> 1204). */
async function num(page: Page, testId: string): Promise<number> {
  const text = (await page.getByTestId(testId).first().textContent()) ?? '';
  return Number(text.replace(/[^\d.-]/g, ''));
}

/** Reads "v3" -> 3. */
async function version(page: Page, testId: string): Promise<number> {
  const text = (await page.getByTestId(testId).first().textContent()) ?? '';
  const m = /v(\d+)/.exec(text);
  expect(m, `${testId} shows a version, got "${text}"`).not.toBeNull();
  return Number(m?.[1]);
}

interface LessonCase {
  readonly id: string;
  readonly title: string;
  /** The key facts the lesson must end on, checked on screen. */
  readonly check: (page: Page) => Promise<void>;
}

const CASES: readonly LessonCase[] = [
  {
    id: 'why-cache',
    title: 'Why cache at all',
    check: async (page) => {
      expect(await num(page, 'fact-db-reads')).toBe(1);
      expect(await num(page, 'fact-reads')).toBeGreaterThan(1);
      await expect(page.getByRole('link', { name: /calculator/ })).toHaveAttribute(
        'href',
        '#/why-cache',
      );
    },
  },
  {
    id: 'layers',
    title: 'Layers: an in-process L1 goes stale on its own',
    check: async (page) => {
      expect(await num(page, 'fact-l1-hits')).toBeGreaterThan(0);
      expect(await num(page, 'fact-stale')).toBeGreaterThan(0);
    },
  },
  {
    id: 'cache-aside',
    title: 'Cache-aside: read, miss, populate; write, then delete',
    check: async (page) => {
      await expect(page.getByTestId('fact-cache')).toHaveText('v1');
      await expect(page.getByTestId('fact-db')).toHaveText('v1');
      await expect(page.getByTestId('prediction-measured')).toHaveText('1');
    },
  },
  {
    id: 'delete-not-update',
    title: 'Why delete, not update, on a write',
    check: async (page) => {
      // The race: the cache ends on an older version than the database.
      expect(await version(page, 'fact-cache')).toBeLessThan(await version(page, 'fact-db'));
      await expect(page.getByTestId('freshness-0')).toContainText('STALE');
      await expect(page.getByTestId('comparison')).toContainText('Delete on write');
    },
  },
  {
    id: 'cache-failure',
    title: 'When the cache goes down, and comes back cold',
    check: async (page) => {
      expect(await num(page, 'fact-errors')).toBe(0);
      expect(await num(page, 'fact-db-reads')).toBeGreaterThan(2);
    },
  },
  {
    id: 'write-through',
    title: 'Write-through: one writer, fresh reads, slower writes',
    check: async (page) => {
      expect(await num(page, 'fact-stale')).toBe(0);
      expect(await version(page, 'fact-cache')).toBe(await version(page, 'fact-db'));
    },
  },
  {
    id: 'write-through-race',
    title: 'Write-through with two writers: the older value wins',
    check: async (page) => {
      expect(await num(page, 'fact-stale')).toBeGreaterThan(0);
      expect(await num(page, 'fact-max-stale')).toBeGreaterThan(500);
      await expect(page.getByTestId('prediction-measured')).toHaveText('1');
      await expect(
        page.getByTestId('comparison').getByRole('row', { name: /version-checked SET/ }),
      ).toBeVisible();
    },
  },
  {
    id: 'write-through-versioned',
    title: 'A version-checked SET stops the older value winning',
    check: async (page) => {
      expect(await num(page, 'fact-stale')).toBe(0);
      expect(await num(page, 'fact-skipped')).toBe(1);
      await expect(page.getByTestId('prediction-measured')).toHaveText('2');
    },
  },
  {
    id: 'write-behind',
    title: 'Write-behind, and a cache crash that loses writes',
    check: async (page) => {
      expect(await num(page, 'fact-lost')).toBeGreaterThan(0);
      expect(await num(page, 'metric-lostWrites')).toBeGreaterThan(0);
    },
  },
  {
    id: 'write-around',
    title: 'Write-around: writes skip the cache',
    check: async (page) => {
      expect(await version(page, 'fact-cache')).toBeLessThan(await version(page, 'fact-db'));
      expect(await num(page, 'fact-stale')).toBeGreaterThan(0);
    },
  },
  {
    id: 'eviction-policies',
    title: 'LRU, LFU and FIFO on the same requests',
    check: async (page) => {
      await expect(page.getByTestId('prediction-measured')).toHaveText('0');
      for (const policy of ['allkeys-lru', 'allkeys-lfu', 'fifo']) {
        await expect(page.getByTestId('comparison')).toContainText(policy);
      }
    },
  },
  {
    id: 'lfu-viral',
    title: 'LFU evicts the key that is about to go viral',
    check: async (page) => {
      expect(await num(page, 'fact-viral-evictions')).toBeGreaterThan(0);
    },
  },
  {
    id: 'noeviction',
    title: 'noeviction: a full cache refuses writes',
    check: async (page) => {
      expect(await num(page, 'fact-oom')).toBeGreaterThan(0);
      await expect(page.getByTestId('fact-oom-text')).toHaveText(
        "OOM command not allowed when used memory > 'maxmemory'.",
      );
    },
  },
  {
    id: 'redis-sampled-lru',
    title: 'Redis’s LRU is an approximation',
    check: async (page) => {
      await expect(page.getByTestId('comparison')).toContainText('redis, 10 samples');
      await expect(page.getByTestId('comparison')).toContainText('exact LRU');
    },
  },
  {
    id: 'ttl',
    title: 'TTL: synchronised expiry, and jitter',
    check: async (page) => {
      expect(await num(page, 'prediction-measured')).toBeGreaterThanOrEqual(10);
      await expect(page.getByTestId('comparison')).toContainText('±10% jitter');
      await expect(page.getByTestId('comparison')).toContainText('Peak DB reads per second');
    },
  },
  {
    id: 'invalidation',
    title: 'Invalidation with TTL only',
    check: async (page) => {
      expect(await num(page, 'fact-stale')).toBeGreaterThan(0);
      await expect(page.getByTestId('fact-cache')).toHaveText('v2');
    },
  },
  {
    id: 'event-driven',
    title: 'Event-driven invalidation',
    check: async (page) => {
      expect(await num(page, 'fact-stale')).toBeGreaterThan(0);
      expect(await num(page, 'fact-max-stale')).toBeLessThan(300);
    },
  },
  {
    id: 'event-repopulate',
    title: 'Why the event handler must not re-populate',
    check: async (page) => {
      expect(await version(page, 'fact-cache')).toBeLessThan(await version(page, 'fact-db'));
    },
  },
  {
    id: 'invalidation-race',
    title: 'The stale-set race, and the TTL safety net',
    check: async (page) => {
      expect(await num(page, 'fact-stale')).toBeGreaterThan(0);
      // After the TTL the cache holds the current version again.
      expect(await version(page, 'fact-cache')).toBe(await version(page, 'fact-db'));
    },
  },
  {
    id: 'stampede',
    title: 'Cache stampede: a hot key expires',
    check: async (page) => {
      expect(await num(page, 'fact-db-reads')).toBeGreaterThanOrEqual(5);
    },
  },
  {
    id: 'rebuild-lock',
    title: 'Rebuild lock: one query per expiry',
    check: async (page) => {
      expect(await num(page, 'fact-db-reads')).toBe(1);
      expect(await num(page, 'fact-lock-waits')).toBeGreaterThan(0);
    },
  },
  {
    id: 'lock-ttl-too-short',
    title: 'A lock TTL shorter than the query lets a second rebuilder in',
    check: async (page) => {
      expect(await num(page, 'fact-lock-acquired')).toBeGreaterThanOrEqual(2);
    },
  },
  {
    id: 'unsafe-lock-release',
    title: 'Unsafe lock release deletes someone else’s lock',
    check: async (page) => {
      expect(await num(page, 'fact-foreign')).toBeGreaterThan(0);
    },
  },
  {
    id: 'stale-while-revalidate',
    title: 'Stale-while-revalidate: nobody waits',
    check: async (page) => {
      expect(await num(page, 'fact-misses')).toBe(0);
      expect(await num(page, 'fact-db-reads')).toBe(1);
    },
  },
  {
    id: 'warming',
    title: 'Cache warming before traffic arrives',
    check: async (page) => {
      await expect(
        page.getByTestId('comparison').getByRole('row', { name: /Warmed on start/ }),
      ).toContainText('0');
      expect(await num(page, 'prediction-measured')).toBeGreaterThan(5);
    },
  },
  {
    id: 'unique-queries',
    title: 'Unique queries: nothing to reuse',
    check: async (page) => {
      expect(await num(page, 'fact-hits')).toBe(0);
    },
  },
  {
    id: 'large-values',
    title: 'Large values crowd out everything else',
    check: async (page) => {
      expect(await num(page, 'fact-evictions')).toBeGreaterThan(0);
    },
  },
  {
    id: 'scans-one-hit-wonders',
    title: 'Scans and one-hit wonders: where LRU loses',
    check: async (page) => {
      expect(await num(page, 'fact-scan-during')).toBeLessThan(await num(page, 'fact-scan-before'));
      await expect(page.getByTestId('comparison-opt')).toContainText('opt (Belady');
      await expect(page.getByTestId('comparison-opt-note')).toContainText('trace runner');
    },
  },
  {
    id: 'shifting-popularity',
    title: 'Shifting popularity: LFU’s weakness',
    check: async (page) => {
      expect(await num(page, 'fact-shift-after')).toBeLessThan(
        await num(page, 'fact-shift-before'),
      );
      await expect(page.getByTestId('fact-shift-old-favourite')).toHaveText('still cached');
      await expect(page.getByTestId('comparison-opt')).toBeVisible();
    },
  },
  {
    id: 'hit-ratio',
    title: 'Measure the hit ratio',
    check: async (page) => {
      expect(await num(page, 'prediction-measured')).toBeLessThan(0.5);
    },
  },
];

for (const c of CASES) {
  test(`lesson ${c.id} plays from start to end and shows its key facts`, async ({ page }) => {
    const errors = watchConsole(page);
    await page.goto(`#/lessons/${c.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(c.title);
    await expect(page).toHaveURL(new RegExp(`#/lessons/${c.id}\\?step=1$`));
    await expect(page.getByTestId('step-number')).toHaveText('1');
    // Step through the first few with Next, then jump to the end.
    const next = page.getByRole('button', { name: 'Next' });
    await next.click();
    await next.click();
    await expect(page.getByTestId('step-number')).toHaveText('3');
    await page.keyboard.press('End');
    const total = (await page.getByTestId('step-total').textContent()) ?? '';
    await expect(page.getByTestId('step-number')).toHaveText(total);
    await expect(page.getByTestId('takeaway')).toBeVisible();
    await expect(next).toBeDisabled();
    await c.check(page);
    expect(errors).toEqual([]);
  });
}

test('every lesson in the registry has an end-to-end case', async ({ page }) => {
  await page.goto('#/lessons');
  await expect(page.getByRole('heading', { level: 1, name: 'Lessons' })).toBeVisible();
  const cards = page.locator('[data-testid^="lesson-card-"]');
  const ids = await cards.evaluateAll((els) =>
    els.map((el) => el.getAttribute('data-testid')?.replace('lesson-card-', '') ?? ''),
  );
  expect([...ids].sort()).toEqual(CASES.map((c) => c.id).sort());
});
