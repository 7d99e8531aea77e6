// Browser journeys against the release-built site, in Debian's Chromium (no browser download).
import { defineConfig } from '@playwright/test';
import { SERVER_BIN } from './server';

const port = Number(process.env.CASEBOOK_E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    // The server (server.ts) on a throwaway SQLite data dir.
    command: `rm -rf ../target/e2e-data && ${SERVER_BIN}`,
    cwd: '.',
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      CASEBOOK_ADDR: `127.0.0.1:${port}`,
      CASEBOOK_DATA_DIR: '../target/e2e-data',
      CASEBOOK_SITE_DIR: '../target/site',
      CASEBOOK_LOG: 'warn',
      DATABASE_URL: '',
    },
  },
});
