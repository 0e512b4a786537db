/**
 * Journey: the README's router recipes, as the example apps under apps/ that copy them (react-router,
 * TanStack Router, Next.js App Router), each built for production and served on its own port.
 * Proves: each recipe works as written: open the app -> "Sign in with Telnyx" -> Allow on the dev server's
 * consent page -> the protected page (behind <RequireAuth>) signed in, after one code exchange -> sign out.
 * Each example's redirect URI is registered with the seeded demo client through the management API first,
 * as a developer would register their app's URI in the Telnyx portal.
 */
import { expect, test } from './support/fixtures.js';
import { DEV_SERVER_URL } from './support/dev-server.js';
import { DEMO_CLIENT_ID, signInButton, signedInHeading } from './support/journeys.js';
import { EXAMPLE_APPS } from './support/example-apps.js';

for (const example of EXAMPLE_APPS) {
  test(`${example.title}: sign in, reach the protected page, sign out`, async ({
    page,
    devServer,
    screens,
  }) => {
    await devServer.addRedirectUri(DEMO_CLIENT_ID, `${example.origin}/callback`);
    const failedRequests: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failedRequests.push(`${response.status()} ${response.url()}`);
    });

    await page.goto(`${example.origin}/`);
    await expect(page.getByRole('heading', { name: 'Home' })).toBeVisible();
    // A server-rendered button (Next.js) does nothing until React has hydrated it: click until it navigates.
    await expect(async () => {
      await signInButton(page).click();
      await page.waitForURL((url) => url.origin === DEV_SERVER_URL, { timeout: 2000 });
    }).toPass({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Allow' }).click();

    await expect(signedInHeading(page)).toBeVisible();
    await expect(page).toHaveURL(`${example.origin}/account`);
    await expect(page.getByText('Granted scope: account_management.read')).toBeVisible();
    await screens.capture(page, `${example.name}-signed-in`);
    expect(await devServer.count('token:authorization_code')).toBe(1);

    await page.getByRole('link', { name: 'Home' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(signInButton(page)).toBeVisible();
    await expect(page).toHaveURL(`${example.origin}/`);
    // The example pages themselves (not the dev server's consent page) load without a 4xx.
    expect(failedRequests.filter((line) => line.includes(example.origin))).toEqual([]);
  });
}
