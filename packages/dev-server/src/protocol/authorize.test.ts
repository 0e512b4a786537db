import { describe, expect, it } from 'vitest';
import { createDevServer } from '../server.js';
import { authorizeUrl, DEMO_REDIRECT, pkce } from '../test-utils/flow.js';

async function location(response: Response): Promise<URL> {
  expect(response.status).toBe(302);
  const value = response.headers.get('location');
  expect(value).toBeTruthy();
  return new URL(value ?? '');
}

describe('GET /v2/oauth/authorize before the redirect URI is trusted', () => {
  it('answers 400 text/html without client_id', async () => {
    const server = createDevServer();
    const response = await server.fetch(authorizeUrl(server, { client_id: undefined }, pkce().challenge));
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('client_id is required');
  });

  it('answers 404 text/html for an unknown client', async () => {
    const server = createDevServer();
    const response = await server.fetch(authorizeUrl(server, { client_id: 'nope' }, pkce().challenge));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('text/html');
  });

  it('answers 422 text/html for a redirect URI that is not registered exactly', async () => {
    const server = createDevServer();
    for (const redirect of [
      `${DEMO_REDIRECT}/`,
      'http://localhost:5173/callback?x=1',
      'http://evil.example/callback',
    ]) {
      const response = await server.fetch(authorizeUrl(server, { redirect_uri: redirect }, pkce().challenge));
      expect(response.status).toBe(422);
      expect(response.headers.get('location')).toBeNull();
      expect(response.headers.get('content-type')).toContain('text/html');
    }
  });

  it('answers 400 for a repeated parameter', async () => {
    const server = createDevServer();
    const response = await server.fetch(`${authorizeUrl(server, {}, pkce().challenge)}&state=again`);
    expect(response.status).toBe(400);
  });

  it('escapes request data in the HTML error page', async () => {
    const server = createDevServer();
    const response = await server.fetch(
      authorizeUrl(server, { client_id: '<script>x</script>' }, pkce().challenge),
    );
    expect(await response.text()).not.toContain('<script>x');
  });
});

describe('GET /v2/oauth/authorize after the redirect URI is trusted', () => {
  it.each([
    [{ response_type: 'token' }, 'unsupported_response_type'],
    [{ response_type: undefined }, 'invalid_request'],
    [{ scope: 'account_management.read nonsense.read' }, 'invalid_scope'],
    [{ scope: '' }, 'invalid_scope'],
    [{ code_challenge_method: 'plain' }, 'invalid_request'],
    [{ code_challenge_method: undefined }, 'invalid_request'],
    [{ code_challenge: 'too-short' }, 'invalid_request'],
  ])('redirects back with error for %j', async (params, error) => {
    const server = createDevServer();
    const url = await location(await server.fetch(authorizeUrl(server, params, pkce().challenge)));
    expect(`${url.origin}${url.pathname}`).toBe(DEMO_REDIRECT);
    expect(url.searchParams.get('error')).toBe(error);
    expect(url.searchParams.get('error_description')).toBeTruthy();
    expect(url.searchParams.get('state')).toBe('state-123');
    expect(url.searchParams.get('iss')).toBe(server.issuer);
  });

  it('refuses a request without PKCE for a client that requires it', async () => {
    const server = createDevServer();
    const url = await location(await server.fetch(authorizeUrl(server)));
    expect(url.searchParams.get('error')).toBe('invalid_request');
  });

  it('refuses a public client without PKCE even when its record says require_pkce: false (RFC 9700 §2.1.1)', async () => {
    const server = createDevServer();
    const created = await server.fetch('/v2/oauth_clients', {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.seed.user.apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        name: 'No PKCE SPA',
        client_type: 'public',
        require_pkce: false,
        allowed_grant_types: ['authorization_code'],
        allowed_scopes: ['numbers.read'],
        redirect_uris: ['https://spa.example/cb'],
      }),
    });
    const { data } = (await created.json()) as { data: { client_id: string; require_pkce: boolean } };
    expect(data.require_pkce).toBe(false);
    const params = {
      client_id: data.client_id,
      redirect_uri: 'https://spa.example/cb',
      scope: 'numbers.read',
    };
    const refused = await location(await server.fetch(authorizeUrl(server, params)));
    expect(`${refused.origin}${refused.pathname}`).toBe('https://spa.example/cb');
    expect(refused.searchParams.get('error')).toBe('invalid_request');
    expect(refused.searchParams.get('error_description')).toMatch(/PKCE/);
    // With a challenge the same client goes on to consent.
    const accepted = await location(await server.fetch(authorizeUrl(server, params, pkce().challenge)));
    expect(accepted.pathname).toBe('/consent');
  });

  it('lets a confidential client with require_pkce: false authorize without PKCE', async () => {
    const server = createDevServer();
    const url = await location(
      await server.fetch(
        authorizeUrl(server, {
          client_id: server.seed.confidentialClient.client_id,
          redirect_uri: server.seed.confidentialClient.redirect_uris[0],
        }),
      ),
    );
    expect(url.pathname).toBe('/consent');
  });

  it('refuses a scope the client is not allowed', async () => {
    const server = createDevServer();
    const url = await location(
      await server.fetch(
        authorizeUrl(
          server,
          {
            client_id: '5eed0c1e-0000-4000-8000-000000000001',
            redirect_uri: 'https://app-001.example.com/callback',
            scope: 'wireless.write',
          },
          pkce().challenge,
        ),
      ),
    );
    expect(url.searchParams.get('error')).toBe('invalid_scope');
  });

  it('refuses a client that may not use the authorization code grant', async () => {
    const server = createDevServer();
    // Seeded client 9 is confidential with client_credentials only; give it a redirect URI first.
    const clientId = '5eed0c1e-0000-4000-8000-000000000009';
    const update = await server.fetch(`/v2/oauth_clients/${clientId}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${server.seed.user.apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ redirect_uris: ['https://x.example/cb'] }),
    });
    expect(update.status).toBe(200);
    const url = await location(
      await server.fetch(authorizeUrl(server, { client_id: clientId, redirect_uri: 'https://x.example/cb' })),
    );
    expect(url.searchParams.get('error')).toBe('unauthorized_client');
  });

  it('answers 422 when the client has no redirect URI matching', async () => {
    const server = createDevServer();
    const response = await server.fetch(
      authorizeUrl(server, {
        client_id: '5eed0c1e-0000-4000-8000-000000000009',
        redirect_uri: 'https://x.example/cb',
      }),
    );
    expect(response.status).toBe(422);
  });

  it('sends a valid request to the consent page with a consent_token', async () => {
    const server = createDevServer();
    const url = await location(await server.fetch(authorizeUrl(server, {}, pkce().challenge)));
    expect(`${url.origin}${url.pathname}`).toBe(`${server.issuer}/consent`);
    expect(url.searchParams.get('consent_token')).toMatch(/^[\w-]{43}$/);
    expect(server.counters.get('authorize')).toBe(1);
  });

  it('redirects straight back with a code when the user already granted the scopes', async () => {
    const server = createDevServer();
    await server.completeAuthorization(authorizeUrl(server, {}, pkce().challenge));
    const url = await location(
      await server.fetch(
        authorizeUrl(server, { scope: 'account_management.read', state: 's2' }, pkce().challenge),
      ),
    );
    expect(`${url.origin}${url.pathname}`).toBe(DEMO_REDIRECT);
    expect(url.searchParams.get('code')).toBeTruthy();
    expect(url.searchParams.get('state')).toBe('s2');
    expect(url.searchParams.get('iss')).toBe(server.issuer);
  });

  it('asks again when more scopes are requested than granted', async () => {
    const server = createDevServer();
    await server.completeAuthorization(authorizeUrl(server, { scope: 'numbers.read' }, pkce().challenge));
    const url = await location(
      await server.fetch(authorizeUrl(server, { scope: 'numbers.read numbers.write' }, pkce().challenge)),
    );
    expect(url.pathname).toBe('/consent');
  });

  it('skips consent with autoConsent and omits iss when RFC 9207 is off', async () => {
    const server = createDevServer({ autoConsent: true, issParameter: false });
    const url = await location(await server.fetch(authorizeUrl(server, {}, pkce().challenge)));
    expect(url.searchParams.get('code')).toBeTruthy();
    expect(url.searchParams.has('iss')).toBe(false);
  });

  it('uses the only registered redirect URI when none is sent', async () => {
    const server = createDevServer({ autoConsent: true });
    const url = await location(
      await server.fetch(
        authorizeUrl(
          server,
          { client_id: '5eed0c1e-0000-4000-8000-000000000002', redirect_uri: undefined, scope: 'ai.read' },
          pkce().challenge,
        ),
      ),
    );
    expect(url.toString()).toMatch(/^https:\/\/app-002\.example\.com\/callback\?code=/);
  });

  it('requires redirect_uri when the client registered several', async () => {
    const server = createDevServer();
    const response = await server.fetch(authorizeUrl(server, { redirect_uri: undefined }, pkce().challenge));
    expect(response.status).toBe(400);
  });
});
