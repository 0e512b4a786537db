/**
 * Journey: a person stays on the signed-in page while the access token runs out.
 * Proves: a short-lived token is renewed in the background without the person doing anything, exactly once;
 * "Refresh now" renews on demand; a failing token endpoint keeps the session and says so.
 */
import { expect, test } from './support/fixtures.js';
import { shownExpiry, signIn, signedInHeading } from './support/journeys.js';

test('a short-lived access token is renewed silently, once, halfway through its life', async ({
  page,
  devServer,
  screens,
}) => {
  // The library renews 60 s before expiry, but never before half the lifetime has passed: a 20 s token
  // (shorter-lived than the leeway) is renewed about 10 s after it was issued, not in a loop.
  await devServer.configure({ accessTokenTtl: 20 });
  await signIn(page);
  const firstExpiry = await shownExpiry(page);
  expect(firstExpiry - Date.now()).toBeLessThanOrEqual(20_000);
  expect(await devServer.count('token:refresh_token')).toBe(0);

  await expect.poll(() => shownExpiry(page), { timeout: 20_000 }).toBeGreaterThan(firstExpiry);
  await expect(signedInHeading(page)).toBeVisible();
  await expect(page.getByTestId('activity')).toContainText('Access token renewed');
  await screens.capture(page, 'renewed-silently');

  // Calm after the renewal: the next one is due only halfway through the new token's life.
  await page.waitForTimeout(3000);
  const counters = await devServer.counters();
  expect(counters['token:refresh_token']).toBe(1);
  expect(counters['authorize']).toBe(1);
  expect(counters['refresh_reuse_detected'] ?? 0).toBe(0);
});

test('"Refresh now" renews the token on demand', async ({ page, devServer }) => {
  await signIn(page);
  const firstExpiry = await shownExpiry(page);
  await devServer.resetCounters();

  await page.getByRole('button', { name: 'Refresh now' }).click();
  await expect(page.getByText(/^Renewed at/)).toBeVisible();
  await expect.poll(() => shownExpiry(page)).toBeGreaterThan(firstExpiry);
  expect(await devServer.count('token:refresh_token')).toBe(1);
});

test('a failing token endpoint keeps the session and says so', async ({ page, devServer, screens }) => {
  await signIn(page);
  await devServer.injectFault({ endpoint: 'token', status: 503, count: 10 });

  await page.getByRole('button', { name: 'Refresh now' }).click();
  const problem = page.getByRole('alert').filter({ hasText: '127.0.0.1:4010 did not answer' });
  await expect(problem).toBeVisible();
  await expect(signedInHeading(page)).toBeVisible();
  await screens.capture(page, 'refresh-failed');

  await devServer.clearFaults();
  await page.getByRole('button', { name: 'Refresh now' }).click();
  await expect(page.getByText(/^Renewed at/)).toBeVisible();
  await expect(signedInHeading(page)).toBeVisible();
});
