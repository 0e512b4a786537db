import type { Browser, Page, Request } from '@playwright/test';
import { readProbe, signedIn, waitForProbe } from '../browser/probe-reader.js';
import { signIn, toAuthServer, type AuthServer, type BenchTarget } from '../browser/target.js';
import type { Probe } from '../pages/probe.js';

export interface FanInResult {
  readonly tabs: number;
  /** Refresh-token grants the auth server received (its 'token:refresh_token' counter). */
  readonly refreshRequests: number;
  /** Refresh answers that were 400 invalid_grant. */
  readonly invalidGrant: number;
  /** Times the server saw a rotated refresh token reused (and revoked the whole token family). */
  readonly reuseDetected: number;
  /** Tabs whose app holds a new token at the end. */
  readonly tabsUpdated: number;
  /**
   * Tabs that end without a working session: the token they hold is refused by the API (expired or its
   * family revoked), they hold none, or they show an error.
   */
  readonly tabsSignedOut: number;
  /** Tabs that held the new token within 100 ms of the first successful refresh answer. */
  readonly tabsWithin100Ms: number;
  /** From the first successful refresh answer to the last tab holding the new token; null unless all did. */
  readonly allTabsUpdatedMs: number | null;
  /** From the old token's expiry to the last tab holding the new token (negative: before expiry). */
  readonly lastUpdateAfterExpiryMs: number | null;
  readonly errors: readonly string[];
}

export interface FanInOptions {
  readonly tabs: number;
  /** Seconds before expiry at which the pages refresh (their config). */
  readonly refreshLeewaySeconds: number;
}

const LONG_TTL_SECONDS = 1800;
const OPEN_TAB_TIMEOUT_MS = 15_000;
/**
 * How long after the old token's expiry a tab may still be updating. oidc-client-ts checks its renew
 * timer every 5 s, so its tabs renew up to 5 s late; we wait for that rather than call them signed out.
 */
const AFTER_EXPIRY_MS = 7_000;
/** After every tab has settled, late answers (e.g. a reuse detection revoking the family) may still land. */
const SETTLE_MS = 500;
const POLL_MS = 250;

interface RefreshAnswer {
  readonly endedAt: number;
  readonly status: number;
  readonly error: string | null;
}

const isRefreshGrant = (request: Request): boolean =>
  request.method() === 'POST' && /grant_type["=:\s]+"?refresh_token/.test(request.postData() ?? '');

/** A tab is settled once it holds a new token or has given up (error, or no longer signed in). */
const tabSettled = (probe: Probe | null): boolean =>
  probe !== null &&
  (probe.tokenUpdates.length > 0 || probe.error !== null || probe.status !== 'authenticated');

/**
 * N tabs of one browser context share a session whose access token expires at one moment; the
 * auth server rotates refresh tokens (and revokes the family on reuse). Counts what reaches the server
 * and what each tab ends up holding.
 */
export async function benchFanIn(
  browser: Browser,
  target: BenchTarget,
  server: AuthServer,
  { tabs, refreshLeewaySeconds }: FanInOptions,
): Promise<FanInResult> {
  const errors: string[] = [];
  // The first token must outlive opening every tab; the refreshed ones must not expire while we watch.
  server.setAccessTokenTtl(refreshLeewaySeconds + 5 + Math.ceil(tabs * 0.5));
  const context = await browser.newContext();
  const answers: RefreshAnswer[] = [];
  context.on('response', (response) => {
    const request = response.request();
    if (!toAuthServer(server, request.url()) || !isRefreshGrant(request)) return;
    void (async () => {
      await response.finished().catch(() => null);
      const timing = request.timing();
      const body = response.status() >= 400 ? await response.text().catch(() => '') : '';
      answers.push({
        endedAt: timing.startTime + Math.max(timing.responseEnd, 0),
        status: response.status(),
        error: /"error"\s*:\s*"([^"]+)"/.exec(body)?.[1] ?? null,
      });
    })();
  });
  const before = {
    refresh: server.counter('token:refresh_token'),
    reuse: server.counter('refresh_reuse_detected'),
  };
  const serverCounts = () => ({
    refreshRequests: server.counter('token:refresh_token') - before.refresh,
    invalidGrant: answers.filter((answer) => answer.error === 'invalid_grant').length,
    reuseDetected: server.counter('refresh_reuse_detected') - before.reuse,
  });
  try {
    const { page: first } = await signIn(context, target);
    server.setAccessTokenTtl(LONG_TTL_SECONDS);
    const pages: Page[] = [first];
    const expiresAt = (await readProbe(first))?.expiresAt ?? Date.now();
    while (pages.length < tabs) {
      const page = await context.newPage();
      await page.goto(`${target.origin}/`, { timeout: OPEN_TAB_TIMEOUT_MS });
      // One tab at a time, so the polling of twenty tabs does not compete with their start-up.
      await waitForProbe(page, signedIn, OPEN_TAB_TIMEOUT_MS);
      pages.push(page);
    }
    if (Date.now() > expiresAt - refreshLeewaySeconds * 1000) {
      errors.push('the tabs were not all open before the refresh was due');
    }

    // Watch until every tab has settled, at the latest AFTER_EXPIRY_MS past the old token's expiry.
    const deadline = expiresAt + AFTER_EXPIRY_MS;
    let probes: (Probe | null)[] = [];
    do {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      probes = await Promise.all(pages.map(readProbe));
    } while (!probes.every(tabSettled) && Date.now() < deadline);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const counts = serverCounts();

    probes = await Promise.all(pages.map(readProbe));
    const sessions = await Promise.all(
      pages.map((page) => page.evaluate(() => window.__benchCheckSession()).catch(() => 0)),
    );
    const firstSuccess = Math.min(...answers.filter((a) => a.status === 200).map((a) => a.endedAt));
    const updates = probes
      .map((probe) => probe?.tokenUpdates[0])
      .filter((at): at is number => at !== undefined);
    const lastUpdate = Math.max(...updates);
    const unknown = sessions.filter((status) => status !== 0 && status !== 200 && status !== 401).length;
    if (unknown > 0)
      errors.push(`${unknown} session check(s) got an unexpected HTTP status (${sessions.join(', ')})`);
    return {
      tabs,
      ...counts,
      tabsUpdated: updates.length,
      tabsSignedOut: probes.filter((probe, index) => sessions[index] !== 200 || probe?.error != null).length,
      tabsWithin100Ms: Number.isFinite(firstSuccess)
        ? updates.filter((at) => at - firstSuccess <= 100).length
        : 0,
      allTabsUpdatedMs:
        updates.length === tabs && Number.isFinite(firstSuccess) ? lastUpdate - firstSuccess : null,
      lastUpdateAfterExpiryMs: updates.length === tabs ? lastUpdate - expiresAt : null,
      errors,
    };
  } catch (error) {
    errors.push((error as Error).message.split('\n')[0] ?? String(error));
    return {
      tabs,
      ...serverCounts(),
      tabsUpdated: 0,
      tabsSignedOut: tabs,
      tabsWithin100Ms: 0,
      allTabsUpdatedMs: null,
      lastUpdateAfterExpiryMs: null,
      errors,
    };
  } finally {
    server.setAccessTokenTtl(LONG_TTL_SECONDS);
    await context.close();
  }
}
