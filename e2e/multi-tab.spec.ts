/**
 * Journey: a person has the app open in several tabs of one browser.
 * Proves: when the token of five tabs expires at the same moment, exactly one refresh reaches the server
 * (the others adopt its result: no `invalid_grant` from refresh-token rotation); signing out in one tab
 * signs out every other tab.
 */
import { expect, test } from './support/fixtures.js';
import { shownExpiry, signIn, signInButton, signedInHeading } from './support/journeys.js';

test('five tabs whose token expires together cause exactly one refresh', async ({
  page,
  context,
  devServer,
  screens,
}) => {
  // Every tab introspects its token once on load; the default limit (5 a minute) is not under test here.
  await devServer.configure({ introspectionRateLimit: { limit: 1000, windowSeconds: 60 } });
  // One clock for every tab of the context, so their timers all fire at the same instant below.
  await context.clock.install();
  await signIn(page);
  const tabs = [page];
  for (let index = 0; index < 4; index += 1) {
    const tab = await context.newPage();
    await tab.goto('/');
    await expect(signedInHeading(tab)).toBeVisible();
    tabs.push(tab);
  }
  const before = await shownExpiry(page);
  for (const tab of tabs) expect(await shownExpiry(tab)).toBe(before);
  await devServer.resetCounters();

  // Jump every tab's clock past "60 s before expiry": all five want a new token now.
  await context.clock.fastForward('29:30');

  for (const tab of tabs) {
    await expect.poll(() => shownExpiry(tab), { timeout: 15_000 }).toBeGreaterThan(before);
  }
  const renewed = await shownExpiry(page);
  for (const tab of tabs) {
    expect(await shownExpiry(tab)).toBe(renewed);
    await expect(signedInHeading(tab)).toBeVisible();
  }
  await screens.capture(tabs[4]!, 'fifth-tab-after-shared-refresh');

  const counters = await devServer.counters();
  expect(counters['token:refresh_token']).toBe(1);
  expect(counters['refresh_reuse_detected'] ?? 0).toBe(0);
});

test('signing out in one tab signs out the others', async ({ page, context, devServer, screens }) => {
  await signIn(page);
  const other = await context.newPage();
  await other.goto('/connected-apps');
  await expect(other.getByRole('heading', { name: 'Connected apps' })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(signInButton(page)).toBeVisible();
  await expect(page.getByText('You are signed out.')).toBeVisible();

  await expect(signInButton(other)).toBeVisible();
  await expect(other).toHaveURL('/');
  await expect(other.getByText('You signed out in another tab')).toBeVisible();
  await screens.capture(other, 'signed-out-by-another-tab');

  // The refresh token was revoked at the server (RFC 7009), not only forgotten.
  expect(await devServer.count('revoke')).toBe(1);
  // And a reload of either tab stays signed out.
  await other.reload();
  await expect(signInButton(other)).toBeVisible();
});
