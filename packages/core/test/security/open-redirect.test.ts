/**
 * Open redirects through `returnTo` (issue 8). Property tests over sanitizeReturnTo plus the login flow: whatever
 * string an attacker puts in a login link - `//evil`, `https://evil`, `/\evil`, `javascript:`, percent-encoded
 * (once or many times), tab/newline-smuggled, backslashes, unicode lookalikes - the library either refuses it or
 * returns a path that stays on the app's origin wherever it is resolved.
 *
 * Hand-picked examples are in src/return-to.test.ts; this file generates them.
 */
import { createDevServer } from '@telnyx-oauth/dev-server';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { sanitizeReturnTo } from '../../src/return-to.js';
import { storageKeys } from '../../src/names.js';
import { APP_ORIGIN, createHarness } from '../../src/test-utils/harness.js';

const OTHER_ORIGINS = ['https://evil.example', 'http://127.0.0.1:9999', 'https://app.example:8443'];

/** What "safe" means: a path that no base URL can turn into another origin, and that sanitizes to itself. */
function expectSameOriginPath(path: string): void {
  expect(path.startsWith('/')).toBe(true);
  expect(path[1] === '/' || path[1] === '\\').toBe(false);
  // eslint-disable-next-line no-control-regex
  expect(/[\u0000-\u0020\u007f-\u009f\\]/.test(path)).toBe(false);
  expect(new URL(path, APP_ORIGIN).origin).toBe(APP_ORIGIN);
  for (const origin of OTHER_ORIGINS) expect(new URL(path, origin).origin).toBe(origin);
  expect(sanitizeReturnTo(path, APP_ORIGIN)).toBe(path);
}

const HOSTS = [
  'evil.example',
  'evil.example:443',
  'user@evil.example',
  '127.0.0.1',
  '[::1]',
  'evil。example',
];
const LEAVING_PREFIXES = [
  '//',
  '///',
  '\\\\',
  '/\\',
  '\\/',
  '/\\/',
  'https://',
  'http:',
  'HTTPS://',
  'https:/',
  'https:\\\\',
  'javascript:',
  'JaVaScRiPt:',
  'java\tscript:',
  'data:text/html,',
  'vbscript:',
  '/%2F',
  '/%2f',
  '%2F%2F',
  '/%5C',
  '/%5c',
  '%5C%5C',
  '/%252F',
  '/%25252F',
  '/%2525252F',
  '/\t/',
  '/\n/',
  '/\r/',
  '\t//',
  ' //',
  '\u0000//',
  '/\u0000/',
  '/%09/',
  '/%0A/',
  '/%00/',
  '\u00a0//',
  '\u2028//',
];
/** Characters that look like a slash, a backslash or a dot but are not parsed as one. */
const LOOKALIKES = [
  '\uff0f',
  '\u2215',
  '\u2044',
  '\u29f8',
  '\uff3c',
  '\u2216',
  '\ufe68',
  '\u3002',
  '\uff0e',
  '\u2024',
];

const leavingReturnTo = fc
  .tuple(
    fc.constantFrom(...LEAVING_PREFIXES),
    fc.constantFrom(...HOSTS),
    fc.constantFrom('', '/', '/path?x=1#h', '/\\', '%2F'),
  )
  .map(([prefix, host, rest]) => `${prefix}${host}${rest}`);

const lookalikeReturnTo = fc
  .tuple(
    fc.constantFrom('', '/'),
    fc.array(fc.constantFrom(...LOOKALIKES, '/'), { minLength: 1, maxLength: 3 }),
  )
  .map(([start, middle]) => `${start}${middle.join('')}evil.example`);

const anyString = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.webPath(),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc
    .array(
      fc.constantFrom(
        '/',
        '\\',
        '%',
        '2F',
        '5C',
        '25',
        ':',
        '.',
        '\t',
        '\n',
        'evil',
        '@',
        '?',
        '#',
        '\uff0f',
      ),
      {
        maxLength: 12,
      },
    )
    .map((parts) => parts.join('')),
);

describe('sanitizeReturnTo (property)', () => {
  it('refuses every returnTo built to leave the origin', () => {
    fc.assert(
      fc.property(leavingReturnTo, (value) => {
        expect(sanitizeReturnTo(value, APP_ORIGIN)).toBeNull();
      }),
      { numRuns: 5_000 },
    );
  });

  it('never lets a unicode lookalike leave the origin (refused, or a percent-encoded same-origin path)', () => {
    fc.assert(
      fc.property(lookalikeReturnTo, (value) => {
        const result = sanitizeReturnTo(value, APP_ORIGIN);
        if (result !== null) {
          expectSameOriginPath(result);
          expect(/[^\u0021-\u007e]/.test(result)).toBe(false); // non-ASCII is percent-encoded, never interpreted
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('for any string: null, or a path that stays on the origin wherever it is resolved', () => {
    fc.assert(
      fc.property(anyString, (value) => {
        const result = sanitizeReturnTo(value, APP_ORIGIN);
        if (result !== null) expectSameOriginPath(result);
      }),
      { numRuns: 10_000 },
    );
  });

  it('keeps ordinary same-origin paths (it is not just refusing everything)', () => {
    fc.assert(
      fc.property(fc.webPath(), fc.webQueryParameters(), fc.webFragments(), (path, query, hash) => {
        const value = `/${path.replace(/^\/+/, '')}${query ? `?${query}` : ''}${hash ? `#${hash}` : ''}`;
        const url = new URL(value, APP_ORIGIN);
        if (value.includes('%')) return; // encoded bytes are judged after decoding; covered above
        if (url.pathname.startsWith('//')) {
          expect(sanitizeReturnTo(value, APP_ORIGIN)).toBeNull(); // '/.//x' normalises to '//x': refused
          return;
        }
        expect(sanitizeReturnTo(value, APP_ORIGIN)).toBe(`${url.pathname}${url.search}${url.hash}`);
      }),
      { numRuns: 2_000 },
    );
  });
});

/** Dot segments (plain and percent-encoded) that the URL parser removes, next to encoded slashes and backslashes. */
const dotSegmentReturnTo = fc
  .array(
    fc.constantFrom(
      '/',
      '.',
      '..',
      '%2e',
      '%2E',
      '%2e%2e',
      '.%2e',
      '%2f',
      '%2F',
      '%5c',
      '%5C',
      '%252f',
      'evil.example',
      'a',
      '?',
      '#',
    ),
    { minLength: 1, maxLength: 10 },
  )
  .map((parts) => `/${parts.join('')}`);

/** What an attacker wants the browser to end up at: `//host` or `/\host`, after any amount of decoding. */
function decodesToAnotherHost(path: string): boolean {
  let current = path;
  for (let round = 0; round < 6; round += 1) {
    if (/^[/\\][/\\]/.test(current)) return true;
    try {
      const decoded = decodeURIComponent(current);
      if (decoded === current) return false;
      current = decoded;
    } catch {
      return false;
    }
  }
  return /^[/\\][/\\]/.test(current);
}

describe('sanitizeReturnTo is a fixed point (property)', () => {
  const inputs = fc.oneof(dotSegmentReturnTo, leavingReturnTo, lookalikeReturnTo, anyString);

  it('s(s(x)) === s(x) for every x', () => {
    fc.assert(
      fc.property(inputs, (value) => {
        const once = sanitizeReturnTo(value, APP_ORIGIN);
        expect(sanitizeReturnTo(once, APP_ORIGIN)).toBe(once);
      }),
      { numRuns: 10_000 },
    );
  });

  it('never returns anything that decodes to //host or /\\host', () => {
    fc.assert(
      fc.property(inputs, (value) => {
        const result = sanitizeReturnTo(value, APP_ORIGIN);
        if (result !== null) expect(decodesToAnotherHost(result)).toBe(false);
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('returnTo through the login flow (property)', () => {
  const server = createDevServer();
  const harness = createHarness(server);
  const client = harness.client();
  afterAll(() => harness.destroyAll());

  it('buildAuthorizeUrl refuses a leaving returnTo with invalid_return_to before anything is stored', async () => {
    await client.ready();
    const prefix = storageKeys(client.issuer, client.clientId).transactionPrefix;
    await fc.assert(
      fc.asyncProperty(leavingReturnTo, async (returnTo) => {
        await expect(client.buildAuthorizeUrl({ returnTo })).rejects.toMatchObject({
          code: 'invalid_return_to',
        });
      }),
      { numRuns: 300 },
    );
    expect(await harness.storage.keys?.(prefix)).toEqual([]);
    expect(server.counters.get('authorize')).toBe(0);
  });

  it('the callback only ever hands back a same-origin path, even from a tampered stored transaction', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(leavingReturnTo, anyString), async (tampered) => {
        const url = await client.buildAuthorizeUrl({ returnTo: '/fine' });
        const key = storageKeys(client.issuer, client.clientId).transaction(
          url.searchParams.get('state') ?? '',
        );
        const record = await harness.storage.get<Record<string, unknown>>(key);
        await harness.storage.set(key, { ...record, returnTo: tampered });
        const result = await client.handleRedirectCallback(await server.completeAuthorization(url));
        expectSameOriginPath(result.returnTo);
        const safe = sanitizeReturnTo(tampered, APP_ORIGIN);
        expect(result.returnTo).toBe(safe ?? '/');
      }),
      { numRuns: 40 },
    );
  });
});
