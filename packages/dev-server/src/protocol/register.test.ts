import { describe, expect, it } from 'vitest';
import { createDevServer, type DevServer } from '../server.js';
import { authorizeUrl, pkce } from '../test-utils/flow.js';

function register(server: DevServer, body: unknown) {
  return server.fetch('/v2/oauth/register', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function expectMetadataError(response: Response, error: string, fields: string[]): Promise<void> {
  expect(response.status).toBe(400);
  const body = (await response.json()) as Record<string, unknown>;
  expect(body['error']).toBe(error);
  expect(typeof body['error_description']).toBe('string');
  expect(body['invalid_fields']).toEqual(fields);
}

describe('POST /v2/oauth/register (RFC 7591)', () => {
  it('registers a confidential client with Telnyx defaults and returns its secret once', async () => {
    const server = createDevServer();
    const response = await register(server, {
      client_name: 'My app',
      redirect_uris: ['https://app.example.com/cb'],
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      client_id: expect.any(String),
      client_id_issued_at: expect.any(Number),
      client_secret: expect.any(String),
      client_secret_expires_at: 0,
      client_name: 'My app',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      redirect_uris: ['https://app.example.com/cb'],
    });
    expect(server.counters.get('register')).toBe(1);
  });

  it('registers a public client that can then run the authorization code flow', async () => {
    const server = createDevServer({ autoConsent: true });
    const body = (await (
      await register(server, {
        client_name: 'SPA',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        redirect_uris: ['http://localhost:8080/callback'],
        scope: 'numbers.read',
        logo_uri: 'https://app.example.com/logo.png',
      })
    ).json()) as Record<string, unknown>;
    expect(body).not.toHaveProperty('client_secret');
    expect(body['scope']).toBe('numbers.read');
    const redirect = await server.completeAuthorization(
      authorizeUrl(
        server,
        {
          client_id: String(body['client_id']),
          redirect_uri: 'http://localhost:8080/callback',
          scope: 'numbers.read',
        },
        pkce().challenge,
      ),
    );
    expect(new URL(redirect).searchParams.get('code')).toBeTruthy();
  });

  it.each([
    [{ grant_types: ['password'], redirect_uris: ['https://a.example/cb'] }, ['grant_types']],
    [{ response_types: ['token'], redirect_uris: ['https://a.example/cb'] }, ['response_types']],
    [
      { token_endpoint_auth_method: 'private_key_jwt', redirect_uris: ['https://a.example/cb'] },
      ['token_endpoint_auth_method'],
    ],
    [{ scope: 'nonsense', redirect_uris: ['https://a.example/cb'] }, ['scope']],
    [{ client_name: 42, redirect_uris: ['https://a.example/cb'] }, ['client_name']],
    [{ logo_uri: 'not a url', redirect_uris: ['https://a.example/cb'] }, ['logo_uri']],
    [
      { grant_types: ['authorization_code'], response_types: [], redirect_uris: ['https://a.example/cb'] },
      ['grant_types', 'response_types'],
    ],
    [
      { grant_types: ['client_credentials'], response_types: [], token_endpoint_auth_method: 'none' },
      ['grant_types', 'token_endpoint_auth_method'],
    ],
  ])('answers invalid_client_metadata for %j', async (body, fields) => {
    await expectMetadataError(await register(createDevServer(), body), 'invalid_client_metadata', fields);
  });

  it.each([
    [{}],
    [{ redirect_uris: 'https://a.example/cb' }],
    [{ redirect_uris: ['http://a.example/cb'] }],
    [{ redirect_uris: ['https://a.example/cb#frag'] }],
    [{ redirect_uris: ['/relative'] }],
    [{ redirect_uris: ['javascript:alert(1)'] }],
  ])('answers invalid_redirect_uri for %j', async (body) => {
    await expectMetadataError(await register(createDevServer(), body), 'invalid_redirect_uri', [
      'redirect_uris',
    ]);
  });

  it('accepts loopback http and private-use schemes for redirect URIs', async () => {
    const response = await register(createDevServer(), {
      redirect_uris: ['http://127.0.0.1:9000/cb', 'http://127.0.0.2:9000/cb', 'com.example.app:/callback'],
    });
    expect(response.status).toBe(201);
  });

  it('registers a client_credentials-only client without redirect URIs', async () => {
    const response = await register(createDevServer(), {
      grant_types: ['client_credentials'],
      response_types: [],
    });
    expect(response.status).toBe(201);
  });

  it('answers 400 for malformed JSON and for a non-JSON body', async () => {
    const server = createDevServer();
    const malformed = await server.fetch('/v2/oauth/register', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"a":',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: 'invalid_client_metadata' });
    const form = await server.fetch('/v2/oauth/register', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'client_name=x',
    });
    expect(form.status).toBe(400);
  });
});
