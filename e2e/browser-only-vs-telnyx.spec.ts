/**
 * Journey: the browser-only demo (no token handler) against a server that behaves like today's documented
 * Telnyx: the dev server of the default project switched to the `telnyx` profile's four settings at run
 * time (no CORS on the token endpoint, no refresh tokens for public clients, no revocation, no `iss`).
 * Proves: sign-in fails cleanly at the code exchange (the browser may not read the token endpoint's
 * answer): the callback page shows the typed code, `network_error`, and says a token handler is the cure;
 * no session, no retry loop, no token within the page's reach.
 */
import { expect, test } from './support/fixtures.js';
import { startSignIn } from './support/journeys.js';

test('browser-only against the telnyx profile fails at the code exchange and names the token handler', async ({
  page,
  devServer,
  screens,
}) => {
  const telnyx = { cors: false, publicClientRefresh: false, revocationEndpoint: false, issParameter: false };
  await devServer.configure(telnyx);
  const failed: string[] = [];
  page.on('requestfailed', (request) => {
    if (new URL(request.url()).pathname === '/v2/oauth/token')
      failed.push(request.failure()?.errorText ?? '');
  });

  await startSignIn(page, devServer.url);
  await page.getByRole('button', { name: 'Allow' }).click();

  const error = page.getByRole('alert').filter({ hasText: 'Sign-in could not be completed' });
  await expect(error).toBeVisible();
  await expect(error).toHaveAttribute('data-error-code', 'network_error');
  await expect(error.getByText('network_error', { exact: true })).toBeVisible();
  await expect(error).toContainText('does not accept requests from browsers (no CORS)');
  await expect(error).toContainText('token handler');
  await expect(error).toContainText('VITE_TELNYX_TOKEN_HANDLER');
  await screens.capture(page, 'browser-only-vs-telnyx');

  // The request reached the server, which answered without CORS headers: the browser failed it for the page.
  expect(await devServer.count('token:authorization_code')).toBe(1);
  expect(failed).toHaveLength(1);
  // No session and no loop: one authorization, the sign-in button is offered again.
  await expect(page.getByRole('button', { name: /Sign in/ }).first()).toBeVisible();
  expect(await devServer.count('authorize')).toBe(1);
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Sign in with Telnyx' })).toBeVisible();
});
