/**
 * Journey: a person signs in through the consent page, or refuses.
 * Proves: the full authorization code + PKCE flow in a real browser, exactly one code exchange (the demo runs
 * under React StrictMode), Deny shows `access_denied` in words, and the keyboard alone can do it all.
 */
import { expect, test } from './support/fixtures.js';
import { DEV_SERVER_URL } from './support/dev-server.js';
import { signIn, signInButton, signedInHeading, startSignIn } from './support/journeys.js';

test('signing in through the consent page lands on the signed-in page', async ({
  page,
  devServer,
  screens,
}) => {
  await page.goto('/');
  await expect(signInButton(page)).toBeVisible();
  await screens.capture(page, 'home-signed-out');

  await signInButton(page).click();
  await expect(page.getByRole('button', { name: 'Allow' })).toBeEnabled();
  await expect(page.getByText('Telnyx OAuth Demo')).toBeVisible();
  await screens.capture(page, 'consent');

  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(signedInHeading(page)).toBeVisible();
  await expect(page).toHaveURL('/');
  await expect(page.getByRole('list', { name: 'Granted scopes' })).toContainText('account_management.read');
  await expect(page.getByTestId('token-countdown')).toHaveText(/^(29|30):\d\d$/);
  await expect(page.getByTestId('introspection')).toContainText('telnyx-oauth-demo');
  await screens.capture(page, 'signed-in');

  const counters = await devServer.counters();
  expect(counters['token:authorization_code']).toBe(1);
  expect(counters['token:refresh_token'] ?? 0).toBe(0);
});

test('the countdown to expiry is live', async ({ page }) => {
  await signIn(page);
  const countdown = page.getByTestId('token-countdown');
  const first = await countdown.textContent();
  await expect(countdown).not.toHaveText(first ?? '');
});

test('"Deny" on the consent page shows access_denied in words, with a way back', async ({
  page,
  devServer,
  screens,
}) => {
  await startSignIn(page);
  await page.getByRole('button', { name: 'Deny' }).click();

  const error = page.getByRole('alert');
  await expect(error).toHaveAttribute('data-error-code', 'authorization_denied');
  await expect(page.getByRole('heading', { name: 'You did not allow access' })).toBeVisible();
  await expect(error).toContainText('access_denied');
  await screens.capture(page, 'denied');
  expect(await devServer.count('token')).toBe(0);

  await page.getByRole('button', { name: 'Back to home' }).click();
  await expect(page).toHaveURL('/');
  await expect(signInButton(page)).toBeVisible();
});

test('"Sign in again" after Deny starts a fresh sign-in that succeeds', async ({ page, devServer }) => {
  await startSignIn(page);
  await page.getByRole('button', { name: 'Deny' }).click();
  await page.getByRole('button', { name: 'Sign in again' }).click();
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(signedInHeading(page)).toBeVisible();
  expect(await devServer.count('token:authorization_code')).toBe(1);
});

test('the keyboard alone signs in', async ({ page }) => {
  await page.goto('/');
  await expect(signInButton(page)).toBeVisible();
  // Tab from the top of the page until the sign-in button has focus, then press Enter.
  for (let presses = 0; presses < 10; presses += 1) {
    await page.keyboard.press('Tab');
    if (await signInButton(page).evaluate((element) => element === document.activeElement)) break;
  }
  await expect(signInButton(page)).toBeFocused();
  await page.keyboard.press('Enter');

  const allow = page.getByRole('button', { name: 'Allow' });
  await expect(allow).toBeEnabled();
  await allow.focus();
  await page.keyboard.press('Enter');
  await expect(signedInHeading(page)).toBeVisible();
});

test('a deep link to a signed-in page signs in first, then returns to it', async ({ page, devServer }) => {
  await page.goto('/clients?page=3');
  // <RequireAuth> redirected straight to the authorization server, once.
  await page.waitForURL((url) => url.origin === DEV_SERVER_URL);
  await page.getByRole('button', { name: 'Allow' }).click();

  await expect(page).toHaveURL('/clients?page=3');
  await expect(page.getByText(/^Page 3 of \d+/)).toBeVisible();
  const counters = await devServer.counters();
  expect(counters['authorize']).toBe(1);
  expect(counters['token:authorization_code']).toBe(1);
});
