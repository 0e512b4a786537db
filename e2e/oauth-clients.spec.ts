/**
 * Journey: a developer manages their OAuth clients.
 * Proves: the paginated list, search, create (a confidential client's secret shown once), edit, delete,
 * the form's own validation (no request sent) and the API's field errors (422) shown on the right field.
 * The demo signs in read-only: the first change asks for account_management.write in a Telnyx window, which
 * these journeys allow (scopes.spec.ts looks at that step itself).
 */
import { expect, test, type Page } from './support/fixtures.js';
import { signIn } from './support/journeys.js';
import { allowInPopup } from './support/popup.js';

async function openClients(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'OAuth clients' }).click();
  await expect(page.getByRole('heading', { name: 'OAuth clients', level: 1 })).toBeVisible();
  await expect(page.getByRole('table')).toBeVisible();
}

test('lists every client, twenty a page, with working pagination and search', async ({ page, screens }) => {
  await signIn(page);
  await openClients(page);
  await expect(page.getByRole('row')).toHaveCount(21);
  const summary = page.getByText(/^Page \d+ of \d+ · [\d,]+ clients$/);
  await expect(summary).toHaveText(/^Page 1 of 13 · 25\d clients$/);
  await expect(page.getByRole('button', { name: 'Previous' })).toBeDisabled();
  await screens.capture(page, 'clients-list');

  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page).toHaveURL('/clients?page=2');
  await expect(summary).toHaveText(/^Page 2 of 13/);
  await expect(page.getByRole('button', { name: 'Previous' })).toBeEnabled();

  await page.getByRole('searchbox', { name: 'Search clients by name' }).fill('Telnyx OAuth');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL('/clients?q=Telnyx+OAuth');
  await expect(page.getByRole('row')).toHaveCount(3);
  await expect(
    page.getByRole('table').getByRole('link', { name: 'Telnyx OAuth Demo', exact: true }),
  ).toBeVisible();

  await page.getByRole('searchbox', { name: 'Search clients by name' }).fill('no such client anywhere');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText('No clients match your search')).toBeVisible();
  await screens.capture(page, 'clients-search-empty');
});

test('create a confidential client, see its secret once, edit it, then delete it', async ({
  page,
  screens,
}) => {
  await signIn(page);
  await openClients(page);
  await page.getByRole('link', { name: 'New client' }).click();
  await expect(page.getByRole('heading', { name: 'New OAuth client' })).toBeVisible();

  await page.getByLabel('Name').fill('E2E Billing Dashboard');
  await page.getByLabel('Confidential (has a server)').check();
  await page.getByLabel('Redirect URIs').fill('https://billing.example.com/callback');
  await page.getByLabel('billing.read').check();
  await screens.capture(page, 'client-create-form');
  await allowInPopup(page, () => page.getByRole('button', { name: 'Create client' }).click());

  await expect(page.getByRole('heading', { name: 'E2E Billing Dashboard', level: 1 })).toBeVisible();
  await expect(page.getByText('Created “E2E Billing Dashboard”.')).toBeVisible();
  const secret = await page.getByTestId('client-secret').textContent();
  expect(secret?.length).toBeGreaterThan(10);
  await screens.capture(page, 'client-created-secret');
  const clientUrl = page.url();

  // Shown once: opening the client again does not show it.
  await page.goto(clientUrl);
  await expect(page.getByRole('heading', { name: 'E2E Billing Dashboard', level: 1 })).toBeVisible();
  await expect(page.getByTestId('client-secret')).toHaveCount(0);
  await expect(page.getByLabel('Name')).toHaveValue('E2E Billing Dashboard');
  await expect(page.getByLabel('billing.read')).toBeChecked();

  await page.getByLabel('Name').fill('E2E Billing Dashboard v2');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL('/clients');
  await expect(page.getByText('Saved “E2E Billing Dashboard v2”.')).toBeVisible();

  await page.getByRole('searchbox', { name: 'Search clients by name' }).fill('E2E Billing');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('row')).toHaveCount(2);
  await page.getByRole('button', { name: 'Delete E2E Billing Dashboard v2' }).click();
  await page.getByRole('button', { name: 'Delete for good' }).click();
  await expect(page.getByText('Deleted “E2E Billing Dashboard v2”.')).toBeVisible();
  await expect(page.getByText('No clients match your search')).toBeVisible();
});

test('the form checks its fields before sending anything', async ({ page, devServer }) => {
  await signIn(page);
  await openClients(page);
  await page.getByRole('link', { name: 'New client' }).click();
  await devServer.resetCounters();

  await page.getByRole('button', { name: 'Create client' }).click();
  await expect(page.getByText('Give the client a name your users will recognise.')).toBeVisible();
  await expect(page.getByText('Sign-in (authorization code) needs at least one redirect URI.')).toBeVisible();
  await expect(page.getByLabel('Name')).toBeFocused();
  await expect(page.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
  expect(await devServer.count('oauth_clients')).toBe(0);
});

test("the API's field errors are shown on the field they concern", async ({ page, screens }) => {
  await signIn(page);
  await openClients(page);
  await page.getByRole('link', { name: 'New client' }).click();
  await page.getByLabel('Name').fill('Public server app');
  await page.getByLabel('Redirect URIs').fill('https://example.com/callback');
  // A public client with client_credentials: only the server knows this rule.
  await page.getByLabel('Client credentials (server to server)').check();
  await allowInPopup(page, () => page.getByRole('button', { name: 'Create client' }).click());

  await expect(page.getByRole('alert').filter({ hasText: 'Please check the form' })).toBeVisible();
  await expect(page.getByText('Public clients cannot use client_credentials.').last()).toBeVisible();
  await screens.capture(page, 'client-create-server-error');
});
