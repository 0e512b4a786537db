import type { BrowserContext, Page } from '@playwright/test';
import type { PageId } from '../pages/build.js';
import type { SignInPhases } from '../pages/probe.js';
import { settled, signedIn, waitForProbe } from './probe-reader.js';

/** One library's bench page, served on its own origin (so storage never mixes). */
export interface BenchTarget {
  readonly id: PageId;
  readonly label: string;
  readonly origin: string;
}

/** The auth server (dev server) and the hooks the scenarios need from it. */
export interface AuthServer {
  readonly origin: string;
  counter(name: string): number;
  setAccessTokenTtl(seconds: number): void;
}

export const SIGN_IN_TIMEOUT_MS = 15_000;

/** Opens the page, waits until the library knows there is no session, clicks "Sign in", waits until signed in. */
export async function signIn(
  context: BrowserContext,
  target: BenchTarget,
): Promise<{ page: Page; ms: number; phases: SignInPhases | null }> {
  const page = await context.newPage();
  await page.goto(`${target.origin}/`, { timeout: SIGN_IN_TIMEOUT_MS });
  await waitForProbe(page, settled, SIGN_IN_TIMEOUT_MS);
  await page.click('#sign-in', { timeout: SIGN_IN_TIMEOUT_MS });
  const probe = await waitForProbe(page, (p) => signedIn(p) && p.signInMs !== null, SIGN_IN_TIMEOUT_MS);
  return { page, ms: probe.signInMs ?? Number.NaN, phases: probe.signInPhases };
}

/** Whether a request went to the auth server (as opposed to the page's own files). */
export const toAuthServer = (server: AuthServer, url: string): boolean => url.startsWith(server.origin);
