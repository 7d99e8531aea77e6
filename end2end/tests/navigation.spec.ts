// [U1] Everything in two clicks: from the signed-in home page to a project's cases, a case, its
// story, the story's other cases, an uncovered criterion's "new test case" and the project's
// settings, by clicking only, at desktop and at phone width; and every page below a project has
// breadcrumbs and the project navigation with the current section marked.
import { Page } from '@playwright/test';
import { test, expect, hydrated, signInAsAdmin } from './fixtures';
import { pages, routeTable, seed, KEY } from './site-map';

/** A second case on the seeded story, covering neither criterion (the story's "other case"). */
async function secondCase(page: Page, baseURL: string, key: string, story: string) {
  const made = await page.request.post('/api/cases/create', {
    form: { project: key, 'input[title]': 'Pay with a new card', 'input[story]': story, 'input[gherkin]': 'Feature: Pay\n  Scenario: new card\n    Given a new card\n' },
    headers: { origin: baseURL },
  });
  expect(made.status(), await made.text()).toBe(200);
}

const project = (page: Page) => page.getByRole('navigation', { name: 'Project' });
/** The marked section link (folded away on a phone, so found by CSS rather than by role). */
const current = (page: Page) => project(page).locator('a[aria-current]');
const crumbs = (page: Page) => page.getByRole('navigation', { name: 'Breadcrumb' });

/** Opens a section of the project's navigation, through the phone's menu when it is folded. */
async function section(page: Page, name: string) {
  const menu = project(page).getByRole('button', { name: /^Sections/ });
  if (await menu.isVisible()) await menu.click();
  await project(page).getByRole('link', { name }).click();
}

for (const [viewport, key, name] of [
  [{ width: 1280, height: 800 }, 'NAVD', 'Navigation desktop'],
  [{ width: 390, height: 844 }, 'NAVP', 'Navigation phone'],
] as const) {
  test(`from home to every part of a project by clicking only, ${viewport.width}px wide`, async ({ page, baseURL }) => {
    test.setTimeout(90_000);
    await page.setViewportSize(viewport);
    await signInAsAdmin(page);
    const { story } = await seed(page, baseURL!, key, name);
    await secondCase(page, baseURL!, key, story);

    await page.goto('/');
    await hydrated(page);
    // Home: the person's projects, straight to a project's test cases.
    await expect(page.getByRole('heading', { name: 'Your projects' })).toBeVisible();
    await page.getByRole('link', { name: `2 test cases in ${name}` }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Test cases' })).toBeVisible();
    await expect(current(page)).toContainText('Test cases');
    await expect(current(page)).toHaveAttribute('aria-current', 'page');
    await expect(crumbs(page).getByText('Test cases')).toHaveAttribute('aria-current', 'page');

    // A case, readable at this width: the title is not cut to a few letters.
    const row = page.getByTestId('case-row').filter({ hasText: 'Pay with a saved card' });
    const title = row.getByRole('link', { name: 'Pay with a saved card' });
    const box = await title.boundingBox();
    expect(box!.width, 'the title shows whole').toBeGreaterThan(120);
    await title.click();
    await expect(page.getByRole('heading', { level: 1, name: 'Pay with a saved card' })).toBeVisible();
    await expect(current(page)).toContainText('Test cases');
    await expect(current(page)).toHaveAttribute('aria-current', 'true');
    await expect(crumbs(page).getByRole('link', { name: 'Test cases' })).toBeVisible();

    // Its story, and the story's other case.
    await page.getByTestId('case-story').getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Check out with a saved card' })).toBeVisible();
    const cases = page.getByTestId('story-cases');
    await expect(cases.getByRole('link', { name: 'Pay with a saved card' })).toBeVisible();
    await cases.getByRole('link', { name: 'Pay with a new card' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Pay with a new card' })).toBeVisible();
    await page.getByTestId('case-story').getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Check out with a saved card' })).toBeVisible();

    // An uncovered criterion's "new test case" opens the form with the story and criterion set.
    const uncovered = page.getByTestId('criterion').filter({ hasText: 'Not covered' }).first();
    await expect(uncovered).toBeVisible();
    const criterion = (await uncovered.locator('span.whitespace-pre-line').innerText()).trim();
    await uncovered.getByRole('link', { name: /New test case/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'New test case' })).toBeVisible();
    await hydrated(page);
    await expect(page.getByLabel('Linked story')).toHaveValue(/-US-/);
    await expect(page.getByRole('checkbox', { name: criterion })).toBeChecked();

    // The project's settings, from the navigation.
    await section(page, 'Settings');
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await expect(page.getByLabel('Name')).toHaveValue(name);
    await expect(current(page)).toHaveText('Settings');
    await expect(current(page)).toHaveAttribute('aria-current', 'page');

    // And the overview, with its counts and what needs doing.
    await section(page, 'Overview');
    await expect(page.getByRole('heading', { name: 'Stories without test cases' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Recent changes' })).toBeVisible();
    await expect(page.getByText(/case created/i).first()).toBeVisible();
    // Its quick action opens the new-story dialog on the story list.
    await page.getByRole('group', { name: 'Quick actions' }).getByRole('link', { name: 'New story' }).click();
    await expect(page.getByRole('dialog', { name: 'New story' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name: 'New story' })).toBeHidden();

    // Home now lists what was visited.
    const menu = page.getByRole('button', { name: 'Menu', exact: true });
    if (await menu.isVisible()) await menu.click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
    const visited = page.getByTestId('recent-visits').getByRole('listitem').filter({ hasText: `${key}-US-` });
    await expect(visited.getByRole('link', { name: 'Check out with a saved card' })).toBeVisible();
  });
}

test.describe('the route table', () => {
test.use({ expectedErrors: [/status of 404/] });
test('every page below a project has breadcrumbs and the project navigation with the current section marked', async ({ page, baseURL }) => {
  test.setTimeout(90_000);
  await signInAsAdmin(page);
  const { story, kase, job, run, bug } = await seed(page, baseURL!);
  const all = pages(story, kase, job, run, bug);
  const below = routeTable().filter((r) => r.startsWith('/projects/:key'));
  expect(below.length).toBeGreaterThan(8);
  const section: Record<string, string> = {
    stories: 'Stories',
    import: 'Stories',
    cases: 'Test cases',
    generations: 'Test cases',
    coverage: 'Coverage',
    runs: 'Test runs',
    bugs: 'Bugs',
    settings: 'Settings',
  };
  for (const route of [...below, 'not found in a project']) {
    const { url } = all[route];
    await page.goto(url);
    await hydrated(page);
    await expect(crumbs(page).getByRole('link', { name: 'Projects' }), url).toHaveAttribute('href', '/projects');
    await expect(crumbs(page).locator('[aria-current="page"]'), url).toHaveCount(1);
    const marked = current(page);
    if (route === 'not found in a project') {
      await expect(marked, url).toHaveCount(0);
      await expect(page.getByRole('link', { name: `Back to project ${KEY}` })).toBeVisible();
      continue;
    }
    const part = route.split('/')[3];
    await expect(marked, url).toHaveCount(1);
    await expect(marked, url).toContainText(part ? section[part] : 'Overview');
    // The section's own page is the page; a story or case below it is "in" it.
    const atSection = route === '/projects/:key' || route.split('/').length === 4;
    await expect(marked, url).toHaveAttribute('aria-current', atSection && part !== 'import' ? 'page' : 'true');
  }
});
});

test('on a phone the lists fold their filters behind a button with the active count', async ({ page, baseURL }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAsAdmin(page);
  await seed(page, baseURL!);
  for (const [path, label] of [['cases', 'Status'], ['stories', 'Status']] as const) {
    await page.goto(`/projects/${KEY}/${path}`);
    await hydrated(page);
    const filters = page.getByRole('button', { name: /^Filters/ });
    await expect(filters).toHaveText('Filters');
    await expect(page.getByLabel(label, { exact: true })).toBeHidden();
    await filters.click();
    await expect(filters).toHaveAttribute('aria-expanded', 'true');
    await page.getByLabel(label, { exact: true }).selectOption({ index: 1 });
    await expect(filters).toHaveText('Filters (1)');
    await filters.click();
    await expect(page.getByLabel(label, { exact: true })).toBeHidden();
  }
});
