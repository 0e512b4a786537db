/**
 * Journey: a person stays on the signed-in page while the access token runs out.
 * Proves: a short-lived token is renewed in the background without the person doing anything, exactly once;
 * "Refresh now" renews on demand; a failing token endpoint keeps the session and says so.
 */
import { expect, test } from './support/fixtures.js';
import { shownExpiry, signIn, signedInHeading } from './support/journeys.js';

test('a short-lived access token is renewed silently, once', async ({ page, devServer, screens }) => {
  // The library renews 60 s before expiry: a 70 s token is renewed about 10 s after sign-in.
  await devServer.configure({ accessTokenTtl: 70 });
  await signIn(page);
  const firstExpiry = await shownExpiry(page);
  expect(firstExpiry - Date.now()).toBeLessThanOrEqual(70_000);

  await expect.poll(() => shownExpiry(page), { timeout: 25_000 }).toBeGreaterThan(firstExpiry);
  await expect(signedInHeading(page)).toBeVisible();
  await expect(page.getByTestId('activity')).toContainText('Access token renewed');
  await screens.capture(page, 'renewed-silently');

  const counters = await devServer.counters();
  expect(counters['token:refresh_token']).toBe(1);
  expect(counters['authorize'] ?? 0).toBe(1);
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
  const problem = page.getByRole('alert').filter({ hasText: 'Telnyx did not answer' });
  await expect(problem).toBeVisible();
  await expect(signedInHeading(page)).toBeVisible();
  await screens.capture(page, 'refresh-failed');

  await devServer.clearFaults();
  await page.getByRole('button', { name: 'Refresh now' }).click();
  await expect(page.getByText(/^Renewed at/)).toBeVisible();
  await expect(signedInHeading(page)).toBeVisible();
});

// KNOWN BUG in @telnyx-oauth/core (reported to the lead): the refresh leeway (60 s) is not capped by the
// token's lifetime, so a token living less than 60 s is "due" the moment it arrives and every tab refreshes
// in a tight loop (39 refreshes in 10 s with a 5 s token). `test.fail` keeps this journey honest: the run
// fails as soon as core is fixed, and then the annotation must go.
test('a token shorter-lived than the refresh leeway is renewed calmly, not in a loop', async ({
  page,
  devServer,
}) => {
  test.fail(true, 'core refreshes in a loop when accessTokenTtl < refreshLeeway');
  await devServer.configure({ accessTokenTtl: 20 });
  await signIn(page);
  // Shortly after sign-in nothing needs renewing yet, or at most one renewal happened.
  await page.waitForTimeout(3000);
  try {
    expect(await devServer.count('token:refresh_token')).toBeLessThanOrEqual(1);
    await expect(signedInHeading(page)).toBeVisible();
  } finally {
    await page.close(); // ends a refresh loop, if any, before the fixtures check the run
  }
});
