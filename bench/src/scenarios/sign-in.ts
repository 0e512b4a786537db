import type { Browser } from '@playwright/test';
import { summarize, type Summary } from '../stats.js';
import { signIn, toAuthServer, type AuthServer, type BenchTarget } from '../browser/target.js';

export interface SignInResult {
  /** Click on "Sign in" to signed in, through authorize (auto-consent), callback and code exchange. */
  readonly ms: Summary | null;
  /** Requests the fresh page made to the auth server, from first load to signed in. */
  readonly authServerRequests: Summary | null;
  readonly failures: number;
  readonly errors: readonly string[];
}

const WARM_UP_RUNS = 2;

/** A fresh browser context per run, so every run starts with empty storage and no session. */
export async function benchSignIn(
  browser: Browser,
  target: BenchTarget,
  server: AuthServer,
  runs: number,
): Promise<SignInResult> {
  const times: number[] = [];
  const requests: number[] = [];
  const errors: string[] = [];
  for (let run = 0; run < WARM_UP_RUNS + runs; run++) {
    const context = await browser.newContext();
    let count = 0;
    context.on('request', (request) => {
      if (toAuthServer(server, request.url()) && request.method() !== 'OPTIONS') count++;
    });
    try {
      const { ms } = await signIn(context, target);
      if (run >= WARM_UP_RUNS) {
        times.push(ms);
        requests.push(count);
      }
    } catch (error) {
      errors.push((error as Error).message.split('\n')[0] ?? String(error));
    } finally {
      await context.close();
    }
  }
  return { ms: summarize(times), authServerRequests: summarize(requests), failures: errors.length, errors };
}
