import { expect, test } from '@playwright/test';
import { expectAccessible, hasHorizontalScroll, watchConsole } from './helpers';

test('a lesson can be run with the keyboard alone, including its prediction', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('#/lessons/cache-aside');
  const step = page.getByTestId('step-number');
  await expect(step).toHaveText('1');
  // Tab into the player (past the header links) until the Restart button has focus.
  const restart = page.getByRole('button', { name: 'Restart' });
  for (let i = 0; i < 25 && !(await restart.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(restart).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(step).toHaveText('3');
  await page.keyboard.press('ArrowLeft');
  await expect(step).toHaveText('2');
  await expect(page.getByTestId('live-region')).toHaveText(/^Step 2 of \d+, /);

  // Step on until the question appears, then answer it with the keyboard.
  const question = page.getByRole('group', { name: /Which version will the next read return/ });
  for (let i = 0; i < 40 && !(await question.isVisible()); i++) {
    await page.keyboard.press('ArrowRight');
  }
  await expect(question).toBeVisible();
  const first = page.getByLabel('v0, the old value, still cached');
  const choice = page.getByLabel('v1, the new value, from the database');
  for (let i = 0; i < 10 && !(await first.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(first).toBeFocused();
  // Arrow keys move within the radio group (and must not step the lesson).
  await page.keyboard.press('ArrowDown');
  await expect(choice).toBeFocused();
  await expect(choice).toBeChecked();
  await expect(question).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Lock in my prediction' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('prediction-locked')).toContainText('v1, the new value');
  await expect(page.getByRole('button', { name: 'Next' })).toBeFocused();

  await page.keyboard.press('End');
  await expect(page.getByTestId('prediction-reveal')).toContainText('Your prediction was right.');
  await page.keyboard.press('Home');
  await expect(step).toHaveText('1');

  // Space plays (from anywhere but a button) and pauses again.
  await page.getByRole('region', { name: 'Sequence diagram (scrolls)' }).focus();
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(step).toHaveText('2', { timeout: 5000 });
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('the scrubber moves through the steps and the step survives a reload', async ({ page }) => {
  await page.goto('#/lessons/write-behind?step=4');
  await expect(page.getByTestId('step-number')).toHaveText('4');
  const scrubber = page.getByRole('slider');
  await scrubber.fill('12');
  await expect(page.getByTestId('step-number')).toHaveText('12');
  await expect(page).toHaveURL(/step=12$/);
  await page.reload();
  await expect(page.getByTestId('step-number')).toHaveText('12');
  await expect(scrubber).toHaveAttribute('aria-valuetext', /^Step 12 of \d+$/);
});

test('the newest arrow animates, and does not under reduced motion', async ({ page }) => {
  await page.goto('#/lessons/why-cache?step=3');
  const current = page.locator('.step-row.is-current');
  await expect(current).toHaveClass(/animate/);

  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('#/lessons/why-cache?step=4');
  await expect(page.getByTestId('step-number')).toHaveText('4');
  await expect(current).not.toHaveClass(/animate/);
  const animation = await current
    .locator('.arrow-line, .step-dot')
    .first()
    .evaluate((el) => getComputedStyle(el).animationName);
  expect(animation).toBe('none');
});

test('progress is remembered, shown on the index and can be reset', async ({ page }) => {
  await page.goto('#/lessons');
  await expect(page.getByTestId('lesson-status-ttl')).toHaveText(/Not started/);
  await page.goto('#/lessons/ttl?step=3');
  await expect(page.getByTestId('step-number')).toHaveText('3');
  await page.goto('#/lessons');
  await expect(page.getByTestId('lesson-status-ttl')).toHaveText(/In progress: step 3 of \d+/);
  await page.goto('#/lessons/ttl');
  // The steps come from the lesson worker; keys pressed before they are on screen do nothing.
  await expect(page.getByTestId('step-number')).toHaveText('1');
  await page.keyboard.press('End');
  await expect(page.getByTestId('takeaway')).toBeVisible();
  await page.goto('#/lessons');
  await page.reload();
  await expect(page.getByTestId('lesson-status-ttl')).toHaveText(/Finished/);
  await expect(page.getByTestId('lessons-done')).toHaveText(/^1 of \d+ lessons finished$/);
  await page.getByRole('button', { name: 'Reset progress' }).click();
  await expect(page.getByTestId('lesson-status-ttl')).toHaveText(/Not started/);
});

test('corrupt saved progress is reset with a notice', async ({ page }) => {
  await page.addInitScript(() => {
    localStorage.setItem('cachescope.lessons', '{not json');
  });
  await page.goto('#/lessons');
  const notice = page.getByRole('status').filter({ hasText: 'lesson progress' });
  await expect(notice).toContainText('could not be read');
  await page.getByRole('button', { name: 'Dismiss notice' }).click();
  await expect(notice).toHaveCount(0);
});

test('an unknown lesson says so and links back to the index', async ({ page }) => {
  await page.goto('#/lessons/no-such-lesson');
  await expect(page.getByRole('heading', { name: 'Lesson not found' })).toBeVisible();
  await page.getByRole('link', { name: 'See all lessons' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lessons' })).toBeVisible();
});

test('Open in Playground carries the lesson’s scenario, scaled up', async ({ page }) => {
  await page.goto('#/lessons/stampede?step=2');
  const link = page.getByRole('link', { name: 'Open in Playground (scaled up)' });
  await expect(link).toHaveAttribute('href', /^#\/playground\?preset=hot-key-stampede/);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`lessons index and player have no serious axe violations (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('#/lessons');
    await expect(page.getByRole('heading', { level: 1, name: 'Lessons' })).toBeVisible();
    await expectAccessible(page);
    await page.goto('#/lessons/delete-not-update');
    await expect(page.getByTestId('step-number')).toHaveText('1');
    await page.keyboard.press('End');
    await expect(page.getByTestId('takeaway')).toBeVisible();
    await expectAccessible(page);
  });
}

test('at 375 px a lesson diagram fits: nothing scrolls sideways and the active arrow is in view', async ({
  page,
}) => {
  await page.setViewportSize({ width: 375, height: 800 });
  // Jump rather than glide, so positions are final when measured.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('#/lessons');
  await expect(page.getByRole('heading', { level: 1, name: 'Lessons' })).toBeVisible();
  expect(await hasHorizontalScroll(page)).toBe(false);
  const box = page.getByRole('region', { name: 'Sequence diagram (scrolls)' });
  // Six lanes (the widest lessons) and a long one with retries.
  for (const [id, steps] of [
    ['event-repopulate', [1, 10, 25]],
    ['write-through-race', [5, 20]],
    ['rebuild-lock', [12, 30]],
  ] as const) {
    for (const step of steps) {
      await page.goto(`#/lessons/${id}?step=${step}`);
      await expect(page.getByTestId('step-number')).toHaveText(String(step));
      await expect(box).toHaveAttribute('data-compact', 'true');
      expect(await hasHorizontalScroll(page), `${id} step ${step}: page`).toBe(false);
      expect(
        await box.evaluate((el) => el.scrollWidth <= el.clientWidth + 1),
        `${id} step ${step}: diagram box`,
      ).toBe(true);
      // The current row and its label lie inside the box's visible area.
      const inView = await box.evaluate((el) => {
        const b = el.getBoundingClientRect();
        const parts = el.querySelectorAll(
          '[data-current="true"] .arrow-label, [data-current="true"] .arrow-line, [data-current="true"] .step-dot',
        );
        if (parts.length === 0) return 'no current row';
        for (const p of parts) {
          const r = p.getBoundingClientRect();
          if (
            r.left < b.left - 1 ||
            r.right > b.right + 1 ||
            r.top < b.top - 1 ||
            r.bottom > b.bottom + 1
          )
            return `${p.getAttribute('class') ?? ''} at ${Math.round(r.left)}-${Math.round(r.right)} x ${Math.round(r.top)}-${Math.round(r.bottom)} outside ${Math.round(b.left)}-${Math.round(b.right)} x ${Math.round(b.top)}-${Math.round(b.bottom)}`;
        }
        return 'ok';
      });
      expect(inView, `${id} step ${step}`).toBe('ok');
    }
  }
  await page.keyboard.press('End');
  await expect(page.getByTestId('takeaway')).toBeVisible();
  expect(await hasHorizontalScroll(page)).toBe(false);
});

test('lock retries are drawn and told as retries of the same read', async ({ page }) => {
  await page.goto('#/lessons/rebuild-lock');
  const box = page.getByRole('region', { name: 'Sequence diagram (scrolls)' });
  // Step until the first retry of a waiting read.
  for (
    let i = 0;
    i < 30 &&
    !(await box.locator('[data-current="true"] .arrow-label').textContent())?.startsWith('retry');
    i++
  ) {
    await page.getByRole('button', { name: 'Next' }).click();
  }
  await expect(box.locator('[data-current="true"] .arrow-label')).toHaveText(
    /^retry GET k0 → MISS/,
  );
  await expect(page.getByTestId('narration')).toContainText('Retry by a read already waiting');
});
