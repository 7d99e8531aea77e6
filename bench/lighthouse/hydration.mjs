// Where a page's start-up time goes in the browser: a CPU profile of one load with Lighthouse's
// mobile CPU (4x slower), from navigation until the page says it has hydrated, and the long
// tasks the page saw. A diagnosis tool beside run.mjs, not a benchmark with a target.
//
//   node bench/lighthouse/hydration.mjs http://127.0.0.1:3200/projects/DEMO/cases/1 'cookie=…'
//
// Prints the long tasks (start, duration) and the 40 functions with the most self time. WASM
// functions have names only when the site was built with CASEBOOK_WASM_NAMES=1 (style/bin/wasm-opt
// then keeps the name section); otherwise they show as wasm-function[N].
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../end2end/package.json'));
const { chromium } = require('@playwright/test');

const [url, cookie] = process.argv.slice(2);
if (!url) {
  console.error('usage: node bench/lighthouse/hydration.mjs URL [COOKIE_HEADER]');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  if (cookie) {
    const origin = new URL(url);
    await context.addCookies(cookie.split('; ').map((c) => {
      const [name, ...v] = c.split('=');
      return { name, value: v.join('='), domain: origin.hostname, path: '/' };
    }));
  }
  await context.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push([Math.round(e.startTime), Math.round(e.duration)]);
    }).observe({ type: 'longtask', buffered: true });
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(process.env.CPU_SLOWDOWN ?? 4) });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.goto(url);
  await page.locator('body[data-hydrated="true"]').waitFor({ timeout: 120_000 });
  const hydrated = await page.evaluate(() => Math.round(performance.now()));
  const { profile } = await cdp.send('Profiler.stop');
  const tasks = await page.evaluate(() => window.__longTasks);

  const total = profile.endTime - profile.startTime;
  const self = new Map();
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    const f = byNode.get(id).callFrame;
    const name = `${f.functionName || "(anonymous)"} ${f.url ? `${path.basename(f.url)}:${f.lineNumber}:${f.columnNumber}` : ""}`.trim();
    self.set(name, (self.get(name) ?? 0) + (dt[i + 1] ?? 0));
  });
  console.log(`${url}: hydrated at ${hydrated} ms (CPU ${process.env.CPU_SLOWDOWN ?? 4}x slower), profile ${Math.round(total / 1000)} ms`);
  console.log(`long tasks: ${tasks.length}, blocking ${tasks.reduce((s, [, d]) => s + Math.max(0, d - 50), 0)} ms: ${tasks.map(([s, d]) => `${s}+${d}`).join(' ')}`);
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 40));
  for (const [name, us] of top) console.log(`${(us / 1000).toFixed(1).padStart(8)} ms  ${name.slice(0, 140)}`);
} finally {
  await browser.close();
}
