/**
 * The browser tests: Playwright Test on Debian's chromium (never a downloaded browser).
 *
 *   npm run e2e                      # builds the SPA, then runs every flow
 *   npx playwright test e2e/b-claims # one flow (after a build)
 *
 * The global setup starts the backend (`python -m app.cli serve --no-demo` on a free port) and
 * seeds it through the API; E2E_BASE_URL points at a running backend instead. One worker: the flows
 * share the seeded organisation and run in file order (a-…, b-…); tests within a file in order.
 */
import { defineConfig } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTEXT_OPTIONS, LAPTOP } from './e2e/support/viewports';

export default defineConfig({
  testDir: './e2e',
  testMatch: /.*\.spec\.ts$/,
  globalSetup: './e2e/global-setup.ts',
  outputDir: './test-results',
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    ...CONTEXT_OPTIONS,
    viewport: LAPTOP,
    actionTimeout: 15_000,
    navigationTimeout: 15_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      env: { ...process.env, XDG_CONFIG_HOME: join(tmpdir(), 'e2e-chromium'), XDG_CACHE_HOME: join(tmpdir(), 'e2e-chromium') },
    },
  },
});
