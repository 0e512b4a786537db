import { existsSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Flags that keep the browser quiet: no background traffic of its own that could be counted or contend. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Debian's Chromium when present, else Playwright's own browser. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    headless: true,
    args: ARGS,
    ...(existsSync(DEBIAN_CHROMIUM) ? { executablePath: DEBIAN_CHROMIUM } : {}),
    timeout: 30_000,
  });
}
