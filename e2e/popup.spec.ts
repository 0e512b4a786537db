/**
 * Journey: a person signs in without leaving the page ("Sign in without leaving this page": a popup).
 * Proves: the window opens within the click (Chromium's popup blocker is not involved: page.waitForEvent
 * sees it), goes through the consent page, completes the sign-in on the redirect URI with one code exchange,
 * reports to this page over its BroadcastChannel and closes itself, while this page never navigates; closing
 * the window or choosing Deny leaves this page signed out with an explanation and nothing exchanged; a
 * blocked window (window.open returning null) falls back to a redirect because the button asks for it.
 */
import { expect, test, type Page } from './support/fixtures.js';
import { DEV_SERVER_URL } from './support/dev-server.js';
import { signedInHeading, signInButton } from './support/journeys.js';
import { decideInPopup, openedPopup } from './support/popup.js';

function popupButton(page: Page) {
  return page.getByRole('button', { name: 'Sign in without leaving this page' });
}

/** Every URL this page's main frame navigates to from now on. */
function recordNavigations(page: Page): string[] {
  const seen: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) seen.push(frame.url());
  });
  return seen;
}

test('signs in through the consent page in a popup; this page never leaves', async ({
  page,
  devServer,
  screens,
}) => {
  await page.goto('/');
  const navigations = recordNavigations(page);
  const popup = await openedPopup(page, () => popupButton(page).click());
  await expect(popup.getByRole('listitem').filter({ hasText: 'Account management (read)' })).toBeVisible();
  await expect(popupButton(page)).toBeDisabled(); // busy while the window is open
  await screens.capture(popup, 'popup-consent');

  // Where the window goes on this app's origin: the redirect URI only (its address bar then cleaned), never
  // into the app itself.
  const appPaths: string[] = [];
  popup.on('framenavigated', (frame) => {
    const url = new URL(frame.url());
    if (frame === popup.mainFrame() && url.origin === new URL(page.url()).origin) appPaths.push(url.pathname);
  });
  await decideInPopup(popup, 'Allow');

  await expect(signedInHeading(page)).toBeVisible();
  expect(navigations).toEqual([]);
  expect(new URL(page.url()).pathname).toBe('/');
  expect(appPaths.length).toBeGreaterThan(0);
  expect(new Set(appPaths)).toEqual(new Set(['/callback']));
  expect(await devServer.count('token:authorization_code')).toBe(1);
  await screens.capture(page, 'signed-in-by-popup');
});

test('closing the window leaves this page signed out, says so, and exchanges nothing', async ({
  page,
  devServer,
  screens,
}) => {
  await page.goto('/');
  const popup = await openedPopup(page, () => popupButton(page).click());
  await popup.close();

  await expect(page.getByRole('alert').filter({ hasText: 'The Telnyx window was closed' })).toBeVisible();
  await expect(popupButton(page)).toBeEnabled();
  await expect(signInButton(page)).toBeVisible();
  expect(await devServer.count('token')).toBe(0);
  await screens.capture(page, 'popup-closed');
});

test('Deny in the window: it closes itself, this page says access was not allowed', async ({
  page,
  devServer,
}) => {
  await page.goto('/');
  const popup = await openedPopup(page, () => popupButton(page).click());
  await decideInPopup(popup, 'Deny');

  await expect(page.getByRole('alert').filter({ hasText: 'You did not allow access' })).toBeVisible();
  await expect(signInButton(page)).toBeVisible();
  expect(await devServer.count('token')).toBe(0);
});

test('a blocked window falls back to a redirect (the button asks for it), then signs in', async ({
  page,
  devServer,
}) => {
  // What a popup blocker does to window.open: it returns null.
  await page.addInitScript(() => {
    window.open = () => null;
  });
  await page.goto('/');
  let popups = 0;
  page.on('popup', () => (popups += 1));
  await popupButton(page).click();
  await page.waitForURL((url) => url.origin === DEV_SERVER_URL);
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(signedInHeading(page)).toBeVisible();
  expect(popups).toBe(0);
  expect(await devServer.count('token:authorization_code')).toBe(1);
});
