import { describe, expect, it } from 'vitest';
import { TelnyxOAuthAPI } from './client.js';
import { ValidationError } from './errors.js';
import { forbiddenFetch } from './test-utils/scripted-fetch.js';

/** Every refusal happens before anything is sent: the fetch here fails the test if called. */
const scripted = forbiddenFetch();
const api = new TelnyxOAuthAPI({ apiKey: 'KEY', baseURL: 'https://api.example.test', fetch: scripted.fetch });

// Values the types forbid, as plain JavaScript callers (or `any`) could still pass them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const loose = api as any;

const validClient = {
  name: 'My app',
  allowed_scopes: ['numbers.read'],
  client_type: 'public',
  allowed_grant_types: ['authorization_code'],
};

const cases: Array<[string, () => Promise<unknown>, string]> = [
  ['create without name', () => loose.oauthClients.create({ ...validClient, name: undefined }), 'name'],
  ['create with blank name', () => loose.oauthClients.create({ ...validClient, name: '  ' }), 'name'],
  [
    'create with empty scopes',
    () => loose.oauthClients.create({ ...validClient, allowed_scopes: [] }),
    'allowed_scopes',
  ],
  [
    'create with a scope containing a space',
    () => loose.oauthClients.create({ ...validClient, allowed_scopes: ['numbers.read', 'a b'] }),
    'allowed_scopes[1]',
  ],
  [
    'create with unknown client_type',
    () => loose.oauthClients.create({ ...validClient, client_type: 'spa' }),
    'client_type',
  ],
  [
    'create with unknown grant type',
    () => loose.oauthClients.create({ ...validClient, allowed_grant_types: ['implicit'] }),
    'allowed_grant_types[0]',
  ],
  [
    'create with a relative redirect URI',
    () => loose.oauthClients.create({ ...validClient, redirect_uris: ['https://ok.test/cb', '/callback'] }),
    'redirect_uris[1]',
  ],
  [
    'create with a redirect URI carrying a fragment',
    () => loose.oauthClients.create({ ...validClient, redirect_uris: ['https://ok.test/cb#x'] }),
    'redirect_uris[0]',
  ],
  [
    'create with a javascript: logo',
    () => loose.oauthClients.create({ ...validClient, logo_uri: 'javascript:alert(1)' }),
    'logo_uri',
  ],
  [
    'create with a string require_pkce',
    () => loose.oauthClients.create({ ...validClient, require_pkce: 'yes' }),
    'require_pkce',
  ],
  ['update with an empty id', () => loose.oauthClients.update('', { name: 'x' }), 'id'],
  [
    'update with a bad policy_uri',
    () => loose.oauthClients.update('c1', { policy_uri: 'nope' }),
    'policy_uri',
  ],
  ['retrieve without id', () => loose.oauthClients.retrieve(undefined), 'id'],
  ['delete without id', () => loose.oauthClients.delete(''), 'id'],
  ['list with page size 0', () => loose.oauthClients.list({ 'page[size]': 0 }), 'page[size]'],
  ['list with page size 101', () => loose.oauthClients.list({ 'page[size]': 101 }), 'page[size]'],
  ['list with page size 2.5', () => loose.oauthClients.list({ 'page[size]': 2.5 }), 'page[size]'],
  ['list with page number 0', () => loose.oauthGrants.list({ 'page[number]': 0 }), 'page[number]'],
  [
    'list with unknown client_type filter',
    () => loose.oauthClients.list({ 'filter[client_type]': 'x' }),
    'filter[client_type]',
  ],
  ['grant retrieve without id', () => loose.oauthGrants.retrieve(''), 'id'],
  ['grant delete without id', () => loose.oauthGrants.delete(undefined), 'id'],
  [
    'authorize without client_id',
    () => loose.oauth.retrieveAuthorize({ redirect_uri: 'https://a.test/cb', response_type: 'code' }),
    'client_id',
  ],
  [
    'authorize with response_type token',
    () =>
      loose.oauth.retrieveAuthorize({
        client_id: 'c',
        redirect_uri: 'https://a.test/cb',
        response_type: 'token',
      }),
    'response_type',
  ],
  [
    'authorize with plain PKCE',
    () =>
      loose.oauth.retrieveAuthorize({
        client_id: 'c',
        redirect_uri: 'https://a.test/cb',
        response_type: 'code',
        code_challenge_method: 'plain',
      }),
    'code_challenge_method',
  ],
  ['consent without token', () => loose.oauth.retrieve(''), 'consent_token'],
  ['grants without allowed', () => loose.oauth.grants({ consent_token: 't' }), 'allowed'],
  [
    'grants with allowed as a string',
    () => loose.oauth.grants({ allowed: 'true', consent_token: 't' }),
    'allowed',
  ],
  ['grants without consent_token', () => loose.oauth.grants({ allowed: true }), 'consent_token'],
  ['introspect without token', () => loose.oauth.introspect({}), 'token'],
  ['token without grant_type', () => loose.oauth.token({}), 'grant_type'],
  ['token with an unknown grant_type', () => loose.oauth.token({ grant_type: 'password' }), 'grant_type'],
  ['authorization_code without code', () => loose.oauth.token({ grant_type: 'authorization_code' }), 'code'],
  [
    'refresh_token without refresh_token',
    () => loose.oauth.token({ grant_type: 'refresh_token' }),
    'refresh_token',
  ],
  [
    'token with scopes separated by two spaces',
    () =>
      loose.oauth.token({
        grant_type: 'client_credentials',
        client_id: 'c',
        scope: 'numbers.read  fax.read',
      }),
    'scope',
  ],
  [
    'authorize with a quote in a scope (not a scope-token, RFC 6749 §3.3)',
    () =>
      loose.oauth.retrieveAuthorize({
        client_id: 'c',
        redirect_uri: 'https://a.test/cb',
        response_type: 'code',
        scope: 'numbers.read "admin"',
      }),
    'scope',
  ],
  [
    'a client secret without a client id',
    () => loose.oauth.token({ grant_type: 'client_credentials', client_id: 'c' }, { clientSecret: 's' }),
    'clientId',
  ],
  [
    'a token request from no client at all',
    () => loose.oauth.token({ grant_type: 'client_credentials' }),
    'client_id',
  ],
  [
    'register with an unknown auth method',
    () => loose.oauth.register({ token_endpoint_auth_method: 'private_key_jwt' }),
    'token_endpoint_auth_method',
  ],
  [
    'register with a relative redirect URI',
    () => loose.oauth.register({ redirect_uris: ['cb'] }),
    'redirect_uris[0]',
  ],
  [
    'register with response type token',
    () => loose.oauth.register({ response_types: ['token'] }),
    'response_types[0]',
  ],
  ['register with a non-string tos_uri', () => loose.oauth.register({ tos_uri: 5 }), 'tos_uri'],
  ['a negative maxRetries', () => api.oauthGrants.retrieve('g', { maxRetries: -1 }), 'maxRetries'],
  ['a zero timeout', () => api.oauthGrants.retrieve('g', { timeout: 0 }), 'timeout'],
];

describe('values are refused before a request is sent', () => {
  it.each(cases)('%s', async (_name, call, field) => {
    const error = await call().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe(field);
    expect((error as ValidationError).code).toBe('validation_error');
    expect(scripted.requests).toHaveLength(0);
  });

  it('list() rejects (never throws synchronously), so for-await callers catch it', async () => {
    const listing = loose.oauthClients.list({ 'page[size]': 500 });
    await expect(
      (async () => {
        for await (const _client of listing) void _client;
      })(),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('refuses a management call without any credentials, naming apiKey', async () => {
    const saved = process.env.TELNYX_API_KEY;
    delete process.env.TELNYX_API_KEY;
    try {
      const anonymous = new TelnyxOAuthAPI({ baseURL: 'https://api.example.test', fetch: scripted.fetch });
      await expect(anonymous.oauthGrants.retrieve('g')).rejects.toMatchObject({ field: 'apiKey' });
    } finally {
      if (saved !== undefined) process.env.TELNYX_API_KEY = saved;
    }
    expect(scripted.requests).toHaveLength(0);
  });
});
