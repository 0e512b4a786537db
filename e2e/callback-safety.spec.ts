/**
 * Journey: the callback URL is visited again (back button, a replayed or forged link, a mix-up attack).
 * Proves: a spent callback is never exchanged again, a forged one shows an error in words and leaves an
 * existing session untouched, and a response claiming another issuer (RFC 9207) is refused.
 */
import { expect, test, type Page } from './support/fixtures.js';
import { DEV_SERVER_URL } from './support/dev-server.js';
import { signIn, signInButton, signedInHeading, startSignIn } from './support/journeys.js';

function watchCallbackUrl(page: Page): () => string {
  let callbackUrl = '';
  page.on('request', (request) => {
    if (request.isNavigationRequest() && new URL(request.url()).pathname === '/callback') {
      callbackUrl = request.url();
    }
  });
  return () => callbackUrl;
}

test('the back button after sign-in does not exchange the code again', async ({ page, devServer }) => {
  const callbackUrl = watchCallbackUrl(page);
  await signIn(page);
  expect(callbackUrl()).toContain('code=');
  // The callback entry was replaced in history by the page it returned to.
  await expect(page).toHaveURL('/');
  await devServer.resetCounters();

  await page.goBack();
  expect(page.url()).not.toContain('/callback');
  await page.goForward();
  await expect(signedInHeading(page)).toBeVisible();

  expect(await devServer.count('token')).toBe(0);
});

test('revisiting a spent callback URL shows an error, keeps the session and sends no token request', async ({
  page,
  devServer,
  screens,
}) => {
  const callbackUrl = watchCallbackUrl(page);
  await signIn(page);
  await devServer.resetCounters();

  await page.goto(callbackUrl());
  const error = page.getByRole('alert');
  await expect(error).toHaveAttribute('data-error-code', 'unknown_state');
  await expect(page.getByRole('heading', { name: 'This sign-in link is not valid' })).toBeVisible();
  await expect(error).toContainText('You are still signed in');
  await screens.capture(page, 'replayed-callback');
  expect(await devServer.count('token')).toBe(0);

  await page.getByRole('button', { name: 'Continue to your account' }).click();
  await expect(signedInHeading(page)).toBeVisible();
});

test('a forged callback URL shows an error in words and keeps an existing session', async ({
  page,
  devServer,
}) => {
  await signIn(page);
  await devServer.resetCounters();

  await page.goto('/callback?code=forged-code&state=forged-state');
  await expect(page.getByRole('alert')).toHaveAttribute('data-error-code', 'unknown_state');
  await expect(page.getByRole('alert')).toContainText('For your safety it was ignored');
  expect(await devServer.count('token')).toBe(0);

  await page.goto('/');
  await expect(signedInHeading(page)).toBeVisible();
  expect(await devServer.count('token')).toBe(0);
});

test('a forged callback URL without a session offers to sign in again', async ({ page, screens }) => {
  await page.goto('/callback?code=forged-code&state=forged-state');
  await expect(page.getByRole('alert')).toHaveAttribute('data-error-code', 'unknown_state');
  await screens.capture(page, 'forged-callback-signed-out');
  await page.getByRole('button', { name: 'Back to home' }).click();
  await expect(signInButton(page)).toBeVisible();
});

test('an authorization response naming another issuer is refused (RFC 9207 mix-up defence)', async ({
  page,
  devServer,
}) => {
  // Rewrite the consent decision's redirect so the response claims to come from an attacker's server.
  await page.route(`${DEV_SERVER_URL}/v2/oauth/grants`, async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { redirect_uri: string };
    const redirect = new URL(body.redirect_uri);
    redirect.searchParams.set('iss', 'https://attacker.example');
    await route.fulfill({ response, json: { ...body, redirect_uri: redirect.toString() } });
  });
  await startSignIn(page);
  await page.getByRole('button', { name: 'Allow' }).click();

  await expect(page.getByRole('alert')).toHaveAttribute('data-error-code', 'issuer_mismatch');
  await expect(page.getByRole('heading', { name: /unexpected server/ })).toBeVisible();
  expect(await devServer.count('token')).toBe(0);
});

test('a sign-in that keeps failing shows the error instead of redirecting again', async ({
  page,
  devServer,
  screens,
}) => {
  // Every code exchange fails; a guard that simply redirected again would loop through Telnyx forever.
  await devServer.injectFault({ endpoint: 'token', status: 500, count: 100 });
  await page.goto('/clients');
  await page.waitForURL((url) => url.origin === DEV_SERVER_URL);
  await page.getByRole('button', { name: 'Allow' }).click();

  const error = page.getByRole('alert');
  await expect(error).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('button', { name: 'Sign in again' })).toBeVisible();
  await screens.capture(page, 'code-exchange-failed');
  // Give a would-be loop time to show itself: still one trip to the authorization server.
  await page.waitForTimeout(2000);
  await expect(error).toBeVisible();
  expect(await devServer.count('authorize')).toBe(1);

  // Once the server recovers, "Sign in again" works. The grant was given on the first try, so the
  // authorization server answers at once, without asking for consent again.
  await devServer.clearFaults();
  await page.getByRole('button', { name: 'Sign in again' }).click();
  await expect(signedInHeading(page)).toBeVisible();
  expect(await devServer.count('authorize')).toBe(2);
});
