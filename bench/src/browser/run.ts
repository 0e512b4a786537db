import type { Browser } from '@playwright/test';
import { buildPage, type PageId } from '../pages/build.js';
import type { BenchConfig } from '../pages/probe.js';
import type { BrowserRuns, LibraryRuns } from '../results.js';
import { benchFanIn, type FanInResult } from '../scenarios/fan-in.js';
import { benchSignIn, type SignInResult } from '../scenarios/sign-in.js';
import { benchWarmStart, type WarmStartResult } from '../scenarios/warm-start.js';
import { launchBrowser } from './launch.js';
import { startStaticServer } from './static-server.js';
import type { AuthServer, BenchTarget } from './target.js';

export interface BrowserSettings {
  readonly warmStartRuns: number;
  readonly signInRuns: number;
  readonly fanInTabs: readonly number[];
  /** Each tab count is run this many times (a single run can land on a busy moment of the machine). */
  readonly fanInRepeats: number;
  readonly refreshLeewaySeconds: number;
}

const PAGES: readonly { id: PageId; label: string }[] = [
  { id: 'telnyx', label: '@telnyx-oauth/react' },
  { id: 'react-oidc-context', label: 'react-oidc-context' },
];

/** A scope the dev server's demo client may ask for; every library asks for the same one. */
const SCOPE = 'account_management.read';

const firstLine = (error: unknown) => ((error as Error)?.message ?? String(error)).split('\n')[0] ?? '';

/**
 * Starts one static server per library page and the dev server (auto-consent, the pages' callbacks
 * registered), launches Chromium, and runs each scenario for each library in turn. Everything it
 * starts is stopped before it returns, whatever failed.
 */
export async function runBrowserBenchmarks(
  settings: BrowserSettings,
  notes: string[],
): Promise<{ runs: BrowserRuns | null; browserVersion: string | null }> {
  const cleanups: (() => Promise<unknown>)[] = [];
  let browserVersion: string | null = null;
  try {
    const statics = await Promise.all(PAGES.map(() => startStaticServer()));
    for (const server of statics) cleanups.push(() => server.close());

    const { startDevServer } = await import('@telnyx-oauth/dev-server');
    const dev = await startDevServer({
      port: 0,
      autoConsent: true,
      extraRedirectUris: statics.map((server) => `${server.origin}/callback`),
    });
    cleanups.push(() => dev.close());
    const authServer: AuthServer = {
      origin: new URL(dev.url).origin,
      counter: (name) => dev.server.counters.snapshot()[name] ?? 0,
      setAccessTokenTtl: (seconds) => {
        dev.server.config.accessTokenTtl = seconds;
      },
    };

    const targets: BenchTarget[] = [];
    for (const [index, page] of PAGES.entries()) {
      const origin = statics[index]?.origin ?? '';
      const config: BenchConfig = {
        issuer: dev.server.issuer,
        clientId: dev.server.seed.publicClient.client_id,
        redirectUri: `${origin}/callback`,
        scope: SCOPE,
        refreshLeewaySeconds: settings.refreshLeewaySeconds,
      };
      try {
        statics[index]?.setFiles(await buildPage(page.id, config));
        targets.push({ ...page, origin });
      } catch (error) {
        notes.push(`${page.label}: bench page did not build: ${firstLine(error)}`);
      }
    }
    if (targets.length === 0) return { runs: null, browserVersion };

    const browser: Browser = await launchBrowser();
    cleanups.push(() => browser.close());
    browserVersion = `Chromium ${browser.version()}`;

    const results = new Map<
      string,
      { signIn?: SignInResult; warmStart?: WarmStartResult; fanIn: FanInResult[] }
    >(targets.map((target) => [target.id, { fanIn: [] }]));
    const failures = new Map<string, string>();
    const attempt = async (target: BenchTarget, what: string, work: () => Promise<void>) => {
      try {
        await work();
      } catch (error) {
        failures.set(target.id, `${what}: ${firstLine(error)}`);
      }
    };
    // Sign-in and warm start alternate the libraries run by run; fan-in runs them in turn per tab count,
    // so a busy moment of the machine falls on both alike.
    console.log('bench: sign-in round trip');
    try {
      const signIns = await benchSignIn(browser, targets, authServer, settings.signInRuns);
      for (const [id, result] of signIns) results.get(id)!.signIn = result;
    } catch (error) {
      notes.push(`sign-in round trip stopped: ${firstLine(error)}`);
    }
    console.log('bench: warm start');
    try {
      const warmStarts = await benchWarmStart(browser, targets, authServer, settings.warmStartRuns);
      for (const [id, result] of warmStarts) results.get(id)!.warmStart = result;
    } catch (error) {
      notes.push(`warm start stopped: ${firstLine(error)}`);
    }
    for (let repeat = 1; repeat <= settings.fanInRepeats; repeat++) {
      for (const tabs of settings.fanInTabs) {
        for (const target of targets) {
          console.log(
            `bench: refresh fan-in ${repeat}/${settings.fanInRepeats}, ${tabs} tab(s), ${target.label}`,
          );
          await attempt(target, `fan-in ${tabs}`, async () => {
            const result = await benchFanIn(browser, target, authServer, {
              tabs,
              refreshLeewaySeconds: settings.refreshLeewaySeconds,
            });
            results.get(target.id)!.fanIn.push(result);
          });
        }
      }
    }

    const libraries: LibraryRuns[] = targets.map((target) => {
      const result = results.get(target.id) ?? { fanIn: [] };
      return {
        id: target.id,
        label: target.label,
        signIn: result.signIn ?? null,
        warmStart: result.warmStart ?? null,
        fanIn: result.fanIn,
        error: failures.get(target.id) ?? null,
      };
    });
    return { runs: { settings, libraries }, browserVersion };
  } catch (error) {
    notes.push(`browser measurements stopped: ${firstLine(error)}`);
    return { runs: null, browserVersion };
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}
