// [F6] The tester's day: plan a run, execute a case with the keyboard, fail a step and paste a
// screenshot, report the bug (pre-filled), assign it to a developer, who moves it to fixed;
// back as QA, re-test: the bug becomes verified. A second browser watches the first one's marks
// arrive live.
import { expect, hydrated, member, signInAsAdmin, test } from './fixtures';

const KEY = 'RUNJ';
const GHERKIN =
  'Feature: Checkout\n  Background:\n    Given a signed-in customer\n\n  Scenario: pay by card\n    When they pay 12.50 by card\n    Then a receipt shows the total\n';

/** A tiny PNG (1×1, red) as the clipboard would hold a screenshot. */
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

test('a run executed with the keyboard, a failed step with a pasted screenshot, its bug fixed by a developer and verified by a re-test', async ({ page, browser, baseURL }) => {
  test.setTimeout(180_000);
  await signInAsAdmin(page);
  const post = (url: string, form: Record<string, string>) => page.request.post(url, { form, headers: { origin: baseURL! } });
  expect([200, 409]).toContain((await post('/api/projects/create', { 'input[key]': KEY, 'input[name]': 'Runner journey' })).status());
  const made = await post('/api/cases/create', { project: KEY, 'input[title]': 'Pay by card', 'input[gherkin]': GHERKIN, 'input[tags]': '' });
  expect(made.status(), await made.text()).toBe(200);
  const qa = await member(browser, page, baseURL!, 'qa', 'Quinn QA');
  const dev = await member(browser, page, baseURL!, 'dev', 'Devi Dev');

  // QA plans the run from the project's navigation, by clicking.
  await qa.goto(`/projects/${KEY}`);
  await hydrated(qa);
  await qa.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Test runs' }).click();
  await qa.getByRole('link', { name: 'New test run' }).click();
  await hydrated(qa);
  await qa.getByLabel('Name').fill('Sprint 14 regression');
  await qa.getByLabel('Environment or build (optional)').fill('staging 1.4.2');
  await qa.getByLabel('Every case of the project').check();
  await qa.getByRole('button', { name: 'Create run' }).click();
  await expect(qa.getByRole('heading', { name: 'Sprint 14 regression' })).toBeVisible();
  await qa.getByRole('button', { name: 'Start run' }).click();
  await expect(qa.getByTestId('run-status')).toHaveText('In progress');
  const runUrl = qa.url();

  // The admin hands the case to QA, who is told live and finds the run on the home page.
  await page.goto(runUrl);
  await hydrated(page);
  await page.getByLabel(/^Select RUNJ-TC-/).first().check();
  await page.getByLabel('Assign selected cases to').selectOption({ label: 'Quinn QA (QA)' });
  await page.getByRole('button', { name: 'Assign 1 case' }).click();
  await expect(page.getByTestId('assign-said')).toHaveText('Assigned 1 case to Quinn QA.');
  await expect(page.getByTestId('run-case-people').first()).toContainText('assigned to Quinn QA');
  const bell = qa.getByRole('link', { name: /^Notifications/ });
  await expect(bell).toHaveAccessibleName('Notifications 1 unread');
  await qa.goto('/');
  await hydrated(qa);
  const mine = qa.getByRole('region', { name: 'Runs assigned to you' });
  await expect(mine.getByTestId('my-runs')).toContainText('1 case assigned, 1 to do');
  await bell.click();
  await qa.getByRole('link', { name: /assigned you 1 case of RUNJ-RUN-\d+ “Sprint 14 regression”/ }).click();
  await hydrated(qa);
  await expect(qa.getByLabel('Only cases assigned to me')).toBeChecked();
  await expect(qa.getByTestId('run-cases').getByRole('listitem')).toHaveCount(1);
  await expect(bell).toHaveAccessibleName('Notifications');
  await qa.getByRole('link', { name: 'Execute' }).first().click();
  await expect(qa.getByRole('heading', { name: 'Pay by card', exact: true })).toBeVisible();
  await hydrated(qa);

  // The admin watches the same case in a second browser.
  await page.goto(qa.url());
  await hydrated(page);
  const watched = page.getByRole('group', { name: 'Step 1: Given a signed-in customer' });
  await expect(watched.getByRole('button', { name: 'Pass' })).toHaveAttribute('aria-pressed', 'false');

  // Keyboard: ? shows the keys; p passes the Background step; f fails the next one.
  await qa.keyboard.press('?');
  const keys = qa.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(keys).toBeVisible();
  await keys.getByRole('button', { name: 'Close' }).click();
  await qa.keyboard.press('p');
  await expect(qa.getByRole('group', { name: 'Step 1: Given a signed-in customer' }).getByRole('button', { name: 'Pass' })).toHaveAttribute('aria-pressed', 'true');
  await qa.keyboard.press('f');
  const failed = qa.getByRole('group', { name: 'Step 2: When they pay 12.50 by card' });
  await expect(failed.getByRole('button', { name: 'Fail' })).toHaveAttribute('aria-pressed', 'true');
  await expect(qa.getByTestId('exec-status').first()).toHaveText('Failed');
  await qa.getByLabel('Actual result').fill('The payment page shows error 500');
  await qa.getByLabel('Actual result').blur();
  await expect(qa.getByTestId('save-state')).toHaveText('All results saved.');
  await expect(qa.getByRole('timer')).not.toHaveText('0:00', { timeout: 5_000 });

  // The second browser saw both marks arrive, with who made them.
  await expect(watched.getByRole('button', { name: 'Pass' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('group', { name: 'Step 2: When they pay 12.50 by card' }).getByRole('button', { name: 'Fail' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByText('Marked by Quinn QA').first()).toBeVisible();

  // A screenshot pasted onto the failed step is attached to it.
  const step = qa.getByTestId('run-step').nth(1);
  await step.click();
  await qa.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'screenshot.png', { type: 'image/png' }));
    const target = document.querySelectorAll('[data-testid="run-step"]')[1] as HTMLElement;
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, PNG_BASE64);
  await expect(step.getByRole('img', { name: /screenshot\.png/ })).toBeVisible();

  // Report the bug from the failed step: pre-filled.
  await step.getByRole('link', { name: 'Report bug for step 2' }).click();
  await hydrated(qa);
  await expect(qa.getByLabel('Title')).toHaveValue(/they pay 12\.50 by card/);
  await expect(qa.getByLabel('Actual result')).toHaveValue('The payment page shows error 500');
  await expect(qa.getByLabel('Steps to reproduce')).toHaveValue(/a signed-in customer[\s\S]*they pay 12\.50 by card/);
  await expect(qa.getByLabel('Environment or build')).toHaveValue('staging 1.4.2');
  await qa.getByLabel('Severity').selectOption('high');
  await qa.getByRole('button', { name: 'Report bug' }).click();
  await expect(qa.getByTestId('bug-status')).toHaveText('New');
  const bugUrl = qa.url();
  await hydrated(qa);
  await qa.getByLabel('Assignee').selectOption({ label: 'Devi Dev' });
  await expect(qa.getByTestId('bug-status')).toHaveText('Assigned');
  // The case's page lists it among its open bugs.
  const casePage = `/projects/${KEY}/cases/${await made.text()}`;
  await qa.goto(casePage);
  await expect(qa.getByTestId('open-bugs')).toContainText('they pay 12.50 by card');
  // The bug list filters by the case's key as people type it, and by open bugs only.
  await qa.goto(`/projects/${KEY}/bugs`);
  await hydrated(qa);
  await qa.getByLabel('Test case').fill(`TC-${await made.text()}`);
  await qa.getByLabel('Test case').press('Enter');
  await expect(qa).toHaveURL(/case=TC-\d+/);
  await expect(qa.getByTestId('bugs')).toContainText('they pay 12.50 by card');
  await qa.getByLabel('Open bugs only').check();
  await expect(qa).toHaveURL(/open=1/);
  await expect(qa.getByTestId('bugs')).toContainText('they pay 12.50 by card');
  await qa.getByRole('link', { name: 'Clear filters' }).click();
  await expect(qa.getByLabel('Test case')).toHaveValue('');
  await qa.goto(bugUrl);

  // The developer is told: the header counts it, and the notification leads to the bug.
  await dev.goto('/');
  await hydrated(dev);
  const told = dev.getByRole('link', { name: /^Notifications/ });
  await expect(told).toHaveAccessibleName('Notifications 1 unread');
  await told.click();
  await expect(dev.getByRole('heading', { name: 'Notifications', level: 1 })).toBeVisible();
  await dev.getByRole('link', { name: /Quinn QA assigned you RUNJ-BUG-1/ }).click();
  await expect(dev.getByTestId('bug-status')).toHaveText('Assigned');
  await expect(told).toHaveAccessibleName('Notifications');

  // The developer finds it under "my bugs" and moves it to fixed, with fix notes.
  await dev.goto(`/projects/${KEY}/bugs`);
  await hydrated(dev);
  await dev.getByLabel('Assignee').selectOption('me');
  await dev.getByRole('link', { name: /they pay 12\.50 by card/ }).click();
  await hydrated(dev);
  await expect(dev.getByRole('button', { name: 'Move to Verified' })).toHaveCount(0);
  await dev.getByRole('button', { name: 'Move to In progress' }).click();
  await dev.getByRole('dialog', { name: 'Move to In progress' }).getByRole('button', { name: 'Move' }).click();
  await expect(dev.getByTestId('bug-status')).toHaveText('In progress');
  await dev.getByRole('button', { name: 'Move to Fixed' }).click();
  const fix = dev.getByRole('dialog', { name: 'Move to Fixed' });
  await fix.getByRole('button', { name: 'Move' }).click();
  await expect(fix.getByRole('alert').filter({ hasText: /fix/i }).first()).toBeVisible();
  await fix.getByLabel('Fix notes (what was changed, and where)').fill('The card gateway timeout was raised; see PR 88.');
  await fix.getByRole('button', { name: 'Move' }).click();
  await expect(dev.getByTestId('bug-status')).toHaveText('Fixed');
  // QA reported it: both moves reached QA's open page live, as unread notifications.
  await expect(qa.getByRole('link', { name: /^Notifications/ })).toHaveAccessibleName('Notifications 2 unread');

  // Back as QA: re-test runs the linked case; passing it verifies the bug.
  await qa.goto(bugUrl);
  await hydrated(qa);
  await qa.getByRole('button', { name: 'Re-test' }).click();
  await expect(qa.getByTestId('retest')).toContainText('Re-testing');
  await hydrated(qa);
  for (let i = 0; i < 3; i++) await qa.keyboard.press('p');
  await expect(qa.getByTestId('retest')).toContainText('is now verified');
  await qa.goto(bugUrl);
  await expect(qa.getByTestId('bug-status')).toHaveText('Verified');
  await expect(qa.getByTestId('bug-history')).toContainText('Fixed → Testing');
  await qa.goto(casePage);
  await expect(qa.getByRole('region', { name: 'Open bugs' })).toContainText('No open bug is linked to this case.');
  await qa.goto(runUrl);
  await expect(qa.getByTestId('run-counts')).toContainText('1 failed');
  await qa.context().close();
  await dev.context().close();
});

test.describe('saved lists', () => {
  // Saving under a name that is taken is refused with a 422, which Chromium logs.
  test.use({ expectedErrors: [/status of 422/] });

  test('a selection saved as a list plans a run of its cases', async ({ page, baseURL }) => {
    const LIST = 'RUNL';
    await signInAsAdmin(page);
    const post = (url: string, form: Record<string, string>) => page.request.post(url, { form, headers: { origin: baseURL! } });
    expect([200, 409]).toContain((await post('/api/projects/create', { 'input[key]': LIST, 'input[name]': 'Saved lists' })).status());
    for (const title of ['Smoke one', 'Smoke two']) {
      const made = await post('/api/cases/create', { project: LIST, 'input[title]': title, 'input[gherkin]': GHERKIN, 'input[tags]': '' });
      expect(made.status(), await made.text()).toBe(200);
    }
    await page.goto(`/projects/${LIST}/cases`);
    await hydrated(page);
    await page.getByLabel(`Select ${LIST}-TC-1`).check();
    const bar = page.getByRole('region', { name: 'Change selected test cases' });
    await bar.getByRole('button', { name: 'Save as list' }).click();
    let dialog = page.getByRole('dialog', { name: 'Save the selection as a list' });
    await expect(dialog.getByLabel('List name')).toBeFocused();
    await dialog.getByLabel('List name').fill('Smoke');
    await dialog.getByRole('button', { name: 'Save list' }).click();
    await expect(page.getByText('Saved “Smoke” (1 case).')).toBeVisible();
    await expect(dialog).toHaveCount(0);

    // The same name again is refused beside the field, until "replace" is ticked.
    await page.getByLabel(`Select ${LIST}-TC-2`).check();
    await bar.getByRole('button', { name: 'Save as list' }).click();
    dialog = page.getByRole('dialog', { name: 'Save the selection as a list' });
    await dialog.getByLabel('List name').fill('Smoke');
    await dialog.getByRole('button', { name: 'Save list' }).click();
    await expect(dialog.getByRole('alert').first()).toContainText('There is a list named “Smoke” already');
    await expect(dialog.getByLabel('List name')).toHaveAttribute('aria-invalid', 'true');
    await dialog.getByLabel('Replace the list of this name if there is one').check();
    await dialog.getByRole('button', { name: 'Save list' }).click();
    await expect(page.getByText('Saved “Smoke” (2 cases).')).toBeVisible();

    await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Test runs' }).click();
    await page.getByRole('link', { name: 'New test run' }).click();
    await hydrated(page);
    await page.getByLabel('Name').fill('From the smoke list');
    await page.getByLabel('A saved list').check();
    await expect(page.getByLabel('Saved list', { exact: true })).toHaveValue(/\d+/);
    await expect(page.getByLabel('Saved list', { exact: true }).locator('option:checked')).toHaveText('Smoke — 2 cases');
    await page.getByRole('button', { name: 'Create run' }).click();
    await expect(page.getByRole('heading', { name: 'From the smoke list' })).toBeVisible();
    await expect(page.getByTestId('run-cases').getByRole('listitem')).toHaveCount(2);
  });
});
