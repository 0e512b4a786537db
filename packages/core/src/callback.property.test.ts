/**
 * Property-based tests: whatever a callback URL or a stored record contains, the client answers with a
 * TelnyxAuthError (never another exception) and a valid session survives.
 */
import { createDevServer } from '@telnyx-oauth/dev-server';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { TelnyxAuthError } from './errors.js';
import { storageKeys } from './names.js';
import { createHarness, REDIRECT_URI, signIn } from './test-utils/harness.js';

const server = createDevServer();

const paramValue = fc.oneof(
  fc.string(),
  fc.webUrl(),
  fc.constantFrom(
    '',
    'access_denied',
    'invalid_request',
    server.issuer,
    'https://evil.example',
    '%',
    '\u0000',
  ),
);
const paramName = fc.oneof(
  fc.constantFrom('code', 'state', 'iss', 'error', 'error_description', 'response', 'id_token', 'token'),
  fc.string({ maxLength: 8 }),
);
const callbackUrl = fc.oneof(
  fc.array(fc.tuple(paramName, paramValue), { maxLength: 6 }).map((pairs) => {
    const url = new URL(REDIRECT_URI);
    for (const [name, value] of pairs) url.searchParams.append(name, value);
    return url.href;
  }),
  fc.string().map((text) => `${REDIRECT_URI}?${text}`),
  fc.string(),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
);

function expectOnlyTypedErrors(outcome: unknown): void {
  if (outcome instanceof Error) expect(outcome).toBeInstanceOf(TelnyxAuthError);
}

describe('random callback URLs', () => {
  const harness = createHarness(server);
  const client = harness.client();
  let token = '';

  beforeAll(async () => {
    await signIn(client, server);
    token = await client.getAccessToken();
    server.counters.reset();
  });

  it('give only TelnyxAuthErrors and never touch a valid session', async () => {
    await fc.assert(
      fc.asyncProperty(callbackUrl, async (url) => {
        const outcome = await client.handleRedirectCallback(url).catch((error: unknown) => error);
        expect(outcome).toBeInstanceOf(TelnyxAuthError);
        expect(client.getSnapshot().status).toBe('authenticated');
        expect(await client.getAccessToken()).toBe(token);
      }),
      { numRuns: 150 },
    );
    expect(server.counters.get('token')).toBe(0);
  });

  it('with the real state and random other parameters, fail typed and keep the session', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(paramName, paramValue), { maxLength: 4 }), async (pairs) => {
        const authorize = await client.buildAuthorizeUrl();
        const url = new URL(REDIRECT_URI);
        for (const [name, value] of pairs) if (name !== 'state') url.searchParams.append(name, value);
        url.searchParams.set('state', authorize.searchParams.get('state') ?? '');
        const outcome = await client.handleRedirectCallback(url).catch((error: unknown) => error);
        expectOnlyTypedErrors(outcome);
        expect(outcome).toBeInstanceOf(TelnyxAuthError); // a random code can never be exchanged
        expect(await client.getAccessToken()).toBe(token);
      }),
      { numRuns: 40 },
    );
  });
});

describe('random stored records', () => {
  it('never crash start-up or getAccessToken: typed errors only', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (record) => {
        const harness = createHarness(server);
        const client = harness.client();
        await harness.storage.set(storageKeys(client.issuer, client.clientId).session, record);
        const snapshot = await client.ready();
        expect(['unauthenticated', 'authenticated']).toContain(snapshot.status);
        if (snapshot.error) expect(snapshot.error).toBeInstanceOf(TelnyxAuthError);
        const outcome = await client.getAccessToken().catch((error: unknown) => error);
        expectOnlyTypedErrors(outcome);
        harness.destroyAll();
      }),
      { numRuns: 100 },
    );
  });

  it('in the transaction and discovery slots never cost a valid session', async () => {
    const harness = createHarness(server);
    const client = harness.client();
    await signIn(client, server);
    const token = await client.getAccessToken();
    const keys = storageKeys(client.issuer, client.clientId);
    await fc.assert(
      fc.asyncProperty(
        fc.anything(),
        fc.anything(),
        fc.string({ minLength: 1 }),
        async (tx, discovery, state) => {
          await harness.storage.set(keys.transaction(state), tx);
          await harness.storage.set(keys.discovery, discovery);
          const fresh = harness.client(); // a reload, so the cached metadata is read again
          const callback = await fresh
            .handleRedirectCallback(`${REDIRECT_URI}?code=c&state=${encodeURIComponent(state)}`)
            .catch((error: unknown) => error);
          expect(callback).toBeInstanceOf(TelnyxAuthError);
          const url = await fresh.buildAuthorizeUrl().catch((error: unknown) => error);
          expectOnlyTypedErrors(url);
          expect(await fresh.getAccessToken()).toBe(token);
          fresh.destroy();
        },
      ),
      { numRuns: 60 },
    );
    expect(client.getSnapshot().status).toBe('authenticated');
    harness.destroyAll();
  });
});
