/**
 * Journey: every screen, looked at by axe-core in both colour schemes.
 * Proves: no serious or critical accessibility violation (WCAG 2 A/AA and axe's best practices, colour
 * contrast included) on any screen of the demo, on the dev server's consent page, or in the React
 * package's default UI (`/library-ui`: <SignInWithTelnyx>, and the <AuthCallback> and <RequireAuth> error
 * states), in the light and the dark scheme (`prefers-color-scheme`). Writes a screenshot of each screen in
 * each scheme to test-results/screens/a11y/<screen>-light.png and -dark.png.
 */
import { expect, test } from './support/fixtures.js';
import { checkScreenInBothSchemes } from './support/a11y.js';
import { DEV_SERVER_URL } from './support/dev-server.js';
import { signInButton, signedInHeading } from './support/journeys.js';

// A dozen screens, each screenshotted and scanned twice: more than the default 45 s on a slow machine.
test.slow();

test('signed-out screens, the library defaults and the consent page', async ({ page, screens }) => {
  await page.goto('/');
  await expect(signInButton(page)).toBeVisible();
  await checkScreenInBothSchemes(page, screens, 'home-signed-out');

  await page.goto('/library-ui');
  await expect(page.getByTestId('default-callback-error').getByRole('alert')).toContainText('unknown_state');
  await expect(page.getByTestId('default-guard-error').getByRole('alert')).toContainText('unknown_state');
  await expect(page.getByRole('button', { name: 'Sign in with Telnyx' })).toBeVisible();
  await checkScreenInBothSchemes(page, screens, 'library-ui');

  await page.goto('/callback?code=forged-code&state=forged-state');
  await expect(page.getByRole('alert')).toHaveAttribute('data-error-code', 'unknown_state');
  await checkScreenInBothSchemes(page, screens, 'callback-error');

  await page.goto('/nowhere');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await checkScreenInBothSchemes(page, screens, 'not-found');

  await page.goto('/');
  await signInButton(page).click();
  await page.waitForURL((url) => url.origin === DEV_SERVER_URL);
  await expect(page.getByRole('button', { name: 'Allow' })).toBeEnabled();
  await checkScreenInBothSchemes(page, screens, 'consent');
});

test('signed-in screens', async ({ page, screens }) => {
  await page.goto('/');
  await signInButton(page).click();
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(signedInHeading(page)).toBeVisible();
  await expect(page.getByTestId('introspection')).toContainText('Yes');
  await checkScreenInBothSchemes(page, screens, 'signed-in');

  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Connected apps' }).click();
  await expect(page.getByRole('table')).toBeVisible();
  await checkScreenInBothSchemes(page, screens, 'connected-apps');

  await nav.getByRole('link', { name: 'OAuth clients' }).click();
  await expect(page.getByRole('table')).toBeVisible();
  await checkScreenInBothSchemes(page, screens, 'clients-list');

  await page.getByRole('table').getByRole('link').first().click();
  await expect(page.getByLabel('Name')).not.toHaveValue('');
  await checkScreenInBothSchemes(page, screens, 'client-edit');

  // The new-client form in its error state (red field errors, invalid fields): all of the form and more.
  await page.goto('/clients/new');
  await expect(page.getByRole('heading', { name: 'New OAuth client' })).toBeVisible();
  await page.getByRole('button', { name: 'Create client' }).click();
  await expect(page.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
  await checkScreenInBothSchemes(page, screens, 'client-new-errors');
});
