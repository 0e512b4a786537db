/**
 * Journey: a person reviews the apps connected to their account and revokes some.
 * Proves: the grants list (through the API client, with the session's token), revoking another app keeps
 * this session, revoking this app's own grant ends the session at its next refresh with an explanation,
 * and a failing API shows an error with a working "Try again". Revoking needs account_management.write, which
 * the read-only session asks for in a Telnyx window the first time (allowed here; see scopes.spec.ts).
 */
import { expect, test, type Page } from './support/fixtures.js';
import { DEMO_CLIENT_ID, signIn, signInButton } from './support/journeys.js';
import { allowInPopup } from './support/popup.js';

async function openConnectedApps(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connected apps' }).click();
  await expect(page.getByRole('heading', { name: 'Connected apps' })).toBeVisible();
  await expect(page.getByRole('table')).toBeVisible();
}

test('lists the grants, ten a page, with pagination', async ({ page, screens }) => {
  await signIn(page);
  await openConnectedApps(page);
  await expect(page.getByRole('row')).toHaveCount(11); // header + 10 per page
  await expect(page.getByText(/Page 1 of \d+ · \d+ apps/)).toBeVisible();
  await screens.capture(page, 'connected-apps');

  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page).toHaveURL(/\/connected-apps\?page=2$/);
  await expect(page.getByText(/Page 2 of \d+/)).toBeVisible();
  await page.goBack();
  await expect(page.getByText(/Page 1 of \d+/)).toBeVisible();
});

test('revoking another app keeps this session', async ({ page, devServer }) => {
  await signIn(page);
  await openConnectedApps(page);
  const other = page
    .locator(`tr[data-testid^="grant-"]:not([data-testid="grant-${DEMO_CLIENT_ID}"])`)
    .first();
  const otherId = (await other.getAttribute('data-testid'))!.replace(/^grant-/, '');
  const total = await page
    .getByText(/\d+ apps/)
    .first()
    .textContent();

  await other.getByRole('button', { name: /^Revoke/ }).click();
  await allowInPopup(page, () => page.getByRole('button', { name: 'Revoke access' }).click());
  await expect(page.getByText('Access revoked')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: otherId })).toBeVisible();
  await expect(page.getByText(/\d+ apps/).first()).not.toHaveText(total ?? '');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  expect(await devServer.count('token:refresh_token')).toBe(0);
});

test('revoking this app ends the session at its next refresh, with an explanation', async ({
  page,
  devServer,
  screens,
}) => {
  await signIn(page);
  await openConnectedApps(page);
  // This app's grant may be on any page; it is the most recent one, so look for it page by page.
  const ownGrant = page.getByTestId(`grant-${DEMO_CLIENT_ID}`);
  for (let pageNumber = 1; !(await ownGrant.isVisible()); pageNumber += 1) {
    expect(pageNumber, "this app's grant is listed").toBeLessThan(10);
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText(new RegExp(`Page ${pageNumber + 1} of`))).toBeVisible();
  }
  await devServer.resetCounters();

  await ownGrant.getByRole('button', { name: /^Revoke/ }).click();
  await allowInPopup(page, () => page.getByRole('button', { name: 'Revoke access' }).click());

  // The list reloads with the revoked token: 401, one refresh attempt, invalid_grant, session over.
  await expect(signInButton(page)).toBeVisible();
  await expect(page.getByText('Your session has ended')).toBeVisible();
  await screens.capture(page, 'session-ended-after-revoke');
  const counters = await devServer.counters();
  expect(counters['token:refresh_token']).toBe(1);
  expect(counters['oauth_grants']).toBeGreaterThanOrEqual(2);

  // Nothing to resume: a reload stays signed out and asks the server for nothing.
  await devServer.resetCounters();
  await page.reload();
  await expect(signInButton(page)).toBeVisible();
  expect((await devServer.counters())['token'] ?? 0).toBe(0);
});

test('a failing API shows an error with a working "Try again"', async ({ page, devServer, screens }) => {
  await signIn(page);
  // The API client retries twice: three failures make the request fail.
  await devServer.injectFault({ endpoint: 'oauth_grants', status: 500, count: 3 });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connected apps' }).click();

  const error = page.getByRole('alert').filter({ hasText: '127.0.0.1:4010 had a problem' });
  await expect(error).toBeVisible({ timeout: 20_000 });
  await screens.capture(page, 'connected-apps-error');
  await error.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('table')).toBeVisible();
  await expect(error).toBeHidden();
});
