/**
 * The test fixture every spec uses: a reset dev server, a token-leak watch on the browser context, and a
 * `screens` helper that writes a screenshot of each screen to test-results/screens/<spec>/<name>.png.
 * `profile` (a project option, support/profiles.ts) says which demo build and dev server the project runs
 * against; every spec but profiles.spec.ts runs in the `default` one.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test as base, type Page } from '@playwright/test';
import { DevServerAdmin } from './dev-server.js';
import { DEFAULT_PROFILE, origin, type ServerProfile } from './profiles.js';
import { TokenWatch } from './token-watch.js';

export interface Screens {
  capture(page: Page, name: string): Promise<void>;
}

const SCREENS_DIR = path.resolve(import.meta.dirname, '..', '..', 'test-results', 'screens');

export interface ProfileOptions {
  profile: ServerProfile;
}

export const test = base.extend<
  { devServer: DevServerAdmin; tokenWatch: TokenWatch; screens: Screens } & ProfileOptions
>({
  profile: [DEFAULT_PROFILE, { option: true }],

  devServer: [
    async ({ request, profile }, use) => {
      const admin = new DevServerAdmin(request, origin(profile.devServerPort));
      await admin.waitUntilUp();
      await admin.reset();
      await use(admin);
      await admin.clearFaults();
    },
    { auto: true },
  ],

  tokenWatch: [
    async ({ context }, use) => {
      const watch = new TokenWatch();
      await watch.attach(context);
      await use(watch);
      // Every test, whatever it proves, also proves no token leaked into a URL, Web Storage or the console,
      // and that nothing was blocked by the demo's strict Content-Security-Policy (no inline script/style).
      await watch.assertNoLeaks(context.pages());
      expect(watch.consoleMessages.filter((message) => message.includes('Content Security Policy'))).toEqual(
        [],
      );
    },
    { auto: true },
  ],

  // Playwright requires a destructuring pattern as a fixture's first parameter, even an empty one.
  // eslint-disable-next-line no-empty-pattern
  screens: async ({}, use, testInfo) => {
    const spec = path.basename(testInfo.file).replace(/\.spec\.ts$/, '');
    const dir = path.join(SCREENS_DIR, spec);
    mkdirSync(dir, { recursive: true });
    await use({
      async capture(page, name) {
        const body = await page.screenshot({
          path: path.join(dir, `${name}.png`),
          fullPage: true,
          animations: 'disabled',
          caret: 'hide',
        });
        await testInfo.attach(name, { body, contentType: 'image/png' });
      },
    });
  },
});

export { expect, type Page } from '@playwright/test';
