/**
 * 10,000 generated authorization responses against one signed-in client (issue 8). Whatever the URL holds -
 * missing, duplicated, oversized or unicode parameters, forged or replayed state, a wrong or repeated RFC 9207
 * `iss`, a code issued to another client, `error=` with or without state - the client answers with a
 * TelnyxAuthError or a new session, never an untyped exception; a valid session is never replaced by a failed
 * callback; and `code` never stays in the address bar (the fake window's history).
 */
import { createDevServer } from '@telnyx-oauth/dev-server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelnyxAuthError } from '../../src/errors.js';
import { storageKeys } from '../../src/names.js';
import { createHarness, REDIRECT_URI, signIn } from '../../src/test-utils/harness.js';

const RUNS = Number(process.env.CALLBACK_RUNS ?? 10_000);
const server = createDevServer();
const harness = createHarness(server);
const client = harness.client();
const txPrefix = storageKeys(client.issuer, client.clientId).transactionPrefix;

/** What the generator can draw on; filled in once, before the property runs. */
const material = { spentState: '', spentCode: '', foreignCode: '' };
let token = '';

/** A code the server issued to the confidential client (same user, same server): never ours to exchange. */
async function codeForAnotherClient(): Promise<string> {
  const url = await client.buildAuthorizeUrl();
  url.searchParams.set('client_id', server.seed.confidentialClient.client_id);
  url.searchParams.set('redirect_uri', server.seed.confidentialClient.redirect_uris[0] ?? '');
  const callback = new URL(await server.completeAuthorization(url));
  return callback.searchParams.get('code') ?? '';
}

beforeAll(async () => {
  const first = new URL(await signIn(client, server));
  material.spentState = first.searchParams.get('state') ?? '';
  material.spentCode = first.searchParams.get('code') ?? '';
  material.foreignCode = await codeForAnotherClient();
  expect(material.foreignCode).not.toBe('');
  token = await client.getAccessToken();
  server.counters.reset();
});
afterAll(() => harness.destroyAll());

const unicode = fc.string({ unit: 'grapheme', maxLength: 12 });
const oversized = fc.integer({ min: 8_000, max: 20_000 }).map((n) => 'A'.repeat(n));
const junk = fc.oneof(
  fc.string({ maxLength: 12 }),
  unicode,
  fc.constantFrom('', '%', '%00', '\u0000', '\ud800'),
);

type StateKind =
  'pending' | 'forged' | 'spent' | 'missing' | 'duplicated' | 'unicode' | 'oversized' | 'empty';
const stateKind = fc.constantFrom<StateKind>(
  'pending',
  'forged',
  'spent',
  'missing',
  'duplicated',
  'unicode',
  'oversized',
  'empty',
);
const codeValue = fc.oneof(
  fc.constant(() => material.foreignCode),
  fc.constant(() => material.spentCode),
  junk.map((value) => () => value),
  oversized.map((value) => () => value),
);
const issValue = fc.oneof(
  fc.constant(server.issuer),
  fc.constantFrom(
    `${server.issuer}/`,
    server.issuer.toUpperCase(),
    'https://evil.example',
    'http://127.0.0.1:4011',
    'https://api.telnyx.com',
  ),
  unicode,
);
const errorValue = fc.oneof(
  fc.constantFrom('access_denied', 'invalid_request', 'server_error', 'temporarily_unavailable', ''),
  unicode,
);

const response = fc.record({
  state: stateKind,
  codes: fc.array(codeValue, { maxLength: 2 }), // none, one, or duplicated
  iss: fc.array(issValue, { maxLength: 2 }),
  error: fc.option(errorValue, { nil: undefined }),
  errorDescription: fc.option(fc.oneof(unicode, oversized), { nil: undefined }),
  extra: fc.array(fc.tuple(fc.oneof(junk, fc.constantFrom('token', 'id_token', 'access_token')), junk), {
    maxLength: 3,
  }),
  shuffle: fc.boolean(),
});

/** Builds the query; a 'pending' state comes from a real login this client started (a stored transaction). */
async function toUrl(
  r: typeof response extends fc.Arbitrary<infer T> ? T : never,
  seed: string,
): Promise<string> {
  const pairs: [string, string][] = [];
  const pending = async () => (await client.buildAuthorizeUrl()).searchParams.get('state') ?? '';
  switch (r.state) {
    case 'pending':
      pairs.push(['state', await pending()]);
      break;
    case 'forged':
      pairs.push(['state', `forged-${seed}`]);
      break;
    case 'spent':
      pairs.push(['state', material.spentState]);
      break;
    case 'duplicated':
      pairs.push(['state', await pending()], ['state', `forged-${seed}`]);
      break;
    case 'unicode':
      pairs.push(['state', `ſtate-${seed}-\u202e\u0301`]);
      break;
    case 'oversized':
      pairs.push(['state', 'S'.repeat(20_000)]);
      break;
    case 'empty':
      pairs.push(['state', '']);
      break;
    case 'missing':
      break;
  }
  for (const code of r.codes) pairs.push(['code', code()]);
  for (const iss of r.iss) pairs.push(['iss', iss]);
  if (r.error !== undefined) pairs.push(['error', r.error]);
  if (r.errorDescription !== undefined) pairs.push(['error_description', r.errorDescription]);
  pairs.push(...r.extra);
  if (r.shuffle) pairs.reverse();
  const url = new URL(REDIRECT_URI);
  for (const [name, value] of pairs) url.searchParams.append(name, value);
  return url.href;
}

describe(`${RUNS.toLocaleString('en')} adversarial callback URLs`, () => {
  it('each end in a TelnyxAuthError or a session; none replaces a valid session or leaves code in the address bar', async () => {
    let run = 0;
    const codes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(response, async (r) => {
        run += 1;
        const url = await toUrl(r, String(run));
        client.window.location.href = url; // the browser landed here
        const outcome: unknown = await client.handleRedirectCallback().catch((error: unknown) => error);
        if (outcome instanceof Error) {
          expect(outcome).toBeInstanceOf(TelnyxAuthError);
          codes.add((outcome as TelnyxAuthError).code);
        } else {
          // The spent state of this page's own sign-in answers from that first result (StrictMode, double
          // clicks): the session it reports is the one we have. No generated URL can make a new one.
          expect(r.state).toBe('spent');
        }
        expect(client.getSnapshot()).toMatchObject({ status: 'authenticated', isAuthenticated: true });
        expect(await client.getAccessToken()).toBe(token);
        expect(new URL(client.window.location.href).searchParams.has('code')).toBe(false);
        // Unfinished logins this run started: dropped so that each run costs the same (no O(n²) listing).
        for (const key of (await harness.storage.keys?.(txPrefix)) ?? []) await harness.storage.del(key);
      }),
      { numRuns: RUNS },
    );
    // Every class of refusal was exercised, and nothing refreshed or signed out the session.
    expect([...codes].sort()).toEqual(
      expect.arrayContaining([
        'authorization_denied',
        'authorization_error',
        'code_exchange_failed',
        'issuer_mismatch',
        'missing_state',
        'unknown_state',
      ]),
    );
    expect(server.counters.get('token:refresh_token')).toBe(0);
    expect(server.counters.get('revoke')).toBe(0);
  }, 180_000);

  it("a replay of this page's own callback (Back without a reload) joins the first result and still scrubs the code", async () => {
    server.counters.reset();
    client.window.location.href = `${REDIRECT_URI}?code=${material.spentCode}&state=${material.spentState}&iss=${encodeURIComponent(server.issuer)}`;
    await expect(client.handleRedirectCallback()).resolves.toMatchObject({ returnTo: '/' });
    expect(client.window.location.href).toBe(REDIRECT_URI);
    expect(server.counters.get('token:authorization_code')).toBe(0);
  });

  it('a genuine response after all of that still signs in, replacing the session with a new one', async () => {
    await signIn(client, server);
    const next = await client.getAccessToken();
    expect(next).not.toBe(token);
    expect(client.getSnapshot().status).toBe('authenticated');
  });
});
