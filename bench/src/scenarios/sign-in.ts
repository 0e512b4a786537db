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

const firstLine = (error: unknown) => ((error as Error)?.message ?? String(error)).split('\n')[0] ?? '';

/**
 * A fresh browser context per run, so every run starts with empty storage and no session. The
 * libraries take turns run by run, so a busy moment of the machine falls on both alike.
 */
export async function benchSignIn(
  browser: Browser,
  targets: readonly BenchTarget[],
  server: AuthServer,
  runs: number,
): Promise<Map<string, SignInResult>> {
  const samples = new Map(
    targets.map((t) => [t.id, { times: [] as number[], requests: [] as number[], errors: [] as string[] }]),
  );
  for (let run = 0; run < WARM_UP_RUNS + runs; run++) {
    for (const target of targets) {
      const sample = samples.get(target.id)!;
      const context = await browser.newContext();
      let count = 0;
      context.on('request', (request) => {
        if (toAuthServer(server, request.url()) && request.method() !== 'OPTIONS') count++;
      });
      try {
        const { ms } = await signIn(context, target);
        if (run >= WARM_UP_RUNS) {
          sample.times.push(ms);
          sample.requests.push(count);
        }
      } catch (error) {
        sample.errors.push(firstLine(error));
      } finally {
        await context.close();
      }
    }
  }
  return new Map(
    [...samples].map(([id, { times, requests, errors }]) => [
      id,
      { ms: summarize(times), authServerRequests: summarize(requests), failures: errors.length, errors },
    ]),
  );
}
