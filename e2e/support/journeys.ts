/** Steps shared by several journeys, written the way a person performs them. */
import { expect, type Page } from '@playwright/test';
import { DEV_SERVER_URL } from './dev-server.js';

export const DEMO_CLIENT_ID = 'telnyx-oauth-demo';

export function signInButton(page: Page) {
  return page.getByRole('button', { name: 'Sign in with Telnyx' });
}

export function signedInHeading(page: Page) {
  return page.getByRole('heading', { name: 'Signed in' });
}

/** From the demo's home page to the dev server's consent page (`devServerUrl`: the profile's dev server). */
export async function startSignIn(page: Page, devServerUrl = DEV_SERVER_URL): Promise<void> {
  await page.goto('/');
  await signInButton(page).click();
  await page.waitForURL((url) => url.origin === devServerUrl);
}

/** The full sign-in: home -> "Sign in with Telnyx" -> consent page -> "Allow" -> signed-in page. */
export async function signIn(page: Page, devServerUrl = DEV_SERVER_URL): Promise<void> {
  await startSignIn(page, devServerUrl);
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(signedInHeading(page)).toBeVisible();
}

/** The access token expiry the page shows, as epoch ms (the countdown's <time datetime>). */
export async function shownExpiry(page: Page): Promise<number> {
  const value = await page.getByTestId('token-expiry').getAttribute('datetime');
  return value ? Date.parse(value) : Number.NaN;
}
