// Test-case journey: write a case with an invalid step, see the error marker, fix it with keyword
// completion, save it as ready, edit it, read the diff in its history and restore the old
// version; then find it in the list (keyboard) and through the Ctrl+K palette.
import { test, expect, hydrated, signInAsAdmin } from './fixtures';

const KEY = 'GHK';

test('write, validate, save, edit, diff and restore a Gherkin test case', async ({ page, baseURL }) => {
  await signInAsAdmin(page);
  const made = await page.request.post('/api/projects/create', {
    form: { 'input[key]': KEY, 'input[name]': 'Gherkin journey' },
    headers: { origin: baseURL! },
  });
  expect([200, 409, 422]).toContain(made.status());

  await page.goto(`/projects/${KEY}/cases/new`);
  await hydrated(page);
  await page.getByLabel('Title').fill('Sign in with a password');
  const editor = page.getByLabel('Gherkin');
  // A misspelt heading is no syntax error (it reads as description), but nothing would run.
  await editor.fill('Feature: Sign in\n  Scenaro: right password\n    Given a registered user\n');
  await expect(page.getByRole('region', { name: 'Scenarios to run (0)' })).toContainText(
    'No scenarios to run yet. Line 2: “Scenaro” is not a keyword. Did you mean “Scenario:”?',
  );
  await editor.fill('Feature: Sign in\n\n  Scenario: right password\n    Given a registered user\n    Whne they sign in\n    Then they see their projects\n');
  // The typo is marked in the gutter and explained with its line and column.
  await expect(page.getByTestId('gherkin-error-marker')).toHaveCount(1);
  await expect(page.getByTestId('gherkin-errors')).toContainText('Line 5, column 5: “Whne” is not a keyword. Did you mean “When”?');
  await page.getByLabel('Status').selectOption('ready');
  await page.getByRole('button', { name: 'Create test case' }).click();
  // The refusal points at the list instead of repeating its error.
  await expect(page.getByTestId('gherkin-errors')).toContainText('Only valid Gherkin can be ready. Fix the errors listed below, or save it as a draft.');
  await expect(page.getByTestId('gherkin-errors').getByText('Did you mean “When”?')).toHaveCount(1);

  // Fix the line with keyword completion: type the start of the keyword, accept with Tab.
  const text = await editor.inputValue();
  const broken = text.indexOf('    Whne they sign in');
  await editor.fill(text.replace('    Whne they sign in\n', '    \n'));
  await editor.evaluate((el: HTMLTextAreaElement, at: number) => el.setSelectionRange(at, at), broken + 4);
  await editor.pressSequentially('Wh');
  await expect(page.getByRole('option', { name: 'When' })).toBeVisible();
  await editor.press('Tab');
  await editor.pressSequentially('they sign in');
  await expect(page.getByTestId('gherkin-error-marker')).toHaveCount(0);
  await expect(page.getByTestId('scenario-outline')).toContainText('When they sign in');

  await page.getByRole('button', { name: 'Create test case' }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${KEY}/cases/\\d+$`));
  await expect(page.getByTestId('case-status')).toHaveText('Ready');
  await expect(page.getByTestId('case-revision')).toHaveText('Revision 1');
  await hydrated(page);

  // Edit a step and save: a second revision.
  const saved = await page.getByLabel('Gherkin').inputValue();
  await page.getByLabel('Gherkin').fill(saved.replace('Then they see their projects', 'Then they see their dashboard'));
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved as revision 2.')).toBeVisible();

  // The history shows what changed, and the first version comes back.
  await page.getByRole('link', { name: 'History' }).click();
  await expect(page.getByTestId('revision')).toHaveCount(2);
  await hydrated(page);
  await page.getByRole('button', { name: 'View changes' }).click();
  const diff = page.getByTestId('diff');
  await expect(diff.locator('[data-change=removed]')).toContainText('Then they see their projects');
  await expect(diff.locator('[data-change=added]')).toContainText('Then they see their dashboard');
  await page.getByRole('button', { name: 'Restore revision 1' }).click();
  await expect(page.getByText('Restored as revision 3.')).toBeVisible();
  await expect(page.getByTestId('revision')).toHaveCount(3);
  await page.getByRole('link', { name: /^Back to GHK-TC-/ }).click();
  await expect(page.getByLabel('Gherkin')).toHaveValue(/Then they see their projects/);
  await expect(page.getByTestId('case-revision')).toHaveText('Revision 3');

  // The list: keyboard moves and opens.
  await page.goto(`/projects/${KEY}/cases`);
  await hydrated(page);
  await expect(page.getByTestId('case-count')).toHaveText('1 test case');
  await expect(page.getByTestId('case-row')).toHaveCount(1);
  // Filters change the count and the rows in place (the grid survives every change).
  await page.getByLabel('Type', { exact: true }).selectOption('security');
  await expect(page.getByTestId('case-count')).toHaveText('0 test cases');
  await expect(page.getByText('No test cases match these filters.')).toBeVisible();
  await expect(page.getByTestId('case-row')).toHaveCount(0);
  await page.getByLabel('Type', { exact: true }).selectOption('');
  await expect(page.getByTestId('case-count')).toHaveText('1 test case');
  await expect(page.getByTestId('case-row')).toHaveCount(1);
  // `/` focuses the search, which applies as you type: no Enter needed.
  await page.keyboard.press('/');
  await expect(page.getByLabel('Search')).toBeFocused();
  await page.keyboard.type('zebra');
  await expect(page.getByTestId('case-count')).toHaveText('0 test cases');
  await expect(page.getByText('No test cases match these filters.')).toBeVisible();
  await page.getByLabel('Search').fill('');
  await page.keyboard.type('registe');
  await expect(page.getByTestId('case-count')).toHaveText('1 test case');
  await expect(page.getByTestId('case-row')).toContainText('Sign in with a password');
  await page.getByLabel('Search').blur();
  await page.keyboard.press('x');
  await expect(page.getByRole('region', { name: 'Change selected test cases' })).toContainText('1 selected');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Sign in with a password' })).toBeVisible();

  // The palette finds it by a word of its steps.
  await hydrated(page);
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Search' });
  await palette.getByLabel('Search projects, stories and test cases').fill('registered');
  await expect(palette.getByRole('option').first()).toContainText('Sign in with a password');
  await palette.getByLabel('Search projects, stories and test cases').press('Enter');
  await expect(page).toHaveURL(new RegExp(`/projects/${KEY}/cases/\\d+$`));
});

test('a case linked to a story loads directly and covers its criteria', async ({ page, baseURL }) => {
  await signInAsAdmin(page);
  const post = (url: string, form: Record<string, string>) =>
    page.request.post(url, { form, headers: { origin: baseURL! } });
  expect([200, 409, 422]).toContain((await post('/api/projects/create', { 'input[key]': KEY, 'input[name]': 'Gherkin journey' })).status());
  const story = await post('/api/stories/create', {
    project: KEY,
    'input[title]': 'Pay by card',
    'input[description]': '',
    'input[priority]': 'medium',
    'input[status]': 'backlog',
    'input[epic]': '',
    'input[sprint]': '',
    'input[story_points]': '',
    'input[assignee]': '',
    'input[external_id]': '',
    'input[criteria]': 'The card is charged once\nA receipt is emailed',
  });
  expect(story.status(), await story.text()).toBe(200);
  const storyNumber = await story.text();
  const created = await post('/api/cases/create', {
    project: KEY,
    'input[title]': 'Charge a saved card',
    'input[story]': storyNumber,
    'input[gherkin]': 'Feature: Pay\n  Scenario: saved card\n    Given a saved card\n    Then it is charged once\n',
  });
  expect(created.status(), await created.text()).toBe(200);

  // Loaded straight from the server (not reached by a click), it hydrates without errors and its
  // story's criteria can be ticked and saved.
  await page.goto(`/projects/${KEY}/cases/${await created.text()}`);
  await hydrated(page);
  await expect(page.getByRole('group', { name: `Covers criteria of ${KEY}-US-${storyNumber}` })).toBeVisible();
  await page.getByLabel('A receipt is emailed').check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('case-revision')).toHaveText('Revision 2');
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel('A receipt is emailed')).toBeChecked();
  await expect(page.getByLabel('The card is charged once')).not.toBeChecked();
});

test('select cases with the keyboard, bulk edit them, then bulk delete them', async ({ page, baseURL }) => {
  const BULK = 'BLK';
  await signInAsAdmin(page);
  const post = (url: string, form: Record<string, string>) =>
    page.request.post(url, { form, headers: { origin: baseURL! } });
  expect([200, 409, 422]).toContain((await post('/api/projects/create', { 'input[key]': BULK, 'input[name]': 'Bulk journey' })).status());
  for (const title of ['Refund a card payment', 'Refund a bank transfer', 'Refund a voucher']) {
    const made = await post('/api/cases/create', {
      project: BULK,
      'input[title]': title,
      'input[gherkin]': `Feature: Refunds\n  Scenario: ${title}\n    Given a paid order\n    Then it can be refunded\n`,
    });
    expect(made.status(), await made.text()).toBe(200);
  }

  await page.goto(`/projects/${BULK}/cases`);
  await hydrated(page);
  await expect(page.getByTestId('case-count')).toHaveText('3 test cases');
  await expect(page.getByTestId('case-row')).toHaveCount(3);
  // x selects the active row, j moves down.
  await page.keyboard.press('x');
  await page.keyboard.press('j');
  await page.keyboard.press('x');
  const bar = page.getByRole('region', { name: 'Change selected test cases' });
  await expect(bar).toContainText('2 selected');
  await bar.getByLabel('Set priority').selectOption('critical');
  await bar.getByRole('button', { name: 'Apply' }).click();
  // The result stays on screen after the list reloads (and the selection is cleared).
  await expect(page.getByText('Changed 2 test cases.')).toBeVisible();
  await expect(bar).toHaveCount(0);

  await page.getByLabel('Priority', { exact: true }).selectOption('critical');
  await expect(page.getByTestId('case-count')).toHaveText('2 test cases');
  await expect(page.getByTestId('case-row')).toHaveCount(2);
  await page.getByLabel(`Select ${BULK}-TC-1`).check();
  // A new selection clears the last result.
  await expect(page.getByText('Changed 2 test cases.')).toHaveCount(0);
  await page.getByLabel(`Select ${BULK}-TC-2`).check();
  await bar.getByRole('button', { name: 'Delete selected' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete 2 test cases?' });
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('Deleted 2 test cases.')).toBeVisible();
  await expect(page.getByTestId('case-count')).toHaveText('0 test cases');
  await expect(page.getByText('No test cases match these filters.')).toBeVisible();

  await page.getByLabel('Priority', { exact: true }).selectOption('');
  await expect(page.getByTestId('case-count')).toHaveText('1 test case');
  await expect(page.getByTestId('case-row')).toContainText('Refund a voucher');
});
