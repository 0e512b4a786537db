/**
 * Journey: a whole session in Chromium - sign in, renew, call the API, reload, sign out - watched for leaks.
 * Proves (issue 8): no access token, refresh token or authorization code is ever in localStorage,
 * sessionStorage, a cookie, the address bar after the callback, the Referer header of any request, or the
 * console; and after sign-out nothing of the session is left in IndexedDB (read back through page.evaluate).
 *
 * The token-leak watch every spec runs (support/token-watch.ts) already checks URLs, Web Storage writes and the
 * console for tokens; this spec adds the authorization code, cookies, Referer headers and IndexedDB.
 */
import type { Request } from '@playwright/test';
import { expect, test } from './support/fixtures.js';
import { indexedDbDump } from './support/indexed-db.js';
import { signIn, signedInHeading } from './support/journeys.js';

interface SentRequest {
  url: string;
  referer: string | null;
  authorization: string | null;
}

test('a full session leaves no token or code in storage, cookies, URLs, Referer headers, the console or IndexedDB', async ({
  page,
  context,
  tokenWatch,
}) => {
  const sent: Promise<SentRequest>[] = [];
  const record = (request: Request) =>
    sent.push(
      request.allHeaders().then((headers) => ({
        url: request.url(),
        referer: headers['referer'] ?? null,
        authorization: headers['authorization'] ?? null,
      })),
    );
  context.on('request', record);

  await signIn(page);
  expect(new URL(page.url()).search).not.toMatch(/[?&](code|state|iss)=/);
  await page.getByRole('button', { name: 'Refresh now' }).click();
  await expect(page.getByText(/^Renewed at/)).toBeVisible();
  await page.getByRole('link', { name: 'Connected apps' }).first().click();
  await expect(page.getByRole('heading', { name: 'Connected apps' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Connected apps' })).toBeVisible();
  await page.goto('/');
  await expect(signedInHeading(page)).toBeVisible();

  // While signed in the session IS in IndexedDB: the dump below reads the real thing.
  const tokens = [...tokenWatch.tokens];
  await tokenWatch.settle();
  expect(tokenWatch.tokens.size).toBeGreaterThanOrEqual(4); // code exchange + refresh: access + refresh each
  const whileSignedIn = (await indexedDbDump(page)).join('\n');
  expect(whileSignedIn).toContain(':session');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in with Telnyx' })).toBeVisible();

  const codes = tokenWatch.urls
    .map((url) => new URL(url))
    .filter((url) => url.pathname === '/callback' && url.searchParams.has('code'))
    .map((url) => url.searchParams.get('code') ?? '');
  expect(codes.length).toBeGreaterThanOrEqual(1);
  const secrets = [...tokens, ...tokenWatch.tokens, ...codes].filter((secret) => secret.length >= 8);
  const appOrigin = new URL(page.url()).origin;

  // Referer: no request (to the app, the dev server, or anywhere) carried a secret in its Referer header,
  // and the bearer token only ever went to the dev server (the API), never to the app's own origin.
  const requests = await Promise.all(sent);
  for (const request of requests) {
    for (const secret of secrets) {
      expect(request.referer?.includes(secret) ?? false, `secret in the Referer of ${request.url}`).toBe(
        false,
      );
    }
    if (request.authorization?.startsWith('Bearer ')) expect(new URL(request.url).origin).not.toBe(appOrigin);
  }

  // Cookies of every origin the browser talked to.
  const cookies = JSON.stringify(await context.cookies());
  for (const secret of secrets) expect(cookies.includes(secret), 'secret in a cookie').toBe(false);

  // Web Storage now, and every write ever made (the watch wraps setItem).
  const webStorage = await page.evaluate(() =>
    JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)]),
  );
  const writes = JSON.stringify(tokenWatch.storageWrites);
  for (const secret of secrets) {
    expect(webStorage.includes(secret), 'secret in Web Storage').toBe(false);
    expect(writes.includes(secret), 'secret written to Web Storage').toBe(false);
  }

  // The console, and the address bar (the callback URL itself is the only place a code may ever appear).
  for (const secret of secrets) {
    for (const message of tokenWatch.consoleMessages) {
      expect(message.includes(secret), 'secret logged to the console').toBe(false);
    }
  }
  expect(page.url().includes('code=')).toBe(false);

  // IndexedDB after sign-out: no session record, and no token or code anywhere in any database.
  const afterSignOut = await indexedDbDump(page);
  expect(afterSignOut.filter((line) => line.includes(':session'))).toEqual([]);
  for (const secret of secrets) {
    expect(afterSignOut.join('\n').includes(secret), 'secret left in IndexedDB after sign-out').toBe(false);
  }
});
