/**
 * Journey: a signed-in person reloads the page, or comes back later in a new tab.
 * Proves: the session survives a reload from IndexedDB with no token request and no metadata request, and
 * tokens never appear in a URL, localStorage, sessionStorage or the console (checked on every write).
 */
import { expect, test } from './support/fixtures.js';
import { DEMO_CLIENT_ID, shownExpiry, signIn, signedInHeading } from './support/journeys.js';

test('a reload keeps the session without any token or metadata request', async ({ page, devServer }) => {
  await signIn(page);
  const expiry = await shownExpiry(page);
  await devServer.resetCounters();

  await page.reload();
  await expect(signedInHeading(page)).toBeVisible();
  expect(await shownExpiry(page)).toBe(expiry);

  const counters = await devServer.counters();
  expect(counters['token'] ?? 0).toBe(0);
  expect(counters['authorization_server_metadata'] ?? 0).toBe(0);
  expect(counters['authorize'] ?? 0).toBe(0);
});

test('a new tab of the same browser opens signed in, without any token request', async ({
  page,
  context,
  devServer,
}) => {
  await signIn(page);
  await devServer.resetCounters();

  const second = await context.newPage();
  await second.goto('/');
  await expect(signedInHeading(second)).toBeVisible();
  expect((await devServer.counters())['token'] ?? 0).toBe(0);
});

test('no token ever reaches a URL, Web Storage or the console during a full session', async ({
  page,
  tokenWatch,
}) => {
  await signIn(page);
  await page.getByRole('button', { name: 'Refresh now' }).click();
  await expect(page.getByText(/^Renewed at/)).toBeVisible();
  await page.getByRole('link', { name: 'Connected apps' }).first().click();
  await expect(page.getByRole('heading', { name: 'Connected apps' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Connected apps' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in with Telnyx' })).toBeVisible();

  // Two token responses (the code exchange and the refresh), each with an access and a refresh token.
  expect(await tokenWatch.tokenCount()).toBeGreaterThanOrEqual(4);
  await tokenWatch.assertNoLeaks(page.context().pages());
  // The app keeps nothing in Web Storage at all.
  expect(tokenWatch.storageWrites.filter((write) => write.origin === 'http://127.0.0.1:4173')).toEqual([]);
});

test('coming back after access was revoked starts signed out, with the reason, without a crash or loop', async ({
  page,
  context,
  devServer,
  screens,
}) => {
  await context.clock.install();
  await signIn(page);
  await page.close();
  // While the browser was away: the grant was revoked and the access token ran out.
  await devServer.revokeGrants(DEMO_CLIENT_ID);
  await context.clock.fastForward('31:00');
  await devServer.resetCounters();

  const later = await context.newPage();
  await later.goto('/');
  await expect(later.getByRole('button', { name: 'Sign in with Telnyx' })).toBeVisible();
  await expect(later.getByText('Your session has ended')).toBeVisible();
  await screens.capture(later, 'back-after-revocation');
  const counters = await devServer.counters();
  expect(counters['token:refresh_token']).toBe(1);
  expect(counters['authorize'] ?? 0).toBe(0);
});
