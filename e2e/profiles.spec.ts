/**
 * Journey: the demo's main journeys (sign in through the consent page, reload, "Refresh now", a second tab,
 * sign out in one tab → every tab) in each server profile (support/profiles.ts), one Playwright project each:
 * - `default`: the standard dev server, browser-only: the callback carries `iss` (RFC 9207), sign-out
 *   revokes the refresh token (RFC 7009);
 * - `no-revocation-no-iss`: no `iss` in the callback and no revocation request, and everything else works;
 * - `telnyx-handler`: `--profile telnyx` (no CORS on the token endpoint, no refresh tokens for public
 *   clients) through the token handler. The browser never calls the token endpoint; the session cookie is
 *   HttpOnly; the refresh tokens the dev server issued (opened from that cookie with the test's key) are
 *   never in IndexedDB, Web Storage, a URL, a response body the page can read, `document.cookie` or the
 *   console.
 */
import type { BrowserContext } from '@playwright/test';
import { expect, test } from './support/fixtures.js';
import { HANDLER_COOKIE_NAME, watchHandlerCookies } from './support/handler-cookie.js';
import { indexedDbDump } from './support/indexed-db.js';
import { shownExpiry, signIn, signInButton, signedInHeading } from './support/journeys.js';
import { HANDLER_COOKIE_KEY, origin } from './support/profiles.js';

/** Everything the page's scripts can read from the network: fetch/XHR answers and documents. */
function readableBodies(context: BrowserContext): { bodies: string[]; settle(): Promise<void> } {
  const bodies: string[] = [];
  const pending: Promise<void>[] = [];
  context.on('response', (response) => {
    const type = response.request().resourceType();
    if (type !== 'fetch' && type !== 'xhr' && type !== 'document') return;
    if (response.status() >= 300 && response.status() < 400) return;
    pending.push(
      response.text().then(
        (text) => void bodies.push(text),
        () => {},
      ),
    );
  });
  return { bodies, settle: async () => void (await Promise.all(pending)) };
}

test('sign in, reload, Refresh now, a second tab, sign out everywhere', async ({
  page,
  context,
  devServer,
  profile,
  tokenWatch,
  screens,
}) => {
  test.slow(); // the whole journey in one test, on a slow machine
  const appOrigin = origin(profile.demoPort);
  const handler = profile.tokenHandler;
  const requests: string[] = [];
  context.on('request', (request) => requests.push(`${request.method()} ${request.url()}`));
  const readable = readableBodies(context);
  const cookies = handler
    ? watchHandlerCookies(
        context,
        {
          appOrigin,
          basePath: handler,
          issuer: devServer.url,
          clientId: 'telnyx-oauth-confidential',
          cookieKey: HANDLER_COOKIE_KEY,
        },
        (refreshToken) => tokenWatch.tokens.add(refreshToken),
      )
    : null;
  const storedWhileSignedIn: string[] = [];

  await test.step('sign in through the consent page', async () => {
    const callback = page.waitForRequest((request) => new URL(request.url()).pathname === '/callback');
    await signIn(page, devServer.url);
    const params = new URL((await callback).url()).searchParams;
    expect(params.has('code')).toBe(true);
    expect(params.get('iss'), 'RFC 9207 iss in the callback').toBe(profile.offers.iss ? devServer.url : null);
    expect(await devServer.count('token:authorization_code')).toBe(1);
    if (handler) {
      await expect(page.getByTestId('token-handler-note')).toContainText(handler);
      // Introspection would need the confidential client's secret, which only the handler has.
      await expect(page.getByTestId('introspection-unsupported')).toContainText('does not introspect');
      expect(await devServer.count('introspect')).toBe(0);
      // The session is the handler's HttpOnly cookie, scoped to its path; no script can read it.
      const [cookie, ...others] = (await context.cookies()).filter(
        ({ name }) => name === HANDLER_COOKIE_NAME,
      );
      expect(others).toEqual([]);
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: handler, secure: false });
      expect(await page.evaluate(() => document.cookie)).not.toContain(HANDLER_COOKIE_NAME);
    }
    storedWhileSignedIn.push(...(await indexedDbDump(page)));
    await screens.capture(page, `${profile.name}-signed-in`);
  });

  await test.step('reload: still signed in, nothing asked of any server', async () => {
    const expiry = await shownExpiry(page);
    await devServer.resetCounters();
    const before = requests.length;
    await page.reload();
    await expect(signedInHeading(page)).toBeVisible();
    expect(await shownExpiry(page)).toBe(expiry);
    const counters = await devServer.counters();
    expect(counters['token'] ?? 0).toBe(0);
    expect(counters['authorization_server_metadata'] ?? 0).toBe(0);
    expect(requests.slice(before).filter((line) => line.includes('/api/auth/'))).toEqual([]);
  });

  await test.step('Refresh now renews the token once', async () => {
    const before = await shownExpiry(page);
    await devServer.resetCounters();
    await page.getByRole('button', { name: 'Refresh now' }).click();
    await expect(page.getByText(/^Renewed at/)).toBeVisible();
    await expect.poll(() => shownExpiry(page)).toBeGreaterThan(before);
    expect(await devServer.count('token:refresh_token')).toBe(1);
    storedWhileSignedIn.push(...(await indexedDbDump(page)));
  });

  const second = await context.newPage();
  await test.step('a second tab opens signed in without a token request', async () => {
    await devServer.resetCounters();
    await second.goto('/connected-apps');
    await expect(second.getByRole('heading', { name: 'Connected apps' })).toBeVisible();
    expect(await devServer.count('token')).toBe(0);
  });

  await test.step('signing out in one tab signs out the other', async () => {
    await devServer.resetCounters();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(signInButton(page)).toBeVisible();
    await expect(signInButton(second)).toBeVisible();
    await expect(second.getByText('You signed out in another tab')).toBeVisible();
    await screens.capture(second, `${profile.name}-signed-out-by-another-tab`);
    // The revocation endpoint is called (by the browser, or by the handler) only where the server has one.
    await expect.poll(() => devServer.count('revoke')).toBe(profile.offers.revocation ? 1 : 0);
    await second.reload();
    await expect(signInButton(second)).toBeVisible();
    if (handler) {
      const left = (await context.cookies()).filter(({ name }) => name === HANDLER_COOKIE_NAME);
      expect(left, 'the handler cleared its cookie').toEqual([]);
    }
  });

  const browserCalls = (path: string) =>
    requests.filter((line) => line.startsWith('POST ') && line.includes(`${devServer.url}${path}`));
  if (!profile.offers.revocation) {
    expect(browserCalls('/v2/oauth/revoke'), 'the browser asked for a revocation').toEqual([]);
  }

  if (cookies) {
    await test.step('through the token handler: no refresh token within reach of the page', async () => {
      // The browser never calls the token endpoint; the handler does (counted at the dev server above).
      expect(browserCalls('/v2/oauth/token')).toEqual([]);
      expect(requests.filter((line) => line.startsWith(`POST ${appOrigin}${handler}/`))).toEqual(
        expect.arrayContaining([
          `POST ${appOrigin}${handler}/token`,
          `POST ${appOrigin}${handler}/refresh`,
          `POST ${appOrigin}${handler}/logout`,
        ]),
      );
      await cookies.settle();
      // The sign-in's refresh token and the one it was rotated into by "Refresh now".
      expect(cookies.refreshTokens).toHaveLength(2);
      await readable.settle();
      expect(readable.bodies.length).toBeGreaterThan(5);
      for (const refreshToken of cookies.refreshTokens) {
        const short = `${refreshToken.slice(0, 8)}…`;
        for (const line of storedWhileSignedIn)
          expect(line.includes(refreshToken), `${short} in IndexedDB`).toBe(false);
        for (const body of readable.bodies)
          expect(body.includes(refreshToken), `${short} in a response body`).toBe(false);
      }
      // The stored session holds no refresh token at all, only the handler's flag.
      const sessions = storedWhileSignedIn.filter((line) => line.includes('"kind":"session"'));
      expect(sessions).toHaveLength(2);
      for (const line of sessions) expect(line).toMatch(/"refreshToken":null,.*"refreshable":true/);
      // URLs, Web Storage and the console: the fixture's watch checks those for these tokens too.
    });
  }
});
