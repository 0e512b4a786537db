import type { Browser, BrowserContext, Page } from '@playwright/test';
import { summarize, type Summary } from '../stats.js';
import { waitForProbe } from '../browser/probe-reader.js';
import { signIn, toAuthServer, type AuthServer, type BenchTarget } from '../browser/target.js';

export interface WarmStartResult {
  /** Navigation start (performance.timeOrigin) to the app rendering isAuthenticated === true, on reload. */
  readonly ms: Summary | null;
  /**
   * From the app's first render call to isAuthenticated === true: the library's own restore time, without
   * the page load (HTML, script download and parse) that every library's page pays alike.
   */
  readonly restoreMs: Summary | null;
  /** Requests to the auth server per reload (restoring a valid session needs none). */
  readonly authServerRequests: Summary | null;
  readonly failures: number;
  readonly errors: readonly string[];
}

const WARM_UP_RUNS = 3;
const RUN_TIMEOUT_MS = 10_000;
/** Requests shortly after the app is signed in still belong to the start-up (e.g. a discovery fetch). */
const SETTLE_MS = 300;

const firstLine = (error: unknown) => ((error as Error)?.message ?? String(error)).split('\n')[0] ?? '';

interface Tab {
  readonly target: BenchTarget;
  readonly context: BrowserContext;
  page: Page | null;
  requests: number;
  readonly times: number[];
  readonly restores: number[];
  readonly counts: number[];
  readonly errors: string[];
}

/**
 * Signs in once per library, then reloads each tab with its stored, still valid session; the libraries
 * take turns reload by reload, so a busy moment of the machine falls on both alike.
 */
export async function benchWarmStart(
  browser: Browser,
  targets: readonly BenchTarget[],
  server: AuthServer,
  runs: number,
): Promise<Map<string, WarmStartResult>> {
  const tabs: Tab[] = [];
  try {
    for (const target of targets) {
      const context = await browser.newContext();
      const tab: Tab = {
        target,
        context,
        page: null,
        requests: 0,
        times: [],
        restores: [],
        counts: [],
        errors: [],
      };
      tabs.push(tab);
      try {
        const { page } = await signIn(context, target);
        page.on('request', (request) => {
          if (toAuthServer(server, request.url()) && request.method() !== 'OPTIONS') tab.requests++;
        });
        tab.page = page;
      } catch (error) {
        tab.errors.push(`sign-in before the reloads failed: ${firstLine(error)}`);
      }
    }
    for (let run = 0; run < WARM_UP_RUNS + runs; run++) {
      for (const tab of tabs) {
        if (!tab.page) continue;
        try {
          tab.requests = 0;
          await tab.page.reload({ waitUntil: 'commit', timeout: RUN_TIMEOUT_MS });
          const probe = await waitForProbe(tab.page, (p) => p.authenticatedAt !== null, RUN_TIMEOUT_MS, 50);
          await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
          if (run >= WARM_UP_RUNS) {
            const authenticatedAt = probe.authenticatedAt ?? Number.NaN;
            tab.times.push(authenticatedAt);
            tab.restores.push(authenticatedAt - (probe.appStartedAt ?? Number.NaN));
            tab.counts.push(tab.requests);
          }
        } catch (error) {
          tab.errors.push(firstLine(error));
        }
      }
    }
  } finally {
    for (const tab of tabs) await tab.context.close();
  }
  return new Map(
    tabs.map((tab) => [
      tab.target.id,
      {
        ms: summarize(tab.times),
        restoreMs: summarize(tab.restores),
        authServerRequests: summarize(tab.counts),
        failures: tab.errors.length,
        errors: tab.errors,
      },
    ]),
  );
}
