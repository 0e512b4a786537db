import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS } from './bench/src/browser/chromium-options.js';
import { EXAMPLE_APPS } from './e2e/support/example-apps.js';
import type { ProfileOptions } from './e2e/support/fixtures.js';
import { DEFAULT_PROFILE, origin, PROFILES } from './e2e/support/profiles.js';

/**
 * Browser tests of the demo against the local dev server. `vite preview` serves the built demo on
 * 127.0.0.1:4173 and starts the dev server on 127.0.0.1:4010 (apps/demo/vite/dev-server-plugin.ts).
 * The dev server's state and counters are shared, so tests run one at a time and reset it before each.
 * The example apps (apps/example-*, the README's router recipes) are served from their production builds on
 * 127.0.0.1:4180-4182 (e2e/support/example-apps.ts) for e2e/examples.spec.ts.
 *
 * One project per server profile (e2e/support/profiles.ts): `default` runs every spec; the other two run
 * e2e/profiles.spec.ts against their own demo build (apps/demo/dist-e2e/<name>), `vite preview` port and dev
 * server: 4174 + 4011 (`--no-revocation --no-iss`), 4175 + 4012 (`--profile telnyx`, through the token handler).
 */
const isCI = Boolean(process.env.CI);

export default defineConfig<ProfileOptions>({
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
  projects: PROFILES.map((profile) => ({
    name: profile.name,
    testMatch: profile === DEFAULT_PROFILE ? '*.spec.ts' : 'profiles.spec.ts',
    use: { baseURL: origin(profile.demoPort), profile },
  })),
  webServer: [
    // `pnpm test:e2e` builds the demo (one build per profile, `pnpm build:apps`) and the examples first
    // (E2E_PREBUILT); a bare `playwright test` builds them here, so it never runs against a stale bundle.
    ...PROFILES.map((profile) => {
      const demo = 'pnpm --filter @telnyx-oauth/demo exec vite';
      const preview = `${demo} preview --port ${profile.demoPort} --outDir ${profile.outDir}`;
      return {
        command: process.env.E2E_PREBUILT
          ? preview
          : `${demo} build --outDir ${profile.outDir} --emptyOutDir && ${preview}`,
        // The profile's dev server flags, token handler path and cookie key, for the build and the preview.
        env: profile.env,
        url: origin(profile.demoPort),
        reuseExistingServer: !isCI,
        timeout: 180_000,
        stdout: 'pipe' as const,
        stderr: 'pipe' as const,
      };
    }),
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
