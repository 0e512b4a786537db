import type { Browser } from '@playwright/test';
import { summarize, type Summary } from '../stats.js';
import { signIn, toAuthServer, type AuthServer, type BenchTarget } from '../browser/target.js';

export interface SignInResult {
  /** Click on "Sign in" to signed in, through authorize (auto-consent), callback and code exchange. */
  readonly ms: Summary | null;
  /** The three phases (see SignInPhases in pages/probe.ts), to tell where a difference comes from. */
  readonly phases: {
    readonly beforeRedirect: Summary | null;
    readonly redirects: Summary | null;
    readonly callbackPage: Summary | null;
  };
  /** Requests the fresh page made to the auth server, from first load to signed in. */
  readonly authServerRequests: Summary | null;
  readonly failures: number;
  readonly errors: readonly string[];
}

const WARM_UP_RUNS = 2;

const firstLine = (error: unknown) => ((error as Error)?.message ?? String(error)).split('\n')[0] ?? '';

interface Samples {
  readonly times: number[];
  readonly beforeRedirect: number[];
  readonly redirects: number[];
  readonly callbackPage: number[];
  readonly requests: number[];
  readonly errors: string[];
}

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
  const samples = new Map<string, Samples>(
    targets.map((target) => [
      target.id,
      { times: [], beforeRedirect: [], redirects: [], callbackPage: [], requests: [], errors: [] },
    ]),
  );
  for (let run = 0; run < WARM_UP_RUNS + runs; run++) {
    for (const target of targets) {
      const sample = samples.get(target.id);
      if (!sample) continue;
      const context = await browser.newContext();
      let count = 0;
      context.on('request', (request) => {
        if (toAuthServer(server, request.url()) && request.method() !== 'OPTIONS') count++;
      });
      try {
        const { ms, phases } = await signIn(context, target);
        if (run >= WARM_UP_RUNS) {
          sample.times.push(ms);
          sample.requests.push(count);
          if (phases) {
            sample.beforeRedirect.push(phases.beforeRedirectMs);
            sample.redirects.push(phases.redirectsMs);
            sample.callbackPage.push(phases.callbackPageMs);
          }
        }
      } catch (error) {
        sample.errors.push(firstLine(error));
      } finally {
        await context.close();
      }
    }
  }
  return new Map(
    [...samples].map(([id, sample]) => [
      id,
      {
        ms: summarize(sample.times),
        phases: {
          beforeRedirect: summarize(sample.beforeRedirect),
          redirects: summarize(sample.redirects),
          callbackPage: summarize(sample.callbackPage),
        },
        authServerRequests: summarize(sample.requests),
        failures: sample.errors.length,
        errors: sample.errors,
      },
    ]),
  );
}
