import { describe, expect, it } from 'vitest';
import { tokenHandlerOptionsFromEnv } from './env.js';
import { createTokenHandler } from './handler.js';
import { generateCookieKey } from './key-ring.js';
import { resolveOptions, type TokenHandlerOptions } from './options.js';

const KEY = generateCookieKey();
const VALID: TokenHandlerOptions = {
  issuer: 'https://api.telnyx.com',
  clientId: 'client',
  clientSecret: 'secret',
  cookieKeys: [KEY],
  allowedOrigins: ['https://app.example'],
};

describe('options', () => {
  it('resolves the defaults', () => {
    const resolved = resolveOptions(VALID);
    expect(resolved).toMatchObject({
      basePath: '/api/auth',
      cookieName: 'telnyx-auth',
      cookiePath: '/api/auth',
      cookieMaxAgeSeconds: 30 * 24 * 60 * 60,
      tokenEndpointAuthMethod: 'client_secret_basic',
      revocationEndpointAuthMethod: 'client_secret_basic',
      requestTimeout: 10_000,
      maxRetries: 2,
      maxRetryDelay: 5_000,
      reuseWindow: 10_000,
      maxBodyBytes: 4096,
      redirectUris: undefined,
    });
    expect([...resolved.allowedOrigins]).toEqual(['https://app.example']);
    expect(createTokenHandler(VALID).basePath).toBe('/api/auth');
  });

  it('normalises trailing slashes of origins and the base path', () => {
    const resolved = resolveOptions({
      ...VALID,
      allowedOrigins: ['https://app.example/'],
      basePath: '/auth/',
    });
    expect([...resolved.allowedOrigins]).toEqual(['https://app.example']);
    expect(resolved.basePath).toBe('/auth');
  });

  it.each<[string, Partial<TokenHandlerOptions>, string]>([
    ['an http issuer', { issuer: 'http://api.telnyx.com' }, 'issuer must use https'],
    ['a relative issuer', { issuer: '/issuer' }, 'issuer must be an absolute URL'],
    ['an issuer with a query', { issuer: 'https://api.telnyx.com/?x=1' }, 'issuer must not have a query'],
    ['no client id', { clientId: '' }, 'clientId'],
    ['no secret', { clientSecret: ' ' }, 'clientSecret'],
    ['no keys', { cookieKeys: [] }, 'cookieKeys'],
    ['a bad key', { cookieKeys: ['nope'] }, 'cookieKeys[0]'],
    ['a repeated key', { cookieKeys: [KEY, KEY] }, 'same key twice'],
    ['no origins', { allowedOrigins: [] }, 'allowedOrigins'],
    ['an origin with a path', { allowedOrigins: ['https://app.example/app'] }, 'allowedOrigins[0]'],
    ['an http origin', { allowedOrigins: ['http://app.example'] }, 'allowedOrigins[0] must use https'],
    ['a base path without a slash', { basePath: 'api' }, 'basePath'],
    ['a base path with a semicolon', { basePath: '/api;x' }, 'basePath'],
    ['a redirect URI on another origin', { redirectUris: ['https://evil.example/cb'] }, 'redirectUris[0]'],
    ['an unknown auth method', { tokenEndpointAuthMethod: 'none' as never }, 'tokenEndpointAuthMethod'],
    [
      'metadata of another issuer',
      { metadata: { issuer: 'https://x.example', token_endpoint: 'https://x.example/t' } },
      'metadata.issuer',
    ],
    ['an http token endpoint', { tokenEndpoint: 'http://api.telnyx.com/oauth/token' }, 'tokenEndpoint'],
    [
      'an http revocation endpoint',
      { revocationEndpoint: 'http://api.telnyx.com/oauth/revoke' },
      'revocationEndpoint',
    ],
    ['a prefixed cookie name', { cookie: { name: '__Host-x' } }, 'cookie.name'],
    ['a cookie name with a space', { cookie: { name: 'a b' } }, 'cookie.name'],
    ['a cookie path outside the base path', { cookie: { path: '/other' } }, 'cookie.path'],
    ['a cookie lifetime over 400 days', { cookie: { maxAgeSeconds: 401 * 86_400 } }, 'cookie.maxAgeSeconds'],
    ['a fractional timeout', { requestTimeout: 1.5 }, 'requestTimeout'],
    ['too many retries', { maxRetries: 6 }, 'maxRetries'],
    ['a tiny body limit', { maxBodyBytes: 10 }, 'maxBodyBytes'],
  ])('refuses %s when the handler is created', (_name, change, message) => {
    expect(() => createTokenHandler({ ...VALID, ...change })).toThrow(TypeError);
    expect(() => createTokenHandler({ ...VALID, ...change })).toThrow(message);
  });

  it('accepts loopback http for the dev server', () => {
    expect(() =>
      createTokenHandler({
        ...VALID,
        issuer: 'http://127.0.0.1:4010',
        allowedOrigins: ['http://localhost:5173', 'http://[::1]:5173'],
        tokenEndpoint: 'http://localhost:4010/v2/oauth/token',
      }),
    ).not.toThrow();
  });

  it('accepts a cookie path that is a parent of the base path', () => {
    expect(resolveOptions({ ...VALID, cookie: { path: '/api' } }).cookiePath).toBe('/api');
    expect(resolveOptions({ ...VALID, cookie: { path: '/' } }).cookiePath).toBe('/');
  });
});

describe('tokenHandlerOptionsFromEnv', () => {
  const env = {
    TELNYX_CLIENT_ID: 'client',
    TELNYX_CLIENT_SECRET: 'secret',
    TELNYX_TOKEN_HANDLER_KEYS: ` ${KEY} , ${generateCookieKey()} `,
    TELNYX_TOKEN_HANDLER_ALLOWED_ORIGINS: 'https://app.example,http://localhost:5173',
  };

  it('reads the variables, with Telnyx as the default issuer', () => {
    const options = tokenHandlerOptionsFromEnv(env);
    expect(options).toMatchObject({
      issuer: 'https://api.telnyx.com',
      clientId: 'client',
      clientSecret: 'secret',
      allowedOrigins: ['https://app.example', 'http://localhost:5173'],
    });
    expect(options.cookieKeys).toHaveLength(2);
    expect(options.cookieKeys[0]).toBe(KEY);
    expect(() => createTokenHandler(options)).not.toThrow();
  });

  it('reads the endpoint overrides of the telnyx.com document', () => {
    const options = tokenHandlerOptionsFromEnv({
      ...env,
      TELNYX_ISSUER: 'https://api.telnyx.com',
      TELNYX_TOKEN_ENDPOINT: 'https://api.telnyx.com/oauth/token',
      TELNYX_REVOCATION_ENDPOINT: 'https://api.telnyx.com/oauth/revoke',
      TELNYX_TOKEN_ENDPOINT_AUTH_METHOD: 'client_secret_post',
      TELNYX_TOKEN_HANDLER_BASE_PATH: '/auth',
      TELNYX_TOKEN_HANDLER_REDIRECT_URIS: 'https://app.example/callback',
    });
    expect(options).toMatchObject({
      tokenEndpoint: 'https://api.telnyx.com/oauth/token',
      revocationEndpoint: 'https://api.telnyx.com/oauth/revoke',
      tokenEndpointAuthMethod: 'client_secret_post',
      basePath: '/auth',
      redirectUris: ['https://app.example/callback'],
    });
    expect(
      tokenHandlerOptionsFromEnv({ ...env, TELNYX_REVOCATION_ENDPOINT: 'none' }).revocationEndpoint,
    ).toBe(false);
  });

  it('lets overrides win, and names every missing variable', () => {
    expect(tokenHandlerOptionsFromEnv(env, { clientId: 'other' }).clientId).toBe('other');
    expect(() => tokenHandlerOptionsFromEnv({})).toThrow(
      'TELNYX_CLIENT_ID, TELNYX_CLIENT_SECRET, TELNYX_TOKEN_HANDLER_KEYS, TELNYX_TOKEN_HANDLER_ALLOWED_ORIGINS',
    );
    expect(() => tokenHandlerOptionsFromEnv({}, { clientSecret: 's' })).not.toThrow('TELNYX_CLIENT_SECRET,');
  });

  it('refuses a secret in a VITE_ variable (Vite would bundle it)', () => {
    expect(() => tokenHandlerOptionsFromEnv({ ...env, VITE_TELNYX_CLIENT_SECRET: 'secret' })).toThrow(
      'VITE_',
    );
  });
});
