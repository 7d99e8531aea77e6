// The site's pages for the journeys that walk all of them: every route of app/src/routes.rs with
// a concrete address, and a seeded project (a story with two criteria, a case linked to it).
import { Page } from '@playwright/test';
import * as fs from 'fs';
import { expect } from './fixtures';

export const KEY = 'AXE';

/** Every route of app/src/routes.rs, with a concrete address; the test below fails when a route
 * is added without one here. */
export function pages(story: string, kase: string, job: string, run = '1', bug = '1'): Record<string, { url: string; signedIn: boolean }> {
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
    '/admin/generation': { url: '/admin/generation', signedIn: true },
    '/projects': { url: '/projects', signedIn: true },
    '/projects/:key': { url: `/projects/${KEY}`, signedIn: true },
    '/projects/:key/stories': { url: `/projects/${KEY}/stories`, signedIn: true },
    '/projects/:key/stories/:number': { url: `/projects/${KEY}/stories/${story}`, signedIn: true },
    '/projects/:key/import': { url: `/projects/${KEY}/import`, signedIn: true },
    '/projects/:key/cases': { url: `/projects/${KEY}/cases`, signedIn: true },
    '/projects/:key/cases/new': { url: `/projects/${KEY}/cases/new`, signedIn: true },
    '/projects/:key/cases/:number': { url: `/projects/${KEY}/cases/${kase}`, signedIn: true },
    '/projects/:key/cases/:number/history': { url: `/projects/${KEY}/cases/${kase}/history`, signedIn: true },
    '/projects/:key/coverage': { url: `/projects/${KEY}/coverage`, signedIn: true },
    '/projects/:key/settings': { url: `/projects/${KEY}/settings`, signedIn: true },
    '/projects/:key/generations/:job': { url: `/projects/${KEY}/generations/${job}`, signedIn: true },
    '/projects/:key/runs': { url: `/projects/${KEY}/runs`, signedIn: true },
    '/projects/:key/runs/new': { url: `/projects/${KEY}/runs/new`, signedIn: true },
    '/projects/:key/runs/:number': { url: `/projects/${KEY}/runs/${run}`, signedIn: true },
    '/projects/:key/runs/:number/cases/:case': { url: `/projects/${KEY}/runs/${run}/cases/${kase}`, signedIn: true },
    '/projects/:key/bugs': { url: `/projects/${KEY}/bugs`, signedIn: true },
    '/projects/:key/bugs/new': { url: `/projects/${KEY}/bugs/new`, signedIn: true },
    '/projects/:key/bugs/board': { url: `/projects/${KEY}/bugs/board`, signedIn: true },
    '/projects/:key/bugs/:number': { url: `/projects/${KEY}/bugs/${bug}`, signedIn: true },
    '/notifications': { url: '/notifications', signedIn: true },
    '/jobs': { url: '/jobs', signedIn: true },
    '/system': { url: '/system', signedIn: true },
    '/help': { url: '/help', signedIn: true },
    'not found': { url: '/no/such/page', signedIn: true },
    'not found in a project': { url: `/projects/${KEY}/no/such/page`, signedIn: true },
  };
}

export function routeTable(): string[] {
  const source = fs.readFileSync('../app/src/routes.rs', 'utf8');
  return [...source.matchAll(/path!\("([^"]*)"\)/g)].map((m) => m[1]);
}

/** A project (`key`, created unless it exists) with a new story of two criteria and a case linked
 * to it in two revisions. */
export async function seed(page: Page, baseURL: string, key = KEY, name = 'Accessibility') {
  const post = (url: string, form: Record<string, string>) => page.request.post(url, { form, headers: { origin: baseURL } });
  expect([200, 409, 422]).toContain((await post('/api/projects/create', { 'input[key]': key, 'input[name]': name })).status());
  const story = await post('/api/stories/create', {
    project: key,
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
    project: key,
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
    project: key,
    number: caseNumber,
    revision: '1',
    'input[title]': 'Pay with a saved card',
    'input[story]': storyNumber,
    'input[gherkin]': 'Feature: Pay\n  Scenario: saved card\n    Given a saved card\n    Then it is charged once\n',
  });
  expect(updated.status(), await updated.text()).toBe(200);
  // Suggested cases from the built-in rules, for the review page.
  const generated = await post('/api/generation/request', {
    project: key,
    'input[stories][0]': storyNumber,
    'input[cases]': '2',
    'input[scenarios]': '2',
    'input[kinds][0]': 'functional',
    'input[language]': 'en',
  });
  expect(generated.status(), await generated.text()).toBe(200);
  const job = await generated.text();
  // A started run of the case, for the run and runner pages.
  const run = await post('/api/runs/create', { project: key, 'input[name]': 'Smoke', 'input[cases][0]': caseNumber });
  expect(run.status(), await run.text()).toBe(200);
  const runNumber = await run.text();
  const started = await post('/api/runs/start', { project: key, number: runNumber });
  expect(started.status(), await started.text()).toBe(200);
  const bug = await post('/api/bugs/create', {
    project: key,
    'input[title]': 'The receipt shows the wrong total',
    'input[description]': 'Seen on **staging**; see [the order](https://example.test/orders/7).',
    'input[severity]': 'high',
    'input[priority]': 'high',
    'input[bug_type]': 'functional',
    'input[case]': caseNumber,
  });
  expect(bug.status(), await bug.text()).toBe(200);
  return { story: storyNumber, kase: caseNumber, job, run: runNumber, bug: await bug.text() };
}

