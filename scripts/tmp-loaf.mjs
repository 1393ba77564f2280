import { chromium } from '@playwright/test';
const route = process.argv[2];
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const ctx = await b.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true });
const p = await ctx.newPage();
const cdp = await ctx.newCDPSession(p);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await p.addInitScript(() => {
  window.__loaf = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__loaf.push(e.toJSON()); }).observe({ type: 'long-animation-frame', buffered: true });
  window.__lt = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lt.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: 'longtask', buffered: true });
  window.__lcp = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lcp.push([Math.round(e.startTime), e.element?.tagName, e.element?.className, (e.element?.textContent||'').slice(0,60)]); }).observe({ type: 'largest-contentful-paint', buffered: true });
});
await p.goto('http://127.0.0.1:4395/' + route);
await p.waitForTimeout(6000);
const loaf = await p.evaluate(() => window.__loaf);
console.log('longtasks', JSON.stringify(await p.evaluate(() => window.__lt)));
console.log('lcp', JSON.stringify(await p.evaluate(() => window.__lcp)));
for (const f of loaf) {
  console.log(`frame @${Math.round(f.startTime)} ${Math.round(f.duration)}ms block ${Math.round(f.blockingDuration)}`);
  for (const s of f.scripts) console.log(`   ${Math.round(s.duration)}ms ${s.invokerType} ${s.invoker} ${s.sourceFunctionName} ${s.sourceURL.split('/').pop()}:${s.sourceCharPosition}`);
}
await b.close();
