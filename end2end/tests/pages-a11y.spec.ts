// [P1] axe-core on every page of the route table, in light and in dark mode: any violation fails
// (named to run after auth.spec.ts, which needs the server before first-run setup)
// (all of axe's rules but the experimental ones, best practices such as heading order included).
import AxeBuilder from '@axe-core/playwright';
import { Browser, Page } from '@playwright/test';
import * as fs from 'fs';
import { test, expect, hydrated, signInAsAdmin } from './fixtures';

const KEY = 'AXE';

/** Every route of app/src/routes.rs, with a concrete address; the test below fails when a route
 * is added without one here. */
function pages(story: string, kase: string): Record<string, { url: string; signedIn: boolean }> {
  return {
    '/': { url: '/', signedIn: true },
    '/setup': { url: '/setup', signedIn: false },
    '/login': { url: '/login', signedIn: false },
    '/invite': { url: '/invite?token=not-a-real-invitation-token', signedIn: false },
    '/forgot': { url: '/forgot', signedIn: false },
    '/reset': { url: '/reset?token=not-a-real-reset-token', signedIn: false },
    '/profile': { url: '/profile', signedIn: true },
    '/admin/users': { url: '/admin/users', signedIn: true },
    '/admin/audit': { url: '/admin/audit', signedIn: true },
    '/projects': { url: '/projects', signedIn: true },
    '/projects/:key': { url: `/projects/${KEY}`, signedIn: true },
    '/projects/:key/stories': { url: `/projects/${KEY}/stories`, signedIn: true },
    '/projects/:key/stories/:number': { url: `/projects/${KEY}/stories/${story}`, signedIn: true },
    '/projects/:key/import': { url: `/projects/${KEY}/import`, signedIn: true },
    '/projects/:key/cases': { url: `/projects/${KEY}/cases`, signedIn: true },
    '/projects/:key/cases/new': { url: `/projects/${KEY}/cases/new`, signedIn: true },
    '/projects/:key/cases/:number': { url: `/projects/${KEY}/cases/${kase}`, signedIn: true },
    '/projects/:key/cases/:number/history': { url: `/projects/${KEY}/cases/${kase}/history`, signedIn: true },
    '/system': { url: '/system', signedIn: true },
    '/help': { url: '/help', signedIn: true },
    'not found': { url: '/no/such/page', signedIn: true },
  };
}

function routeTable(): string[] {
  const source = fs.readFileSync('../app/src/routes.rs', 'utf8');
  return [...source.matchAll(/path!\("([^"]*)"\)/g)].map((m) => m[1]);
}

async function seed(page: Page, baseURL: string) {
  const post = (url: string, form: Record<string, string>) => page.request.post(url, { form, headers: { origin: baseURL } });
  expect([200, 409, 422]).toContain((await post('/api/projects/create', { 'input[key]': KEY, 'input[name]': 'Accessibility' })).status());
  const story = await post('/api/stories/create', {
    project: KEY,
    'input[title]': 'Check out with a saved card',
    'input[description]': 'As a returning customer I pay with the card I saved last time.',
    'input[priority]': 'high',
    'input[status]': 'to_do',
    'input[epic]': 'Checkout',
    'input[sprint]': '',
    'input[story_points]': '3',
    'input[assignee]': '',
    'input[external_id]': '',
    'input[criteria]': 'The card is charged once\nA receipt is emailed',
  });
  expect(story.status(), await story.text()).toBe(200);
  const storyNumber = await story.text();
  const made = await post('/api/cases/create', {
    project: KEY,
    'input[title]': 'Pay with a saved card',
    'input[story]': storyNumber,
    'input[tags]': 'smoke checkout',
    'input[gherkin]':
      'Feature: Pay\n  Background:\n    Given a signed-in customer\n\n  @smoke\n  Scenario Outline: saved card\n    Given a saved <card>\n    When they pay "12.50"\n    Then it is charged once\n\n    Examples:\n      | card |\n      | visa |\n',
  });
  expect(made.status(), await made.text()).toBe(200);
  const caseNumber = await made.text();
  // A second revision, so the history page has a diff to show.
  const updated = await post('/api/cases/update', {
    project: KEY,
    number: caseNumber,
    revision: '1',
    'input[title]': 'Pay with a saved card',
    'input[story]': storyNumber,
    'input[gherkin]': 'Feature: Pay\n  Scenario: saved card\n    Given a saved card\n    Then it is charged once\n',
  });
  expect(updated.status(), await updated.text()).toBe(200);
  return { story: storyNumber, kase: caseNumber };
}

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
    const { story, kase } = await seed(page, baseURL!);
    const all = pages(story, kase);
    expect(Object.keys(all).filter((p) => p !== 'not found').sort()).toEqual(routeTable().sort());

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
