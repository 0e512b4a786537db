/**
 * Journey: a person looks at what the authorization server says about their token.
 * Proves: RFC 7662 introspection by the public demo client (client_id only) shows the live token as active
 * with its client and scopes; a token revoked at the server shows as inactive; Telnyx's introspection rate
 * limit (5 a minute per client) is reported in words, with the wait from Retry-After.
 */
import { expect, test } from './support/fixtures.js';
import { DEMO_CLIENT_ID, signIn } from './support/journeys.js';

test('shows the live token as active, with its client and scopes', async ({ page, devServer }) => {
  await signIn(page);
  const facts = page.getByTestId('introspection');
  await expect(facts).toContainText('Yes');
  await expect(facts).toContainText(DEMO_CLIENT_ID);
  await expect(facts).toContainText('account_management.read'); // the demo signs in read-only
  expect(await devServer.count('introspect')).toBe(1);
});

test('a token revoked at the server shows as inactive', async ({ page, devServer }) => {
  await signIn(page);
  await expect(page.getByTestId('introspection')).toContainText('Yes');
  await devServer.revokeGrants(DEMO_CLIENT_ID);

  await page.getByRole('button', { name: 'Introspect again' }).click();
  await expect(page.getByTestId('introspection')).toContainText('inactive');
  await expect(page.getByText('Inactive', { exact: true })).toBeVisible();
});

test('the introspection rate limit is explained, with how long to wait', async ({
  page,
  devServer,
  screens,
}) => {
  await signIn(page);
  await expect(page.getByTestId('introspection')).toContainText('Yes');
  const again = page.getByRole('button', { name: 'Introspect again' });
  // The page introspected once on load; four more fit in the limit of five a minute.
  for (let call = 2; call <= 5; call += 1) {
    await again.click();
    await expect.poll(() => devServer.count('introspect')).toBe(call);
    await expect(again).toBeEnabled();
  }
  await again.click();
  const limited = page.getByRole('alert').filter({ hasText: 'Too many requests' });
  await expect(limited).toBeVisible();
  await expect(limited).toContainText(/Try again in \d+ seconds/);
  await screens.capture(page, 'introspection-rate-limited');
});
