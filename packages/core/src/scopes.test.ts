/**
 * Incremental scopes: the session knows what it was granted (`hasScope`), hands out no token for a scope it
 * lacks (`getAccessToken({ scope })` rejects with `insufficient_scope`), and a sign-in that asks for more asks
 * for the union, replaces the session only when the new tokens arrive, and leaves it as it was when cancelled.
 */
import { createDevServer } from '@telnyx-oauth/dev-server';
import { describe, expect, it } from 'vitest';
import { harnessPerTest, signIn } from './test-utils/harness.js';

const server = createDevServer();
const harness = harnessPerTest(server);

const READ = 'account_management.read';
const WRITE = 'account_management.write';

describe('granted scopes', () => {
  it('hasScope is true only when the session holds every scope asked about', async () => {
    const client = harness.client();
    await client.ready();
    expect(client.hasScope(READ)).toBe(false); // signed out
    await signIn(client, server);
    expect(client.hasScope(READ)).toBe(true);
    expect(client.hasScope([READ])).toBe(true);
    expect(client.hasScope(`${READ} ${WRITE}`)).toBe(false);
    expect(client.hasScope([READ, WRITE])).toBe(false);
  });

  it('getAccessToken({ scope }) rejects with insufficient_scope naming only the missing scopes, and sends nothing', async () => {
    const client = harness.client();
    await signIn(client, server);
    server.counters.reset();
    const error = await client
      .getAccessToken({ scope: [READ, WRITE, 'numbers.read'] })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      name: 'TelnyxAuthError',
      code: 'insufficient_scope',
      scopes: [WRITE, 'numbers.read'],
      recoverable: false,
    });
    expect(JSON.stringify(error)).not.toContain(await client.getAccessToken());
    expect(server.counters.get('token')).toBe(0);
    expect(client.getSnapshot()).toMatchObject({ status: 'authenticated', error: null });
    await expect(client.getAccessToken({ scope: READ })).resolves.toBeTruthy();
  });

  it('getAccessToken({ scope }) without a session is still login_required', async () => {
    const client = harness.client();
    await client.ready();
    await expect(client.getAccessToken({ scope: WRITE })).rejects.toMatchObject({ code: 'login_required' });
  });
});

describe('asking for more scopes', () => {
  it('loginWithRedirect asks for the union of what is granted and what is asked', async () => {
    const client = harness.client();
    await signIn(client, server);
    await client.loginWithRedirect({ scope: WRITE });
    expect(new URL(client.window.assigned[0]!).searchParams.get('scope')).toBe(`${WRITE} ${READ}`);
  });

  it('buildAuthorizeUrl without a scope asks for the client’s scopes and the granted ones', async () => {
    const client = harness.client();
    await signIn(client, server, { scope: [READ, WRITE] });
    const url = await client.buildAuthorizeUrl();
    expect(url.searchParams.get('scope')).toBe(`${READ} ${WRITE}`);
  });

  it('signed out, asks for exactly the scope given (instead of the client’s)', async () => {
    const client = harness.client();
    await client.ready();
    const url = await client.buildAuthorizeUrl({ scope: WRITE });
    expect(url.searchParams.get('scope')).toBe(WRITE);
  });

  it('replaces the session with one holding every scope; the other tabs adopt it without a token request', async () => {
    const client = harness.client();
    await signIn(client, server);
    const other = harness.client();
    await other.ready();
    server.counters.reset();
    await signIn(client, server, { scope: WRITE });
    expect(client.getSnapshot().scope).toEqual([WRITE, READ]);
    await expect.poll(() => other.hasScope([READ, WRITE])).toBe(true);
    expect(server.counters.get('token')).toBe(1);
  });

  it('keeps the session exactly as it was when the user denies the new scope', async () => {
    const client = harness.client();
    await signIn(client, server);
    const before = client.getSnapshot();
    const token = await client.getAccessToken();
    const url = await client.buildAuthorizeUrl({ scope: WRITE });
    client.window.location.href = await server.completeAuthorization(url, { allowed: false });
    await expect(client.handleRedirectCallback()).rejects.toMatchObject({ code: 'authorization_denied' });
    expect(client.getSnapshot()).toMatchObject({
      status: before.status,
      scope: before.scope,
      expiresAt: before.expiresAt,
      error: null,
      signOutReason: null,
    });
    expect(await client.getAccessToken()).toBe(token);
  });
});
