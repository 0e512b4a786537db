/**
 * The Telnyx window a popup sign-in opens (`loginWithPopup`): on the dev server's consent page the user
 * chooses Allow or Deny (or closes it); the window then lands on the demo's redirect URI, completes there,
 * reports to the page that opened it and closes itself.
 */
import { expect, type Page } from '@playwright/test';
import { DEV_SERVER_URL } from './dev-server.js';
import { press } from './keyboard.js';

/**
 * Runs `act` (the click or key press that needs a window) and resolves with the window it opened, once it
 * shows the consent page.
 */
export async function openedPopup(page: Page, act: () => Promise<void>): Promise<Page> {
  const opened = page.waitForEvent('popup');
  await act();
  const popup = await opened;
  await popup.waitForURL((url) => url.origin === DEV_SERVER_URL && url.pathname === '/consent');
  await expect(popup.getByRole('button', { name: 'Allow' })).toBeEnabled();
  return popup;
}

/** The user's decision in the window (by mouse, or by keyboard alone); resolves once the window closed itself. */
export async function decideInPopup(
  popup: Page,
  decision: 'Allow' | 'Deny',
  { keyboard = false }: { keyboard?: boolean } = {},
): Promise<void> {
  const closed = popup.waitForEvent('close');
  const button = popup.getByRole('button', { name: decision });
  if (keyboard) await press(popup, button);
  else await button.click();
  await closed;
}

/** `act` needs a scope the session does not hold yet: allow it in the window that opens. */
export async function allowInPopup(
  page: Page,
  act: () => Promise<void>,
  options: { keyboard?: boolean } = {},
): Promise<void> {
  await decideInPopup(await openedPopup(page, act), 'Allow', options);
}
