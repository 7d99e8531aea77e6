// [F6] Notifications: a bug assigned to the admin by QA shows in the header's count and on the
// notifications page; marking all read clears both; the settings turn in-app assignments off
// and a later assignment tells nobody.
import { expect, hydrated, member, signInAsAdmin, test } from './fixtures';

const KEY = 'NOTE';

test('notifications: told of an assignment, marked read, and turned off in the settings', async ({ page, browser, baseURL }) => {
  test.setTimeout(90_000);
  await signInAsAdmin(page);
  const post = (p: typeof page, url: string, form: Record<string, string>) => p.request.post(url, { form, headers: { origin: baseURL! } });
  expect([200, 409]).toContain((await post(page, '/api/projects/create', { 'input[key]': KEY, 'input[name]': 'Notices' })).status());
  const members = await (await post(page, '/api/users/members', {})).json();
  const admin = members.find((m: { name: string }) => m.name === 'Ada Admin');
  const adminId = String(admin.id);
  const qa = await member(browser, page, baseURL!, 'qa', 'Nora QA');
  const report = async (title: string) => {
    const made = await post(qa, '/api/bugs/create', { project: KEY, 'input[title]': title });
    expect(made.status(), await made.text()).toBe(200);
    const number = String(await made.json());
    const assigned = await post(qa, '/api/bugs/assign', { project: KEY, number, assignee: adminId });
    expect(assigned.status(), await assigned.text()).toBe(200);
  };

  await report('Totals round down');
  await page.goto('/');
  await hydrated(page);
  const link = page.getByRole('link', { name: /^Notifications/ });
  await expect(link).toHaveAccessibleName('Notifications 1 unread');
  await link.click();
  await hydrated(page);
  await expect(page.getByRole('heading', { name: 'Notifications', level: 1 })).toBeVisible();
  const list = page.getByTestId('notifications');
  await expect(list.getByRole('link', { name: /Nora QA assigned you NOTE-BUG-1 .Totals round down./ })).toBeVisible();
  await expect(list.getByText('Unread', { exact: true })).toBeVisible();

  // Mark all as read: the count goes, and "Unread only" has nothing left.
  await page.getByRole('button', { name: 'Mark all as read' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Every notification is marked as read.' })).toBeVisible();
  await expect(link).toHaveAccessibleName('Notifications');
  await page.getByLabel('Unread only').check();
  await expect(page.getByText('No unread notifications: you are up to date.')).toBeVisible();

  // Settings: no more in-app notices of assignments; kept after a reload.
  const inApp = page.getByLabel('Assigned to you: In the app');
  await expect(inApp).toBeChecked();
  await expect(page.getByLabel('Status changes: By email')).not.toBeChecked();
  await inApp.uncheck();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel('Assigned to you: In the app')).not.toBeChecked();

  await report('Coupons apply twice');
  await page.getByLabel('Unread only').uncheck();
  await expect(page.getByTestId('notifications').getByRole('listitem')).toHaveCount(1);
  expect(await (await post(page, '/api/notifications/unread', {})).json()).toBe(0);
  await qa.context().close();
});
