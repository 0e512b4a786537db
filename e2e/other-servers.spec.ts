/**
 * Journey: the demo pointed at an authorization server that is not Telnyx.
 * Proves: the demo reads what the server offers from its RFC 8414 metadata and from its answers, instead
 * of assuming Telnyx: without an `introspection_endpoint` the session page says the server does not offer
 * introspection (and never calls it); an advertised endpoint at another path is the one called; without
 * Telnyx's management API (404 HTML pages, or a 404 without CORS headers the browser may not read) the
 * Connected apps and OAuth clients pages say so; other failures, and a server that does not answer at
 * all, keep their own messages.
 *
 * The dev server always offers both, so the browser's view of it is changed with `page.route`: the
 * metadata document (read by the library and by the demo) and the management API's answers.
 */
import { expect, test, type Page } from './support/fixtures.js';
import { checkScreenInBothSchemes } from './support/a11y.js';
import { DEV_SERVER_URL } from './support/dev-server.js';
import { signIn } from './support/journeys.js';
import { allowInPopup } from './support/popup.js';

const METADATA_URL = `${DEV_SERVER_URL}/.well-known/oauth-authorization-server`;

/** Serves the dev server's metadata with some members changed (`undefined` removes one). */
async function rewriteMetadata(page: Page, changes: Record<string, string | undefined>): Promise<void> {
  await page.route(METADATA_URL, async (route) => {
    const response = await route.fetch();
    const metadata = { ...((await response.json()) as Record<string, unknown>), ...changes };
    for (const [name, value] of Object.entries(changes)) if (value === undefined) delete metadata[name];
    await route.fulfill({ response, json: metadata });
  });
}

/** What a web server without the Telnyx management API answers: its HTML "not found" page. */
async function withoutManagementAPI(page: Page): Promise<void> {
  for (const path of ['/v2/oauth_grants', '/v2/oauth_clients']) {
    await page.route(`${DEV_SERVER_URL}${path}**`, (route) =>
      route.fulfill({
        status: 404,
        contentType: 'text/html; charset=utf-8',
        // The server allows cross-origin reads (as it must for sign-in), so the page can see the 404.
        headers: { 'access-control-allow-origin': '*' },
        body: '<!doctype html><title>404 Not Found</title><h1>Not Found</h1>',
      }),
    );
  }
}

function nav(page: Page) {
  return page.getByRole('navigation', { name: 'Main' });
}

test('a server without introspection or the management API: each page says what the server lacks', async ({
  page,
  devServer,
  screens,
}) => {
  test.slow(); // two screens scanned in both schemes
  await rewriteMetadata(page, { introspection_endpoint: undefined });
  await withoutManagementAPI(page);
  await signIn(page);

  const introspection = page.getByRole('region', { name: 'Token introspection' });
  await expect(introspection).toContainText('This server does not offer token introspection.');
  await expect(introspection.getByRole('button', { name: 'Introspect again' })).toHaveCount(0);
  await expect(page.getByText('Could not reach')).toHaveCount(0);
  expect(await devServer.count('introspect')).toBe(0);
  await checkScreenInBothSchemes(page, screens, 'session-without-introspection');

  await nav(page).getByRole('link', { name: 'Connected apps' }).click();
  const grantsNotice = page
    .getByRole('status')
    .filter({ hasText: 'This server has no Telnyx management API' });
  await expect(grantsNotice).toBeVisible();
  await expect(grantsNotice).toContainText('answered 404 to /v2/oauth_grants');
  await expect(page.getByRole('button', { name: 'Try again' })).toHaveCount(0);
  await checkScreenInBothSchemes(page, screens, 'connected-apps-without-management-api');

  await nav(page).getByRole('link', { name: 'OAuth clients' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'answered 404 to /v2/oauth_clients' }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: '127.0.0.1:4010 had a problem' })).toHaveCount(0);

  await page.getByRole('link', { name: 'New client' }).click();
  await page.getByLabel('Name').fill('Never created');
  await page.getByLabel('Redirect URIs').fill('https://example.com/callback');
  // Creating needs account_management.write, asked for in a Telnyx window first (scopes.spec.ts).
  await allowInPopup(page, () => page.getByRole('button', { name: 'Create client' }).click());
  await expect(
    page.getByRole('status').filter({ hasText: 'This server has no Telnyx management API' }),
  ).toBeVisible();
  expect(await devServer.count('oauth_clients')).toBe(0);

  // The real dev server again: its JSON 404 for a client that does not exist is just "Not found".
  await page.unrouteAll();
  await page.goto('/clients/no-such-client');
  await expect(page.getByRole('alert').filter({ hasText: 'Not found' })).toBeVisible();
  await expect(page.getByText('This server has no Telnyx management API')).toHaveCount(0);
});

test('a "not found" the browser may not read (no CORS headers) from a server that is up says the same; a dead server does not', async ({
  page,
}) => {
  // A certified OpenID provider (node oidc-provider 9, tried by hand) answers these paths 404 text/plain
  // without CORS headers, so the browser fails the request without telling the page its status. Answers
  // fulfilled or continued through page.route are readable cross-origin whatever their headers, so the
  // test fails the request instead: the page gets exactly what a CORS failure gives it, a fetch TypeError.
  for (const path of ['/v2/oauth_grants', '/v2/oauth_clients']) {
    await page.route(`${DEV_SERVER_URL}${path}**`, (route) => route.abort('failed'));
  }
  await signIn(page);
  await nav(page).getByRole('link', { name: 'Connected apps' }).click();
  const notice = page.getByRole('status').filter({ hasText: 'This server has no Telnyx management API' });
  await expect(notice).toBeVisible({ timeout: 20_000 });
  await expect(notice).toContainText('gave no answer it may read to /v2/oauth_grants (no CORS headers)');

  // The same failure while the server does not answer at all (its metadata neither) is a network problem.
  await page.route(METADATA_URL, (route) => route.abort('connectionrefused'));
  await notice.getByRole('button', { name: 'Try again' }).click();
  const unreachable = page.getByRole('alert').filter({ hasText: 'Could not reach' });
  await expect(unreachable).toBeVisible({ timeout: 20_000 });
  await expect(notice).toBeHidden();
});

test('introspection goes to the endpoint the metadata names, not to a fixed path', async ({ page }) => {
  const advertised = `${DEV_SERVER_URL}/oauth2/introspect`;
  await rewriteMetadata(page, { introspection_endpoint: advertised });
  let calls = 0;
  // The server of this test introspects at /oauth2/introspect: forward to the dev server's real endpoint.
  await page.route(advertised, async (route) => {
    calls += 1;
    const response = await route.fetch({ url: `${DEV_SERVER_URL}/v2/oauth/introspect` });
    await route.fulfill({ response });
  });
  const fixedPath: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/v2/oauth/introspect') fixedPath.push(request.url());
  });

  await signIn(page);
  await expect(page.getByTestId('introspection')).toContainText('Yes');
  expect(calls).toBe(1);
  expect(fixedPath).toEqual([]);
});
