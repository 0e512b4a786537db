/**
 * Journey: a person signed in read-only changes something, and is asked for the permission only then.
 * Proves: the demo starts with `account_management.read`; the first change on the OAuth clients page opens a
 * Telnyx window asking for `account_management.write` as well as what the session holds (the union), and
 * carries on with the change once allowed; every open tab ends with the new scope after one token request
 * (the window's code exchange: no refresh, no second exchange); closing the window keeps the read-only
 * session and changes nothing; an API answer of 401 `insufficient_scope` is a missing permission, never an
 * ended session (no refresh).
 */
import { expect, test, type Page } from './support/fixtures.js';
import { signIn, signedInHeading } from './support/journeys.js';
import { decideInPopup, openedPopup } from './support/popup.js';

const READ = 'account_management.read';
const WRITE = 'account_management.write';

/** The scopes the session page lists under "Granted scopes". */
function grantedScopes(page: Page) {
  return page.getByRole('list', { name: 'Granted scopes' }).getByRole('listitem');
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

async function openClients(page: Page) {
  await nav(page).getByRole('link', { name: 'OAuth clients' }).click();
  await expect(page.getByRole('table')).toBeVisible();
}

test('the first change asks for account_management.write in a popup, then goes ahead', async ({
  page,
  devServer,
  screens,
}) => {
  await signIn(page);
  await expect(grantedScopes(page)).toHaveText([READ]);
  await openClients(page);
  await expect(page.getByTestId('write-permission-hint')).toBeVisible();
  await page.getByRole('link', { name: 'New client' }).click();
  await page.getByLabel('Name').fill('Scoped Client');
  await page.getByLabel('Redirect URIs').fill('https://scoped.example.com/callback');
  await devServer.resetCounters();

  const popup = await openedPopup(page, () => page.getByRole('button', { name: 'Create client' }).click());
  // The window asks for the new scope and the one the session holds: the new grant loses nothing.
  await expect(popup.locator('[data-scope]')).toHaveCount(2);
  await expect(popup.locator(`[data-scope="${WRITE}"]`)).toBeVisible();
  await expect(popup.locator(`[data-scope="${READ}"]`)).toBeVisible();
  await screens.capture(popup, 'consent-for-write');
  await decideInPopup(popup, 'Allow');

  await expect(page.getByRole('heading', { name: 'Scoped Client', level: 1 })).toBeVisible();
  await expect(page.getByText('Created “Scoped Client”.')).toBeVisible();
  await expect(page.getByTestId('write-permission-hint')).toHaveCount(0);
  const counters = await devServer.counters();
  expect(counters['token:authorization_code']).toBe(1);
  expect(counters['token:refresh_token'] ?? 0).toBe(0);

  // No second window for the next change.
  let popups = 0;
  page.on('popup', () => (popups += 1));
  await page.getByLabel('Name').fill('Scoped Client v2');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Saved “Scoped Client v2”.')).toBeVisible();
  expect(popups).toBe(0);

  await nav(page).getByRole('link', { name: 'Session' }).click();
  await expect(grantedScopes(page)).toHaveText([WRITE, READ]);
});

test('two tabs open while a scope is added: both end with it, after one token request', async ({
  page,
  context,
  devServer,
}) => {
  await signIn(page);
  const other = await context.newPage();
  await other.goto('/');
  await expect(signedInHeading(other)).toBeVisible();
  await expect(grantedScopes(other)).toHaveText([READ]);
  await devServer.resetCounters();

  await openClients(page);
  const row = page.getByRole('row').nth(1);
  const name = (await row.getByRole('link').first().textContent())!;
  await row.getByRole('button', { name: /^Delete/ }).click();
  const popup = await openedPopup(page, () => page.getByRole('button', { name: 'Delete for good' }).click());
  await decideInPopup(popup, 'Allow');
  await expect(page.getByText(`Deleted “${name}”.`)).toBeVisible();

  // The other tab followed without a request of its own.
  await expect(grantedScopes(other)).toHaveText([WRITE, READ]);
  const counters = await devServer.counters();
  expect(counters['token']).toBe(1);
  expect(counters['token:authorization_code']).toBe(1);
});

test('closing the window keeps the read-only session and changes nothing', async ({ page, devServer }) => {
  await signIn(page);
  await openClients(page);
  const row = page.getByRole('row').nth(1);
  const name = (await row.getByRole('link').first().textContent())!;
  await devServer.resetCounters();
  await row.getByRole('button', { name: /^Delete/ }).click();
  const popup = await openedPopup(page, () => page.getByRole('button', { name: 'Delete for good' }).click());
  await popup.close();

  await expect(page.getByRole('alert').filter({ hasText: 'The Telnyx window was closed' })).toBeVisible();
  await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  expect(await devServer.count('token')).toBe(0);
  const counters = await devServer.counters();
  expect(counters['oauth_clients'] ?? 0).toBe(0); // the DELETE was never sent
  await nav(page).getByRole('link', { name: 'Session' }).click();
  await expect(grantedScopes(page)).toHaveText([READ]);
});

test('a 401 insufficient_scope from the API says what permission is missing and keeps the session', async ({
  page,
  devServer,
  screens,
}) => {
  await signIn(page);
  // As Telnyx documents it: 401 (not 403) with the scope the endpoint needs.
  await page.route(/\/v2\/oauth_clients\?/, (route) =>
    route.fulfill({
      status: 401,
      headers: {
        'content-type': 'application/json',
        'access-control-allow-origin': '*',
        'access-control-expose-headers': 'WWW-Authenticate',
        'www-authenticate': `Bearer realm="Telnyx API", error="insufficient_scope", scope="${WRITE}"`,
      },
      body: JSON.stringify({ errors: [{ code: '10010', title: 'Insufficient scope' }] }),
    }),
  );
  await devServer.resetCounters();
  await nav(page).getByRole('link', { name: 'OAuth clients' }).click();
  await expect(page.getByRole('heading', { name: 'OAuth clients', level: 1 })).toBeVisible();
  const alert = page.getByRole('alert').filter({ hasText: 'This needs another permission' });
  await expect(alert).toContainText(WRITE);
  await screens.capture(page, 'insufficient-scope');
  expect(await devServer.count('token')).toBe(0); // never taken for an expired token
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
});
