/**
 * Journey: every journey the other specs run with the mouse, with the keyboard alone.
 * Proves: Tab / Shift+Tab reach every control in a sensible order, Enter and Space act on them, every stop
 * shows a visible focus indicator (:focus-visible with an outline), focus follows a row's confirm step,
 * and the outcome is the same as by mouse. No click() anywhere in this file.
 */
import { expect, test, type Page } from './support/fixtures.js';
import { DEV_SERVER_URL } from './support/dev-server.js';
import { DEMO_CLIENT_ID, shownExpiry, signInButton, signedInHeading } from './support/journeys.js';
import { expectVisibleFocus, press, tabTo } from './support/keyboard.js';
import { allowInPopup } from './support/popup.js';

/** Home -> "Sign in with Telnyx" -> the consent page, by keyboard. */
async function startSignInByKeyboard(page: Page): Promise<void> {
  await press(page, signInButton(page));
  await page.waitForURL((url) => url.origin === DEV_SERVER_URL);
  await expect(page.getByRole('button', { name: 'Allow' })).toBeEnabled();
}

async function signInByKeyboard(page: Page): Promise<void> {
  await page.goto('/');
  await startSignInByKeyboard(page);
  await press(page, page.getByRole('button', { name: 'Allow' }));
  await expect(signedInHeading(page)).toBeVisible();
}

function navLink(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
}

test('by keyboard: skip link, a refused sign-in and "Sign in again", the session page, sign out', async ({
  page,
  devServer,
}) => {
  await page.goto('/');
  // The first stop is the skip link; it moves focus to the page's content.
  await page.keyboard.press('Tab');
  await expectVisibleFocus(page.getByRole('link', { name: 'Skip to content' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();

  await startSignInByKeyboard(page);
  await press(page, page.getByRole('button', { name: 'Deny' }));
  await expect(page.getByRole('alert')).toHaveAttribute('data-error-code', 'authorization_denied');
  await press(page, page.getByRole('button', { name: 'Sign in again' }));
  await page.waitForURL((url) => url.origin === DEV_SERVER_URL);
  await expect(page.getByRole('button', { name: 'Allow' })).toBeEnabled();
  await press(page, page.getByRole('button', { name: 'Allow' }));
  await expect(signedInHeading(page)).toBeVisible();
  await expect(page.getByTestId('introspection')).toContainText('Yes');

  const firstExpiry = await shownExpiry(page);
  await press(page, page.getByRole('button', { name: 'Refresh now' }), 'Space');
  await expect(page.getByText(/^Renewed at/)).toBeVisible();
  await expect.poll(() => shownExpiry(page)).toBeGreaterThan(firstExpiry);

  await press(page, page.getByRole('button', { name: 'Introspect again' }));
  await expect.poll(() => devServer.count('introspect')).toBe(2);

  // The account area is in the header, before the content: back up to it.
  await press(page, page.getByRole('button', { name: 'Sign out' }), 'Enter', { backwards: true });
  await expect(page.getByText('You are signed out.')).toBeVisible();
  await expect(signInButton(page)).toBeVisible();
  expect(await devServer.count('token:authorization_code')).toBe(1);
});

test('by keyboard: connected apps, next page, revoke with Escape to change your mind', async ({
  page,
  devServer,
}) => {
  await signInByKeyboard(page);
  await press(page, navLink(page, 'Connected apps'));
  await expect(page.getByRole('table')).toBeVisible();

  // Pagination (the same component as the OAuth clients list): past the ten rows' buttons to "Next".
  await press(page, page.getByRole('button', { name: 'Next' }));
  await expect(page).toHaveURL('/connected-apps?page=2');
  await expect(page.getByText(/^Page 2 of \d+/)).toBeVisible();

  const other = page
    .locator(`tr[data-testid^="grant-"]:not([data-testid="grant-${DEMO_CLIENT_ID}"])`)
    .first();
  const otherId = (await other.getAttribute('data-testid'))!.replace(/^grant-/, '');
  const revoke = other.getByRole('button', { name: /^Revoke/ });
  await press(page, revoke, 'Space');
  // Focus moves to the button that now asks for confirmation; Escape goes back to where it was.
  await expectVisibleFocus(other.getByRole('button', { name: 'Revoke access' }));
  await page.keyboard.press('Escape');
  await expectVisibleFocus(revoke);

  await page.keyboard.press('Enter');
  await expectVisibleFocus(other.getByRole('button', { name: 'Revoke access' }));
  // Revoking needs account_management.write: the read-only session asks for it in a Telnyx window.
  await allowInPopup(page, () => page.keyboard.press('Enter'), { keyboard: true });
  await expect(page.getByRole('status').filter({ hasText: otherId })).toBeVisible();
  await expect(page.getByText('Access revoked')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  expect(await devServer.count('token:refresh_token')).toBe(0);
});

test('by keyboard: OAuth clients: create, edit, search and delete', async ({ page }) => {
  await signInByKeyboard(page);
  await press(page, navLink(page, 'OAuth clients'));
  await expect(page.getByRole('table')).toBeVisible();

  await press(page, page.getByRole('link', { name: 'New client' }));
  await expect(page.getByRole('heading', { name: 'New OAuth client' })).toBeVisible();
  await tabTo(page, page.getByLabel('Name'));
  await page.keyboard.type('Keyboard Client');
  await tabTo(page, page.getByLabel('Redirect URIs'));
  await page.keyboard.type('https://keyboard.example.com/callback');
  // The first change asks for account_management.write in a Telnyx window, allowed by keyboard too.
  await allowInPopup(page, () => press(page, page.getByRole('button', { name: 'Create client' })), {
    keyboard: true,
  });
  await expect(page.getByRole('heading', { name: 'Keyboard Client', level: 1 })).toBeVisible();
  await expect(page.getByText('Created “Keyboard Client”.')).toBeVisible();

  await tabTo(page, page.getByLabel('Name'));
  await page.keyboard.press('End');
  await page.keyboard.type(' v2');
  await press(page, page.getByRole('button', { name: 'Save changes' }));
  await expect(page).toHaveURL('/clients');
  await expect(page.getByText('Saved “Keyboard Client v2”.')).toBeVisible();

  await tabTo(page, page.getByRole('searchbox', { name: 'Search clients by name' }));
  await page.keyboard.type('Keyboard Client');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL('/clients?q=Keyboard+Client');
  await expect(page.getByRole('row')).toHaveCount(2);

  await press(page, page.getByRole('button', { name: 'Delete Keyboard Client v2' }));
  await expectVisibleFocus(page.getByRole('button', { name: 'Delete for good' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText('Deleted “Keyboard Client v2”.')).toBeVisible();
  await expect(page.getByText('No clients match your search')).toBeVisible();
});
