// Every journey fails on any browser console error or uncaught exception, except the ones a
// test declares it expects (e.g. the 404 of a page that is meant not to exist).
import { test as base, expect, Browser, Page } from '@playwright/test';

export const test = base.extend<{ expectedErrors: RegExp[]; consoleErrors: string[] }>({
  expectedErrors: [[], { option: true }],
  consoleErrors: [
    async ({ page, expectedErrors }, use) => {
      const errors: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error' && !expectedErrors.some((re) => re.test(msg.text()))) errors.push(msg.text());
      });
      page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
      await use(errors);
      expect(errors, 'browser console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Resolves once the WASM has hydrated the page, lazy route included: `data-hydrated` is set
 * when hydration has finished and what was typed meanwhile is back (`ui::early_input`). */
export async function hydrated(page: Page) {
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  await page.waitForLoadState('networkidle');
}

/** The organization's first admin, shared by every journey (the server starts empty). */
export const ADMIN = { org: 'Acme QA', name: 'Ada Admin', email: 'ada@acme.test', password: 'violet-ferry-31-lantern' };

/** Signs the page's browser in as the admin, running first-run setup if nobody has yet. */
export async function signInAsAdmin(page: Page) {
  const info = await (await page.request.post('/api/system/info')).json();
  const form: Record<string, string> = info.setup_required
    ? { org_name: ADMIN.org, name: ADMIN.name, email: ADMIN.email, password: ADMIN.password }
    : { email: ADMIN.email, password: ADMIN.password };
  const res = await page.request.post(info.setup_required ? '/api/auth/setup' : '/api/auth/login', { form });
  expect(res.status(), await res.text()).toBe(200);
}

/** A member of `role` invited by the admin's page, signed in in a browser of their own. */
export async function member(browser: Browser, admin: Page, baseURL: string, role: string, name: string): Promise<Page> {
  const email = `${role}-${Date.now()}@acme.test`;
  const sent = await admin.request.post('/api/invitations/create', { form: { email, name, role }, headers: { origin: baseURL } });
  expect(sent.status(), await sent.text()).toBe(200);
  const token = new URL((await sent.json()).link, baseURL).searchParams.get('token')!;
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const accepted = await page.request.post('/api/invitations/accept', {
    form: { token, name, password: 'amber-kettle-42-harbor' },
    headers: { origin: baseURL },
  });
  expect(accepted.status(), await accepted.text()).toBe(200);
  return page;
}
