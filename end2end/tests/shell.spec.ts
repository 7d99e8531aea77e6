// The app shell: server rendering, hydration, lazy routes, theme, 404 and small screens.
import { test, expect, hydrated, signInAsAdmin, ADMIN } from './fixtures';

test('the home page is served, hydrates, and the theme toggle works only then', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Welcome to Casebook' })).toBeVisible();
  await hydrated(page);

  const toggle = page.getByRole('button', { name: /^Theme:/ });
  await expect(toggle).toHaveText('Theme: System');
  await toggle.click();
  await expect(toggle).toHaveText('Theme: Light');
  await expect(page.locator('html')).not.toHaveClass(/dark/);
  await toggle.click();
  await expect(toggle).toHaveText('Theme: Dark');
  await expect(page.locator('html')).toHaveClass(/dark/);

  // The choice survives a reload and is applied before the WASM runs.
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/dark/);
  await hydrated(page);
  await expect(toggle).toHaveText('Theme: Dark');
});

test('the theme follows the operating system until one is picked', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await expect(page.locator('html')).toHaveClass(/dark/);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).not.toHaveClass(/dark/);
});

test('lazy routes load their own WASM chunk only when visited', async ({ page }) => {
  const wasm: string[] = [];
  page.on('response', (r) => {
    if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname);
  });
  await page.goto('/');
  await hydrated(page);
  const atStart = [...wasm];
  expect(atStart.length).toBeGreaterThanOrEqual(1);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Help' }).click();
  await expect(page.getByRole('heading', { name: 'Help' })).toBeVisible();
  await expect.poll(() => wasm.length).toBeGreaterThan(atStart.length);
  expect(wasm.slice(atStart.length).every((p) => !atStart.includes(p))).toBe(true);
});

test('the system page round-trips a server function', async ({ page }) => {
  await page.goto('/');
  await hydrated(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'System status' }).click();
  await expect(page.getByRole('heading', { name: 'System status' })).toBeVisible();
  await expect(page.getByTestId('system-backend')).toHaveText('SQLite');
  await expect(page.getByTestId('system-version')).toHaveText(/^\d+\.\d+\.\d+/);
  await expect(page).toHaveTitle('System status · Casebook');

  const call = page.waitForResponse((r) => r.url().endsWith('/api/system/info') && r.status() === 200);
  await page.getByRole('button', { name: 'Refresh' }).click();
  const body = await (await call).json();
  expect(body.backend).toBe('SQLite');
});

test.describe('a missing page', () => {
  // The browser reports the document's own 404 status; nothing else may fail.
  test.use({ expectedErrors: [/the server responded with a status of 404/] });

  test('an unknown address shows a 404 page with a way back', async ({ page }) => {
    const res = await page.goto('/no/such/page');
    expect(res?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await hydrated(page);
    await page.getByRole('link', { name: 'Go to the home page' }).click();
    await expect(page.getByRole('heading', { name: 'Welcome to Casebook' })).toBeVisible();
  });
});

test('on a phone the menu button reveals the navigation', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 720 });
  await page.goto('/');
  await hydrated(page);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav).toBeHidden();
  const menu = page.getByRole('button', { name: 'Menu' });
  // The header is one row on a phone: the account links and the theme wait in the menu too.
  const banner = page.getByRole('banner');
  await expect(banner.getByRole('link', { name: 'Sign in' })).toBeHidden();
  await expect(banner.getByRole('button', { name: /^Theme/ })).toBeHidden();
  expect((await banner.boundingBox())!.height).toBeLessThan(80);
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(banner.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expect(banner.getByRole('button', { name: /^Theme/ })).toBeVisible();
  // Following an account link closes the menu, like following a navigation link.
  await banner.getByRole('link', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(banner.getByRole('link', { name: 'Sign in' })).toBeHidden();
  await menu.click();
  await nav.getByRole('link', { name: 'Help' }).click();
  await expect(page.getByRole('heading', { name: 'Help' })).toBeVisible();
  await expect(nav).toBeHidden();
});

test('keyboard users can skip to the content', async ({ page }) => {
  await page.goto('/');
  await hydrated(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
});

// [H1] A9 / [P1]: a lazy route's page preloads its own code once it has painted (the server
// sends the preloads inert, `data-after-paint`, and the boot script turns them on), and a form is
// live from the first paint: on a slow phone link, what is typed and pressed before the code
// arrives is kept, and the press is carried out once the page has hydrated.
test('typing and pressing Create before the page hydrates loses nothing, on a throttled link', async ({ page, baseURL }) => {
  await signInAsAdmin(page);
  const made = await page.request.post('/api/projects/create', {
    form: { 'input[key]': 'HYDR', 'input[name]': 'Hydration' },
    headers: { origin: baseURL! },
  });
  expect([200, 409, 422]).toContain(made.status());
  const html = await (await page.request.get('/projects/HYDR/cases/new')).text();
  const links = html.match(/<link [^>]*>/g) ?? [];
  const has = (...parts: RegExp[]) => links.some((l) => parts.every((p) => p.test(l)));
  expect(has(/data-after-paint="modulepreload"/, /href="\/pkg\/__wasm_split\.[^"]*\.js"/), links.join('\n')).toBe(true);
  expect(has(/data-after-paint="preload"/, /as="fetch"/, /href="\/pkg\/(split|chunk)_[^"]+\.wasm"/), links.join('\n')).toBe(true);
  expect(links.filter((l) => /\brel="(module)?preload"/.test(l)), 'no download starts before the first paint').toEqual([]);
  expect(html).toMatch(/<script type="text\/plain" data-after-paint="module" nonce="[^"]+">/);
  // Few modules, not hundreds: the patched wasm-split folds its tiny shared chunks into main
  // (.ci/wasm_split_cli_support-*.patch; without it this page preloaded 300+).
  const wasm = links.filter((l) => /data-after-paint="preload"/.test(l) && /\.wasm"/.test(l));
  expect(wasm.length, wasm.join('\n')).toBeLessThanOrEqual(20);

  // Lighthouse's slow 4G (150 ms, 1.6 Mbit/s down), and the WASM held back until the press is
  // made, so every keystroke and the click land before hydration.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 94_000 });
  let release: () => void = () => {};
  const held = new Promise<void>((done) => (release = done));
  await page.route('**/pkg/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/projects/HYDR/cases/new', { waitUntil: 'commit' });
  const title = page.getByLabel('Title');
  await expect(title).toBeVisible();
  // Painted: the route's code is on its way.
  await expect(page.locator('link[rel="modulepreload"][href^="/pkg/__wasm_split."]')).toHaveCount(1);
  await expect(page.locator('link[rel="preload"][as="fetch"][href$=".wasm"]').first()).toBeAttached();
  await expect(page.locator('body')).not.toHaveAttribute('data-hydrated', 'true');
  await title.fill('Typed before hydration');
  await page.getByLabel('Gherkin').fill('Feature: Early\n\n  Scenario: typed at once\n    Given a slow phone\n    When I type before the code arrives\n    Then nothing is lost\n');
  await page.getByLabel('Status').selectOption('ready');
  const create = page.getByRole('button', { name: 'Create test case' });
  await create.click();
  await expect(create).toHaveAttribute('aria-busy', 'true');
  await expect(page.locator('body')).not.toHaveAttribute('data-hydrated', 'true');
  release();

  await expect(page).toHaveURL(/\/projects\/HYDR\/cases\/\d+$/, { timeout: 30_000 });
  await expect(page.getByRole('heading', { name: 'Typed before hydration' })).toBeVisible();
  await expect(page.getByLabel('Gherkin')).toHaveValue(/Then nothing is lost/);
  await expect(page.getByLabel('Status')).toHaveValue('ready');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
});

test('an email typed and Continue pressed before the login page hydrates go through', async ({ page, browser }) => {
  await signInAsAdmin(page); // makes sure the admin exists
  const fresh = await browser.newPage();
  let release: () => void = () => {};
  const held = new Promise<void>((done) => (release = done));
  await fresh.route('**/pkg/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await fresh.goto('/login', { waitUntil: 'commit' });
  await fresh.getByLabel('Email').fill(ADMIN.email);
  await fresh.getByRole('button', { name: 'Continue' }).click();
  release();
  // The held press ran with the email typed before hydration.
  await expect(fresh.getByTestId('login-email')).toHaveText(ADMIN.email, { timeout: 30_000 });
  await fresh.getByLabel('Password').fill(ADMIN.password);
  await fresh.getByRole('button', { name: 'Sign in' }).click();
  await expect(fresh).not.toHaveURL(/\/login/);
  await expect(fresh.getByTestId('user-menu')).toContainText(ADMIN.name);
  await fresh.close();
});
