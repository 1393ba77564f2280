#!/usr/bin/env node
// Takes screenshots of the running app (light/dark, desktop/375 px) for the README and reviews.
// Usage: node scripts/screenshots.mjs [baseUrl] [outDir] [hashRoute ...]
import { chromium } from '@playwright/test';

const [base = 'http://127.0.0.1:4173/', out = 'docs', ...routes] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const list = routes.length ? routes : ['#/why-cache'];
for (const route of list) {
  for (const scheme of ['light', 'dark']) {
    for (const width of [1280, 375]) {
      const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
      await page.goto(base + route);
      await page.waitForTimeout(Number(process.env.SHOT_WAIT_MS ?? 800));
      const name = `${out}/${route.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home'}-${scheme}-${width}.png`;
      await page.screenshot({ path: name, fullPage: width === 375 });
      console.log(name);
      await page.close();
    }
  }
}
await browser.close();
