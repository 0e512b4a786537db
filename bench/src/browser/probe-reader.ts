import type { Page } from '@playwright/test';
import type { Probe } from '../pages/probe.js';

/** The page's probe, or null while the page is between documents (mid-redirect). */
export async function readProbe(page: Page): Promise<Probe | null> {
  try {
    return await page.evaluate(() => (window.__bench ? { ...window.__bench } : null));
  } catch {
    return null; // the execution context was replaced by a navigation: try again later
  }
}

/**
 * Polls the probe until `done` holds or the timeout passes; resolves to the last probe read. Polling
 * survives the redirects of a sign-in, and the timings themselves are taken inside the page, so the
 * polling interval does not enter the measurements.
 */
export async function waitForProbe(
  page: Page,
  done: (probe: Probe) => boolean,
  timeoutMs: number,
  intervalMs = 25,
): Promise<Probe> {
  const deadline = Date.now() + timeoutMs;
  let last: Probe | null = null;
  for (;;) {
    last = (await readProbe(page)) ?? last;
    if (last && done(last)) return last;
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${timeoutMs} ms; last probe: ${JSON.stringify(last)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export const settled = (probe: Probe): boolean => probe.status !== 'loading';
export const signedIn = (probe: Probe): boolean => probe.status === 'authenticated';
