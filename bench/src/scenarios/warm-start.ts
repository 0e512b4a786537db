import type { Browser } from '@playwright/test';
import { summarize, type Summary } from '../stats.js';
import { waitForProbe } from '../browser/probe-reader.js';
import { signIn, toAuthServer, type AuthServer, type BenchTarget } from '../browser/target.js';

export interface WarmStartResult {
  /** Navigation start (performance.timeOrigin) to the app rendering isAuthenticated === true, on reload. */
  readonly ms: Summary | null;
  /** Requests to the auth server per reload (restoring a valid session needs none). */
  readonly authServerRequests: Summary | null;
  readonly failures: number;
  readonly errors: readonly string[];
}

const WARM_UP_RUNS = 3;
const RUN_TIMEOUT_MS = 10_000;
/** Requests shortly after the app is signed in still belong to the start-up (e.g. a discovery fetch). */
const SETTLE_MS = 300;

/** Signs in once, then reloads the same tab with the stored, still valid session. */
export async function benchWarmStart(
  browser: Browser,
  target: BenchTarget,
  server: AuthServer,
  runs: number,
): Promise<WarmStartResult> {
  const context = await browser.newContext();
  const times: number[] = [];
  const requests: number[] = [];
  const errors: string[] = [];
  try {
    const { page } = await signIn(context, target);
    let count = 0;
    page.on('request', (request) => {
      if (toAuthServer(server, request.url()) && request.method() !== 'OPTIONS') count++;
    });
    for (let run = 0; run < WARM_UP_RUNS + runs; run++) {
      try {
        count = 0;
        await page.reload({ waitUntil: 'commit', timeout: RUN_TIMEOUT_MS });
        const probe = await waitForProbe(page, (p) => p.authenticatedAt !== null, RUN_TIMEOUT_MS, 10);
        await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
        if (run >= WARM_UP_RUNS) {
          times.push(probe.authenticatedAt ?? Number.NaN);
          requests.push(count);
        }
      } catch (error) {
        errors.push((error as Error).message.split('\n')[0] ?? String(error));
      }
    }
  } catch (error) {
    errors.push(`sign-in before the reloads failed: ${(error as Error).message.split('\n')[0]}`);
  } finally {
    await context.close();
  }
  return { ms: summarize(times), authServerRequests: summarize(requests), failures: errors.length, errors };
}
