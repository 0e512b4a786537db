import { createDevServer } from '@telnyx-oauth/dev-server';
import { describe, expect, it } from 'vitest';
import { sanitizeReturnTo } from './return-to.js';
import { storageKeys } from './names.js';
import { createHarness } from './test-utils/harness.js';

const ORIGIN = 'http://localhost:5173';

describe('sanitizeReturnTo', () => {
  it.each(['/', '/settings', '/settings?tab=keys&x=1#top', '/search?q=a%20b', '/a/b/../c'])(
    'accepts the same-origin path %s',
    (path) => {
      expect(sanitizeReturnTo(path, ORIGIN)).toBe(
        new URL(path, ORIGIN).pathname + new URL(path, ORIGIN).search + new URL(path, ORIGIN).hash,
      );
    },
  );

  it.each([
    '//evil.example',
    '//evil.example/path',
    'https://evil.example',
    'http://localhost:5173.evil.example/',
    '/\\evil.example',
    '\\\\evil.example',
    '/\\/evil.example',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,hi',
    '%2F%2Fevil.example',
    '/%2F/evil.example',
    '/%2f%2fevil.example',
    '/%5Cevil.example',
    '/%252F%252Fevil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    ' /settings',
    '/%0A/evil.example',
    'settings',
    '',
    '/%E0%A4%A',
  ])('refuses %j', (value) => {
    expect(sanitizeReturnTo(value, ORIGIN)).toBeNull();
  });

  it.each([
    '/%2e/%2fevil.com',
    '/%2E/%2Fevil.com',
    '/%2e/%5cevil.com',
    '/%2e%2e/%2f%2fevil.com',
    '/./%2fevil.com',
    '/a/../%2fevil.com',
    '/%2e%2e/%5c%5cevil.com',
  ])('refuses %j, which the URL parser would normalise into an encoded //host or /\\host', (value) => {
    expect(sanitizeReturnTo(value, ORIGIN)).toBeNull();
  });

  it('is a fixed point: what it returns, it returns unchanged when fed back', () => {
    for (const value of ['/a/./b', '/a/%2e%2e/b?x=%2F#%5C', '/%2e/settings', '/x/y/../z?q=a%20b', '/ü?ä#ö']) {
      const once = sanitizeReturnTo(value, ORIGIN);
      expect(once).not.toBeNull();
      expect(sanitizeReturnTo(once, ORIGIN)).toBe(once);
    }
  });

  it('refuses non-strings and absurdly long values', () => {
    expect(sanitizeReturnTo(undefined, ORIGIN)).toBeNull();
    expect(sanitizeReturnTo({ toString: () => '/x' }, ORIGIN)).toBeNull();
    expect(sanitizeReturnTo(`/${'a'.repeat(5000)}`, ORIGIN)).toBeNull();
  });
});

describe('returnTo in the login flow', () => {
  const server = createDevServer();

  it('refuses an open-redirect returnTo up front with invalid_return_to', async () => {
    const harness = createHarness(server);
    const client = harness.client();
    for (const returnTo of ['//evil', 'https://evil', '/\\evil', 'javascript:alert(1)', '/%2F%2Fevil']) {
      await expect(client.buildAuthorizeUrl({ returnTo })).rejects.toMatchObject({
        code: 'invalid_return_to',
      });
    }
    harness.destroyAll();
  });

  it('falls back to "/" when a tampered stored transaction carries a foreign returnTo', async () => {
    const harness = createHarness(server);
    const client = harness.client();
    const url = await client.buildAuthorizeUrl({ returnTo: '/fine' });
    const state = url.searchParams.get('state') ?? '';
    const key = storageKeys(client.issuer, client.clientId).transaction(state);
    const record = await harness.storage.get<Record<string, unknown>>(key);
    await harness.storage.set(key, { ...record, returnTo: '//evil.example' });
    const callback = await server.completeAuthorization(url);
    await expect(client.handleRedirectCallback(callback)).resolves.toMatchObject({ returnTo: '/' });
    harness.destroyAll();
  });
});
