import { existsSync } from 'node:fs';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * Debian's Chromium when present, else Playwright's own browser, with flags that keep it quiet: no
 * background traffic of its own that could be counted or contend. The e2e suite (playwright.config.ts)
 * launches the same way, so the benchmarks and the browser tests run the same browser. This module imports
 * nothing from Playwright, so the root config can share it without loading a second copy of @playwright/test.
 */
export const CHROMIUM_LAUNCH_OPTIONS = {
  ...(existsSync(DEBIAN_CHROMIUM) ? { executablePath: DEBIAN_CHROMIUM } : {}),
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};
