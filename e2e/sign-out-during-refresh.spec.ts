/**
 * Journey: a person signs out in one tab while another tab's refresh is still waiting for the server.
 * Proves (issue 11, finding 4): the sign-out waits for that refresh to store its answer, then clears the
 * session and revokes the newest refresh token, so the refresh can never write the old session back. After the
 * answer and a reload every tab is signed out, IndexedDB holds no token, and the tokens the late refresh
 * brought are dead at the server.
 */
import type { Response } from '@playwright/test';
import { expect, test } from './support/fixtures.js';
import { DEV_SERVER_URL } from './support/dev-server.js';
import { indexedDbDump } from './support/indexed-db.js';
import { signIn, signInButton, signedInHeading } from './support/journeys.js';

/** How long the dev server holds the refresh before it processes and answers it. */
const HELD_MS = 4_000;

test('signing out while another tab refreshes leaves every tab signed out and no token in IndexedDB', async ({
  page,
  context,
  devServer,
  tokenWatch,
  request,
  screens,
}) => {
  // Every tab introspects its token once on load; the default limit (5 a minute) is not under test here.
  await devServer.configure({ introspectionRateLimit: { limit: 1000, windowSeconds: 60 } });
  await signIn(page);
  const refreshing = await context.newPage();
  await refreshing.goto('/');
  await expect(signedInHeading(refreshing)).toBeVisible();
  await devServer.resetCounters();

  // The tokens the late refresh hands out, straight from the token endpoint's answer.
  const renewed: Promise<{ status: number; access_token?: string; refresh_token?: string }> = new Promise(
    (resolve) => {
      const onResponse = (response: Response): void => {
        if (!response.url().endsWith('/oauth/token') || response.request().method() !== 'POST') return;
        context.off('response', onResponse);
        response.json().then(
          (body: { access_token?: string; refresh_token?: string }) =>
            resolve({ status: response.status(), ...body }),
          () => resolve({ status: response.status() }),
        );
      };
      context.on('response', onResponse);
    },
  );
  // The token the sign-out revokes.
  const revokedTokens: string[] = [];
  context.on('request', (request) => {
    if (request.url().endsWith('/oauth/revoke'))
      revokedTokens.push(new URLSearchParams(request.postData() ?? '').get('token') ?? '');
  });

  // Tab 2 refreshes; the dev server holds the request (it has not processed it yet).
  await devServer.injectFault({ endpoint: 'token', latencyMs: HELD_MS, count: 1 });
  await refreshing.getByRole('button', { name: 'Refresh now' }).click();
  await expect.poll(() => devServer.count('token')).toBe(1);

  // Tab 1 signs out meanwhile. It is signed out at once; clearing storage waits for the refresh to end.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(signInButton(page)).toBeVisible();

  // The answer arrives, is stored, then the sign-out clears it, revokes it and tells tab 2.
  const late = await renewed;
  expect(late.status).toBe(200); // the held refresh succeeded: the sign-out waited for it
  const lateToken = late.access_token ?? '';
  expect(lateToken.length).toBeGreaterThan(20);
  await expect(signInButton(refreshing)).toBeVisible({ timeout: HELD_MS + 10_000 });
  await expect.poll(() => devServer.count('revoke'), { timeout: 10_000 }).toBe(1);
  expect(revokedTokens).toEqual([late.refresh_token]); // the newest refresh token, read from storage
  await screens.capture(refreshing, 'signed-out-while-refreshing');

  // A reload finds no session anywhere.
  for (const tab of [page, refreshing]) {
    await tab.reload();
    await expect(signInButton(tab)).toBeVisible();
  }
  const stored = (await indexedDbDump(page)).join('\n');
  expect(stored).not.toMatch(/:session = /);
  await tokenWatch.settle();
  expect(tokenWatch.tokens.size).toBeGreaterThanOrEqual(2);
  for (const token of tokenWatch.tokens) {
    expect(stored.includes(token), `token ${token.slice(0, 12)}… left in IndexedDB`).toBe(false);
  }

  // The revoked refresh token was the newest: the late refresh's access token no longer works.
  const api = await request.get(`${DEV_SERVER_URL}/v2/oauth_grants`, {
    headers: { authorization: `Bearer ${lateToken}` },
  });
  expect(api.status()).toBe(401);
  const counters = await devServer.counters();
  expect(counters['token:refresh_token']).toBe(1);
  expect(counters['refresh_reuse_detected'] ?? 0).toBe(0);
});
