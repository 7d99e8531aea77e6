// Lighthouse on Casebook's main pages with its mobile defaults (simulated slow 4G, 4x slower CPU),
// signed in, on a seeded 100,000-case project, against the release build.
//
//   make bench-lighthouse            (builds the site and binary first)
//   node bench/lighthouse/run.mjs    (uses target/release/casebook and target/site as they are)
//
// It starts the server on a throwaway SQLite data dir, runs first-run setup, seeds the DEMO
// project with `casebook demo seed`, and runs each page RUNS times in a fresh Chromium; the run
// with the median performance score is reported. Prints a Markdown table and writes every report
// to target/lighthouse/. Environment: CASEBOOK_LH_PORT (3200), CASEBOOK_LH_CASES (100000),
// CASEBOOK_LH_RUNS (3), CHROMIUM_PATH (/usr/bin/chromium), CASEBOOK_LH_PAGES (comma-separated
// paths, to run a few).
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const root = process.env.CASEBOOK_ROOT ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const port = Number(process.env.CASEBOOK_LH_PORT ?? 3200);
const base = `http://127.0.0.1:${port}`;
const cases = Number(process.env.CASEBOOK_LH_CASES ?? 100_000);
const runs = Number(process.env.CASEBOOK_LH_RUNS ?? 3);
const chromePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const out = path.join(root, 'target/lighthouse');
const dataDir = path.join(out, 'data');
const bin = path.join(root, 'target/release/casebook');
const admin = { org_name: 'Lighthouse QA', name: 'Lena Lighthouse', email: 'lena@lighthouse.test', password: 'amber-harbor-58-compass' };

const PAGES = [
  { name: 'login', path: '/login', signedIn: false },
  { name: 'home', path: '/', signedIn: true },
  { name: 'project list', path: '/projects', signedIn: true },
  { name: 'project overview', path: '/projects/DEMO', signedIn: true },
  { name: 'case list', path: '/projects/DEMO/cases', signedIn: true },
  { name: 'case page', path: '/projects/DEMO/cases/1', signedIn: true },
  { name: 'story list', path: '/projects/DEMO/stories', signedIn: true },
  { name: 'story page', path: '/projects/DEMO/stories/1', signedIn: true },
  { name: 'people', path: '/admin/users', signedIn: true },
];

const serverEnv = { ...process.env, CASEBOOK_ADDR: `127.0.0.1:${port}`, CASEBOOK_DATA_DIR: dataDir, CASEBOOK_SITE_DIR: path.join(root, 'target/site'), CASEBOOK_LOG: 'warn', DATABASE_URL: '' };

async function waitForHealth() {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the server did not answer on ${base}/healthz within a minute`);
}

/** First-run setup as the admin; returns the Cookie header of the signed-in session. */
async function signIn() {
  const res = await fetch(`${base}/api/auth/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
    body: new URLSearchParams(admin),
  });
  if (!res.ok) throw new Error(`setup failed: ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

async function audit(url, cookie) {
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
      extraHeaders: cookie ? { Cookie: cookie } : undefined,
    });
    return result.lhr;
  } finally {
    await chrome.kill();
  }
}

function row(page, lhr) {
  const score = (c) => Math.round((lhr.categories[c]?.score ?? 0) * 100);
  const ms = (a) => lhr.audits[a]?.numericValue ?? NaN;
  return {
    page: page.path,
    performance: score('performance'),
    lcp: `${(ms('largest-contentful-paint') / 1000).toFixed(1)} s`,
    tbt: `${Math.round(ms('total-blocking-time'))} ms`,
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    failing: Object.values(lhr.audits)
      .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'notApplicable' && a.scoreDisplayMode !== 'manual')
      .map((a) => a.id),
  };
}

async function main() {
  if (!fs.existsSync(bin)) throw new Error(`no ${bin}: build it first (make build)`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const server = spawn(bin, [], { env: serverEnv, stdio: ['ignore', 'inherit', 'inherit'] });
  const stop = () => server.kill('SIGTERM');
  process.on('exit', stop);
  try {
    await waitForHealth();
    const cookie = await signIn();
    console.error(`seeding DEMO with ${cases} cases…`);
    execFileSync(bin, ['demo', 'seed', '--org', admin.org_name, '--project', 'DEMO', '--cases', String(cases), '--seed', '7'], { env: serverEnv, stdio: ['ignore', 'ignore', 'inherit'] });
    const only = process.env.CASEBOOK_LH_PAGES?.split(',');
    const rows = [];
    for (const page of PAGES.filter((p) => !only || only.includes(p.path))) {
      const results = [];
      for (let i = 0; i < runs; i++) {
        const lhr = await audit(base + page.path, page.signedIn ? cookie : undefined);
        if (lhr.runtimeError) throw new Error(`${page.path}: ${lhr.runtimeError.message}`);
        if (lhr.finalDisplayedUrl !== base + page.path) throw new Error(`${page.path} ended at ${lhr.finalDisplayedUrl}`);
        results.push(lhr);
      }
      results.sort((a, b) => a.categories.performance.score - b.categories.performance.score);
      const median = results[Math.floor(results.length / 2)];
      fs.writeFileSync(path.join(out, `${page.name.replace(/ /g, '-')}.json`), JSON.stringify(median));
      rows.push(row(page, median));
      console.error(`${page.path}: ${JSON.stringify(rows.at(-1))}`);
    }
    console.log(`Lighthouse ${rows.length ? (await import('lighthouse/package.json', { with: { type: 'json' } })).default.version : ''}, mobile defaults, median of ${runs} runs, ${cases.toLocaleString('en')} cases`);
    console.log('| page | performance | LCP | total blocking time | accessibility | best practices |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const r of rows) console.log(`| \`${r.page}\` | ${r.performance} | ${r.lcp} | ${r.tbt} | ${r.accessibility} | ${r.bestPractices} |`);
    const below = rows.filter((r) => r.performance < 95 || r.accessibility < 100 || r.bestPractices < 100);
    for (const r of below) console.log(`below target on ${r.page}: ${r.failing.join(', ')}`);
    process.exitCode = below.length ? 1 : 0;
  } finally {
    stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
