import { chromium } from 'playwright-core';
// usage: node smooth.mjs [base] [specialist] [cards]
const base = process.argv[2] ?? 'http://localhost:8080';
const who = process.argv[3] ?? 'spec-1';
const expected = Number(process.argv[4] ?? 300);
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const browser = await chromium.launch({ executablePath: chromiumPath, headless: true,
  args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
const page = await ctx.newPage();
await page.goto(base + '/login');
await page.fill('input[name=username]', who);
await page.fill('input[name=password]', 'demo');
const t0 = Date.now();
await page.click('button[type=submit]');
await page.waitForURL(u => u.toString().endsWith('/board'));
await page.waitForFunction((n) => document.querySelectorAll('.card').length >= n, expected, { timeout: 30000 });
console.log('sign-in to ' + expected + ' cards on screen (ms):', Date.now() - t0);
// frame intervals over 10 s while clocks tick, plus a claim storm from another specialist's socket
const frames = await page.evaluate(() => new Promise(res => {
  const gaps = []; let last = performance.now(); const end = last + 10000;
  function f(t) { gaps.push(t - last); last = t; if (t < end) requestAnimationFrame(f); else res(gaps); }
  requestAnimationFrame(f);
}));
frames.sort((a, b) => a - b);
const pct = p => frames[Math.min(frames.length - 1, Math.floor(p / 100 * frames.length))].toFixed(1);
console.log('frames', frames.length, 'gap p50', pct(50), 'p95', pct(95), 'p99', pct(99), 'max', frames[frames.length - 1].toFixed(1), 'ms');
const long = await page.evaluate(() => new Promise(res => {
  const tasks = []; const obs = new PerformanceObserver(l => l.getEntries().forEach(e => tasks.push(e.duration)));
  obs.observe({ type: 'longtask', buffered: false });
  setTimeout(() => { obs.disconnect(); res(tasks); }, 5000);
}));
console.log('long tasks (>50 ms) in 5 s of ticking:', long.length, long.map(x => x.toFixed(0)).join(','));

await browser.close();
