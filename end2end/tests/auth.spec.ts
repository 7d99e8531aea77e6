// Identity journey: first-run setup, invitation copied from the admin UI, registration with
// auto-login, sign-out, two-step sign-in with a wrong password first, and a developer kept out
// of the admin pages by the page and by the server.
import { test, expect, hydrated, ADMIN } from './fixtures';
const DEV = { name: 'Dev Eloper', email: 'dev@acme.test', password: 'quiet-harbor-58-compass' };

test.describe.configure({ mode: 'serial' });

test.describe('identity', () => {
  // By design: the refused admin page and server call answer 403, the wrong password 422, and
  // the used invitation 409 (the browser logs it when the page asks for the invitation itself
  // rather than reading the server-rendered answer).
  test.use({ expectedErrors: [/the server responded with a status of (403|409|422)/] });

  test('setup, invite, register, sign out, sign in, and a developer kept out of admin', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);

    // First run: the organization and its admin.
    await page.goto('/setup');
    await hydrated(page);
    await page.getByLabel('Organization name').fill(ADMIN.org);
    await page.getByLabel('Your name').fill(ADMIN.name);
    await page.getByLabel('Your email').fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create organization' }).click();
    await expect(page.getByRole('heading', { name: 'People' })).toBeVisible();
    await hydrated(page);

    // Setup is gone once done.
    const again = await page.request.get('/setup');
    expect(again.status()).toBe(404);

    // Invite a developer and copy the link from the admin UI.
    await page.getByRole('button', { name: 'Invite someone' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite someone' });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('Email', { exact: true }).fill(DEV.email);
    await dialog.getByLabel('Name', { exact: true }).fill(DEV.name);
    await dialog.getByLabel('Role').selectOption('dev');
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('No email server is configured')).toBeVisible();
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(/\/invite\?token=[A-Za-z0-9_-]{43}$/);
    await expect(page.getByText(DEV.email)).toBeVisible();

    // Sign out.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Sign in to Casebook' })).toBeVisible();

    // The invited person registers and is signed in.
    await page.goto(link);
    await hydrated(page);
    await expect(page.getByRole('heading', { name: 'Join Acme QA' })).toBeVisible();
    await page.getByLabel('Your name').fill(DEV.name);
    await page.getByLabel('Choose a password').fill(DEV.password);
    await page.getByRole('button', { name: 'Create my account' }).click();
    await expect(page.getByTestId('user-name')).toHaveText(DEV.name);

    // A developer opening the admin page gets a clear refusal, and so does the server call.
    const res = await page.goto('/admin/users');
    expect(res?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
    await hydrated(page);
    const status = await page.evaluate(async () => {
      const r = await fetch('/api/users/list', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'search=',
      });
      return r.status;
    });
    expect(status).toBe(403);

    // The invitation link is single use.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Sign in to Casebook' })).toBeVisible();
    await page.goto(link);
    await expect(page.getByText('This invitation has already been used')).toBeVisible();

    // Two-step sign-in: a wrong password gets a clear error next to the field.
    await page.goto('/login');
    await hydrated(page);
    await page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByTestId('login-email')).toHaveText(ADMIN.email);
    const password = page.getByLabel('Password', { exact: true });
    await password.fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByText('The email or password is not right.')).toBeVisible();
    await expect(password).toHaveAttribute('aria-invalid', 'true');
    await password.fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByTestId('user-name')).toHaveText('Ada Admin');
    await expect(page.getByRole('link', { name: 'Audit log' })).toBeVisible();

    // The audit log shows the journey.
    await page.getByRole('link', { name: 'Audit log' }).click();
    await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
    await expect(page.getByRole('cell', { name: 'invitation_accepted' })).toBeVisible();
    await expect(page.getByRole('cell', { name: 'login_failed' })).toBeVisible();
  });
});
