import { expect, test } from '@playwright/test';
import { ALL_POLICY_IDS } from '../src/sim/cache/cache-types';
import { policyLabel } from '../src/sim/cache/policies/policy-registry';
import { expectAccessible, watchConsole } from './helpers';

test('the wizard recommends cache-aside, delete on write and a minutes TTL, and opens it', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await page.goto('#/study/wizard');
  const answers = [
    'Yes, read far more often than written',
    'Yes: over about 5 ms, joins, external APIs or heavy compute',
    'Slightly (profiles, catalog)',
    'This service',
    'The app falls back to the database',
    '80% to 95%',
  ];
  for (const answer of answers) {
    await page.getByRole('radio', { name: answer }).check();
    await page.getByRole('button', { name: 'Next' }).click();
  }
  await expect(page.getByRole('heading', { name: 'Before you build' })).toBeVisible();
  await page.getByRole('button', { name: 'See the recommendation' }).click();
  await expect(page.getByTestId('rec-pattern')).toContainText('Cache-aside');
  await expect(page.getByTestId('rec-invalidation')).toContainText('Delete on write');
  await expect(page.getByTestId('rec-ttl')).toContainText(/\d+–\d+ minutes/);
  await expect(page.getByTestId('rec-warnings')).toHaveCount(0);
  await expectAccessible(page);
  // The answers live in the URL, so the recommendation can be shared.
  await expect(page).toHaveURL(/staleness=slightly/);
  await page.getByRole('link', { name: 'Open this setup' }).click();
  await expect(page).toHaveURL(/#\/playground\?/);
  await expect(page).toHaveURL(/warm=1/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(errors).toEqual([]);
});

test('the wizard steps with the keyboard and presenter clicker keys', async ({ page }) => {
  await page.goto('#/study/wizard?present=1');
  await expect(page.locator('.app')).toHaveClass(/presenter/);
  await page.getByRole('radio', { name: 'Yes, read far more often than written' }).check();
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('PageDown');
  await expect(page.getByRole('heading', { name: 'Is it expensive to fetch?' })).toBeVisible();
  await page.keyboard.press('PageUp');
  await expect(
    page.getByRole('heading', { name: 'Is the data read often and written rarely?' }),
  ).toBeVisible();
});

test('the cheat sheet lists every registered policy and links rows to lessons', async ({
  page,
}) => {
  await page.goto('#/study/cheat-sheet');
  const policies = page.getByTestId('table-policies');
  for (const id of ALL_POLICY_IDS) {
    await expect(
      policies.getByRole('rowheader', { name: policyLabel(id), exact: true }),
    ).toBeVisible();
  }
  const s3fifo = policies.getByRole('row', { name: /^s3fifo \(not in Redis\)/ });
  await expect(s3fifo).toContainText('one-hit wonders');
  const opt = policies.getByRole('row', { name: /^opt \(not in Redis\)/ });
  await expect(opt).toContainText('needs the future, so it runs only on traces');
  await expect(opt.getByRole('link', { name: /Run the default workload/ })).toHaveCount(0);
  await expect(page.getByTestId('table-stampede')).toContainText('Rebuild lock');
  const writeThrough = page
    .getByTestId('table-patterns')
    .getByRole('row', { name: /^Write-through/ });
  await expect(writeThrough).toContainText('one writer at a time');
  await expect(writeThrough).toContainText('unless the SET is version-checked');
  const lessonLinks = page.locator('a[href^="#/lessons"]');
  expect(await lessonLinks.count()).toBeGreaterThan(10);
  await expectAccessible(page);
  // The print stylesheet hides the navigation and buttons.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Print this page' })).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeHidden();
});

test('drill answers are scored and remembered; numeric ones run the engine', async ({ page }) => {
  await page.goto('#/study/drills?drill=why-trade-off');
  const card = page.getByTestId('drill-why-trade-off');
  await card.getByRole('radio', { name: /Speed against freshness/ }).check();
  await card.getByRole('button', { name: 'Check answer' }).click();
  await expect(card.getByTestId('drill-score')).toContainText('Correct — score 100%');
  await expect(card.getByRole('link', { name: /^Lesson:/ })).toHaveAttribute('href', /#\/lessons/);
  await expect(page.getByRole('row', { name: /Why cache at all/ })).toContainText('1 of');

  await page.goto('#/study/drills?drill=dont-unique-hit');
  await page.reload();
  const numeric = page.getByTestId('drill-dont-unique-hit');
  await numeric.getByLabel('Your prediction').fill('0');
  await numeric.getByRole('button', { name: 'Check by running the engine' }).click();
  await expect(numeric.getByTestId('drill-measured')).toContainText('The engine measured', {
    timeout: 20_000,
  });
  await expect(numeric.getByTestId('drill-score')).toContainText('score 100%');

  // Progress survives a reload.
  await page.reload();
  await expect(page.getByRole('row', { name: /What not to cache/ })).toContainText('1 of');
});

test('a trace drill is checked by the trace runner (OPT on a loop)', async ({ page }) => {
  await page.goto('#/study/drills?drill=evict-opt-loop');
  const card = page.getByTestId('drill-evict-opt-loop');
  await expect(card).toContainText('Checked by replaying a loop of 6 keys');
  await card.getByLabel('Your prediction').fill('77');
  await card.getByRole('button', { name: 'Check by running the trace runner' }).click();
  await expect(card.getByTestId('drill-measured')).toContainText(
    'The trace runner measured 76.67 %',
  );
  await expect(card.getByTestId('drill-score')).toContainText('score 100%');
});

test('an explain drill is scored against its rubric', async ({ page }) => {
  await page.goto('#/study/drills?drill=stampede-explain');
  const card = page.getByTestId('drill-stampede-explain');
  await card
    .getByLabel(/Your answer/)
    .fill(
      'When a hot key expires many concurrent requests miss; use jitter and a lock with SET NX.',
    );
  await card.getByRole('button', { name: 'Show the model answer' }).click();
  await expect(card.getByRole('checkbox', { name: /Rebuild lock/ })).toBeChecked();
  await expect(card.getByRole('checkbox', { name: /Warming/ })).not.toBeChecked();
  await card.getByRole('button', { name: 'Score my answer' }).click();
  await expect(card.getByTestId('drill-score')).toContainText('You covered 3 of 5 rubric points');
});

test('corrupt drill progress resets with a notice', async ({ page }) => {
  await page.goto('#/study');
  await page.evaluate(() => {
    localStorage.setItem('cachescope.drills', '{"v":1,"data":{"records":"oops"}}');
  });
  await page.goto('#/study/drills');
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'drill progress' })).toContainText(
    'could not be read',
  );
});

/** The option texts of a choice drill, in the order shown. */
async function shownOptions(card: import('@playwright/test').Locator): Promise<string[]> {
  await expect(card.getByTestId('choice-options').getByRole('radio')).toHaveCount(4);
  return card
    .getByTestId('choice-options')
    .getByRole('radio')
    .evaluateAll((els) =>
      els.map((el) => el.closest('label')?.textContent.replace(' (answer)', '').trim() ?? ''),
    );
}

test('options are shuffled per attempt: stable across a reload, different on the next try', async ({
  page,
}) => {
  await page.goto('#/study/drills?drill=evict-default');
  const card = page.getByTestId('drill-evict-default');
  const first = await shownOptions(card);
  expect(first).toHaveLength(4);
  await page.reload();
  expect(await shownOptions(card)).toEqual(first);
  await card.getByRole('radio').first().check();
  await card.getByRole('button', { name: 'Check answer' }).click();
  await expect(card.getByTestId('drill-score')).toBeVisible();
  // Answering does not reshuffle what the learner is looking at.
  expect(await shownOptions(card)).toEqual(first);
  const chosen = first[0] ?? '';
  await card.getByRole('button', { name: 'Try this question again' }).click();
  const second = await shownOptions(card);
  expect([...second].sort()).toEqual([...first].sort());
  expect(second).not.toEqual(first);
  // A fresh page is a fresh attempt too, in its own order.
  await card.getByRole('radio').first().check();
  await card.getByRole('button', { name: 'Check answer' }).click();
  // The stored answer is the option chosen, whatever position it was shown at.
  await expect(card.getByTestId('previous-answer')).toHaveText(
    `On your previous attempt you chose “${chosen}”.`,
  );
  await page.reload();
  expect(await shownOptions(card)).not.toEqual(second);
});

test('a mock interview ends with a review: your answer, the model answer, the lesson', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await page.goto('#/study/drills?mode=mock');
  await page.getByLabel('5 questions in 8 minutes').check();
  await page.getByRole('button', { name: 'Start the mock interview' }).click();
  // Answer the first multiple-choice question met (the set is drawn at random).
  let answered: string | null = null;
  for (let q = 0; q < 5; q++) {
    const radios = page.locator('.drill-card').getByTestId('choice-options').getByRole('radio');
    if ((await radios.count()) > 0) {
      answered =
        (await radios.first().evaluate((el) => el.closest('label')?.textContent.trim())) ?? '';
      await radios.first().check();
      await page.getByRole('button', { name: 'Check answer' }).click();
      await expect(page.getByTestId('drill-score')).toBeVisible();
      break;
    }
    await page.getByRole('button', { name: /next question/i }).click();
  }
  await page.getByRole('button', { name: 'Finish now' }).click();
  const review = page.getByTestId('mock-review');
  await expect(review.getByRole('heading', { name: 'Question by question' })).toBeVisible();
  const items = review.getByTestId('mock-review-item');
  await expect(items).toHaveCount(5);
  for (let i = 0; i < 5; i++) {
    await expect(items.nth(i)).toContainText('Your answer');
    await expect(items.nth(i)).toContainText('Model answer');
    await expect(items.nth(i).getByRole('link', { name: /^Lesson: / })).toHaveAttribute(
      'href',
      /^#\/lessons/,
    );
  }
  if (answered !== null) await expect(review).toContainText(`“${answered}”`);
  await expect(review).toContainText('Not answered.');
  await expectAccessible(page);
  expect(errors).toEqual([]);
});

test('the cheat sheet reflows on a phone: no sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('#/study/cheat-sheet');
  await expect(page.getByTestId('table-policies')).toBeVisible();
  const sideways = await page.evaluate(() => {
    const doc = document.documentElement.scrollWidth > document.documentElement.clientWidth + 1;
    const boxes = [...document.querySelectorAll('.table-scroll')].filter(
      (el) => el.scrollWidth > el.clientWidth + 1,
    ).length;
    return { doc, boxes };
  });
  expect(sideways).toEqual({ doc: false, boxes: 0 });
  // Each cell says which column it is.
  await expect(page.getByTestId('table-ttl').locator('td[data-label="TTL"]').first()).toBeVisible();
});

test('a timed mock interview runs and reports a score', async ({ page }) => {
  await page.goto('#/study/drills?mode=mock');
  await page.getByLabel('5 questions in 8 minutes').check();
  await page.getByRole('button', { name: 'Start the mock interview' }).click();
  await expect(page.getByRole('heading', { name: /question 1 of 5/ })).toBeVisible();
  await expect(page.locator('.mock-clock')).toContainText(/[78]:\d\d/);
  await page.getByRole('button', { name: 'Finish now' }).click();
  await expect(page.getByTestId('mock-result')).toContainText('Score: 0 of 5 (5 unanswered)');
});

test('a mock interview ends itself when its time is up, and is stored once', async ({ page }) => {
  // Playwright's clock drives both the machine's time-up delay and the countdown shown.
  await page.clock.install();
  await page.goto('#/study/drills?mode=mock');
  await page.getByLabel('5 questions in 8 minutes').check();
  await page.getByRole('button', { name: 'Start the mock interview' }).click();
  await page.getByRole('button', { name: /next question/i }).click();
  await expect(page.getByRole('heading', { name: /question 2 of 5/ })).toBeVisible();
  await page.clock.runFor('07:50');
  await expect(page.locator('.mock-clock')).toContainText('0:10');
  await expect(page.getByTestId('mock-result')).toHaveCount(0);
  await page.clock.runFor(10_000);
  const result = page.getByTestId('mock-result');
  await expect(result.getByRole('heading', { name: 'Mock interview — time is up' })).toBeVisible();
  await expect(result).toContainText('Score: 0 of 5 (5 unanswered)');
  await expect(result.getByTestId('mock-review-item')).toHaveCount(5);
  const stored = await page.evaluate(() => localStorage.getItem('cachescope.drills'));
  expect(JSON.parse(stored ?? '{}')).toMatchObject({ data: { mocks: [{ score: 0, total: 5 }] } });
});

test('the write-through race drills: the older value wins, and a version-checked SET fixes it', async ({
  page,
}) => {
  await page.goto('#/study/drills?drill=write-through-two-writers');
  const race = page.getByTestId('drill-write-through-two-writers');
  await race.getByRole('radio', { name: /v1, the older value/ }).check();
  await race.getByRole('button', { name: 'Check answer' }).click();
  await expect(race.getByTestId('drill-score')).toContainText('Correct — score 100%');
  await expect(race.getByRole('link', { name: /^Lesson:/ })).toHaveAttribute(
    'href',
    '#/lessons/write-through-race',
  );

  await page.goto('#/study/drills?drill=write-through-versioned-staleness');
  await page.reload();
  const numeric = page.getByTestId('drill-write-through-versioned-staleness');
  await numeric.getByLabel('Your prediction').fill('14');
  await numeric.getByRole('button', { name: 'Check by running the engine' }).click();
  await expect(numeric.getByTestId('drill-measured')).toContainText('The engine measured', {
    timeout: 30_000,
  });
  await expect(numeric.getByTestId('drill-score')).toContainText('score 100%');
});
