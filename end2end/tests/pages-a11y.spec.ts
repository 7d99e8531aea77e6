// [P1] axe-core on every page of the route table, in light and in dark mode: any violation fails
// (named to run after auth.spec.ts, which needs the server before first-run setup)
// (all of axe's rules but the experimental ones, best practices such as heading order included).
import AxeBuilder from '@axe-core/playwright';
import { Browser, Page } from '@playwright/test';
import { test, expect, hydrated, signInAsAdmin } from './fixtures';
import { pages, routeTable, seed } from './site-map';

async function violations(page: Page, url: string, errors: string[]) {
  await page.goto(url);
  await hydrated(page).catch((e) => {
    throw new Error(`${url} did not hydrate: ${errors.join('; ')}\n${e}`);
  });
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map((v) => ({
    page: url,
    rule: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ')}`),
  }));
}

async function scheme(browser: Browser, colorScheme: 'light' | 'dark', signedIn: boolean, baseURL: string) {
  const context = await browser.newContext({ colorScheme, baseURL });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 404/.test(m.text())) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  if (signedIn) await signInAsAdmin(page);
  return { context, page, errors };
}

test.use({ expectedErrors: [/status of 404/] });

for (const colorScheme of ['light', 'dark'] as const) {
  test(`every page has no axe-core violations in ${colorScheme} mode`, async ({ page, browser, baseURL }) => {
    test.setTimeout(180_000);
    await signInAsAdmin(page);
    const { story, kase, job, run, bug } = await seed(page, baseURL!);
    const all = pages(story, kase, job, run, bug);
    expect(Object.keys(all).filter((p) => !p.startsWith('not found')).sort()).toEqual(routeTable().sort());

    const found = [];
    for (const signedIn of [true, false]) {
      const { context, page: p, errors } = await scheme(browser, colorScheme, signedIn, baseURL!);
      for (const { url } of Object.values(all).filter((x) => x.signedIn === signedIn)) {
        found.push(...(await violations(p, url, errors)));
        await expect(p.locator('html')).toHaveClass(colorScheme === 'dark' ? /dark/ : /^(?!.*dark)/);
      }
      await context.close();
      expect(errors, 'browser console errors').toEqual([]);
    }
    expect(found, JSON.stringify(found, null, 2)).toEqual([]);
  });
}
