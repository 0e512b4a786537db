import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS } from './bench/src/browser/chromium-options.js';
import { EXAMPLE_APPS } from './e2e/support/example-apps.js';

/**
 * Browser tests of the demo against the local dev server. `vite preview` serves the built demo on
 * 127.0.0.1:4173 and starts the dev server on 127.0.0.1:4010 (apps/demo/vite/dev-server-plugin.ts).
 * The dev server's state and counters are shared, so tests run one at a time and reset it before each.
 * The example apps (apps/example-*, the README's router recipes) are served from their production builds on
 * 127.0.0.1:4180-4182 (e2e/support/example-apps.ts) for e2e/examples.spec.ts.
 */
const isCI = Boolean(process.env.CI);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  outputDir: 'test-results/artifacts',
  fullyParallel: false,
  workers: 1,
  retries: isCI ? 1 : 0,
  forbidOnly: isCI,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  globalTimeout: 8 * 60_000,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL: 'http://127.0.0.1:4173',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    ...devices['Desktop Chrome'],
    launchOptions: CHROMIUM_LAUNCH_OPTIONS,
  },
  webServer: [
    {
      // `pnpm test:e2e` builds the demo and the examples first (E2E_PREBUILT); a bare `playwright test` builds
      // them here, so it never runs against a stale bundle.
      command: process.env.E2E_PREBUILT
        ? 'pnpm --filter @telnyx-oauth/demo preview'
        : 'pnpm --filter @telnyx-oauth/demo build && pnpm --filter @telnyx-oauth/demo preview',
      url: 'http://127.0.0.1:4173',
      reuseExistingServer: !isCI,
      timeout: 180_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    ...EXAMPLE_APPS.map((example) => ({
      command: process.env.E2E_PREBUILT
        ? example.start
        : `pnpm --filter @telnyx-oauth/${example.name} build && ${example.start}`,
      url: example.origin,
      reuseExistingServer: !isCI,
      timeout: 240_000,
      stdout: 'pipe' as const,
      stderr: 'pipe' as const,
    })),
  ],
});
