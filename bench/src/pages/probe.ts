/**
 * What every bench page tells the runner, whatever library it uses. The page reports its library's
 * state after each commit (useLayoutEffect: the moment the app shows it); the runner reads
 * `window.__bench`. Nothing here holds a token: a token's identity is compared in memory only.
 */

export interface BenchConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scope: string;
  /** Seconds before expiry at which the library refreshes (the same for every library). */
  readonly refreshLeewaySeconds: number;
}

export interface SignInPhases {
  /** Click to the navigation to the authorization server (discovery, PKCE, storing the transaction). */
  readonly beforeRedirectMs: number;
  /** That navigation to the callback page's response end (authorize, auto-consent, redirect back, HTML). */
  readonly redirectsMs: number;
  /** Callback page's response end to signed in (script, code exchange, storing the session, render). */
  readonly callbackPageMs: number;
}

export type ProbeStatus = 'loading' | 'authenticated' | 'unauthenticated' | 'error';

export interface Probe {
  status: ProbeStatus;
  /** performance.now() (ms since this document's navigation started) when the app's code starts rendering. */
  appStartedAt: number | null;
  /** performance.now() (ms since this document's navigation started) when first signed in. */
  authenticatedAt: number | null;
  /** Click on "Sign in" to signed in, across the redirects (both ends on this machine's clock). */
  signInMs: number | null;
  /** The sign-in split in three: the library's work before it leaves the page, the redirects, the callback page. */
  signInPhases: SignInPhases | null;
  /** Date.now() of each change of the token the tab holds, after the first one it saw. */
  tokenUpdates: number[];
  /** Expiry of the token the tab holds, epoch ms. */
  expiresAt: number | null;
  /** The library's last error, as its code or message. */
  error: string | null;
}

declare global {
  interface Window {
    __BENCH_CONFIG__: BenchConfig;
    __bench: Probe;
    /** Calls a protected endpoint with the token the tab holds: the HTTP status, or 0 when it has none. */
    __benchCheckSession: () => Promise<number>;
  }
}

const CLICK_KEY = 'bench:sign-in-clicked-at';

export const benchConfig = (): BenchConfig => window.__BENCH_CONFIG__;

const probe: Probe = {
  status: 'loading',
  appStartedAt: null,
  authenticatedAt: null,
  signInMs: null,
  signInPhases: null,
  tokenUpdates: [],
  expiresAt: null,
  error: null,
};
if (typeof window !== 'undefined') {
  window.__bench = probe;
  window.__benchCheckSession = checkSession;
}

let heldToken: () => Promise<string | null> = async () => null;

/** The page says how to get the token its library holds (without starting a sign-in). */
export function provideToken(source: () => Promise<string | null>): void {
  heldToken = source;
}

/**
 * Whether the tab's session still works at the server: the management API accepts the user's access
 * token (with account_management.read), and answers 401 once it expired or its family was revoked.
 */
async function checkSession(): Promise<number> {
  const token = await heldToken().catch(() => null);
  if (!token) return 0;
  const response = await fetch(`${benchConfig().issuer}/v2/oauth_grants?page[size]=1`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return response.status;
}

let lastTokenIdentity: unknown;

export interface ObservedState {
  readonly status: ProbeStatus;
  /** Anything that changes when the held token changes (the token itself, or its expiry). */
  readonly tokenIdentity: unknown;
  readonly expiresAt: number | null;
  readonly error: string | null;
}

export function report(state: ObservedState): void {
  probe.status = state.status;
  probe.expiresAt = state.expiresAt;
  probe.error = state.error;
  if (state.status === 'authenticated' && probe.authenticatedAt === null) {
    probe.authenticatedAt = performance.now();
    const clickedAt = sessionStorage.getItem(CLICK_KEY);
    if (clickedAt !== null) {
      probe.signInMs = Date.now() - Number(clickedAt);
      // This document's navigation started when the library sent the tab to the authorization server;
      // it includes the redirect chain back and ended its response before the callback page ran.
      const navigation = performance.getEntriesByType('navigation')[0] as
        PerformanceNavigationTiming | undefined;
      if (navigation) {
        probe.signInPhases = {
          beforeRedirectMs: performance.timeOrigin - Number(clickedAt),
          redirectsMs: navigation.responseEnd,
          callbackPageMs: probe.authenticatedAt - navigation.responseEnd,
        };
      }
      sessionStorage.removeItem(CLICK_KEY);
    }
  }
  if (state.tokenIdentity != null && state.tokenIdentity !== lastTokenIdentity) {
    if (lastTokenIdentity !== undefined) probe.tokenUpdates.push(Date.now());
    lastTokenIdentity = state.tokenIdentity;
  }
}

/** Called by the page right before `createRoot(...).render(...)`: the page's scripts are loaded and run. */
export function markAppStart(): void {
  probe.appStartedAt = performance.now();
}

/** Called by the page's sign-in button right before the library redirects. */
export function markSignInClick(): void {
  sessionStorage.setItem(CLICK_KEY, String(Date.now()));
}
