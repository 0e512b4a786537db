/**
 * The telnyx.com metadata document's behaviour: token endpoint at https://api.telnyx.com/oauth/token
 * (no /v2), client secret required besides PKCE, a Basic-auth revocation endpoint, and a document served
 * from another host than its issuer (so no discovery at all). A scripted upstream at those URLs forwards to
 * the dev server's /v2 endpoints and enforces what the document says.
 */
import { describe, expect, it } from 'vitest';
import type { AuthorizationServerMetadata, TokenHandlerOptions } from './options.js';
import {
  authorize,
  cookieHeader,
  createHandler,
  createUpstream,
  exchangeBody,
  json,
  request,
  signIn,
  type Upstream,
} from './test-utils/harness.js';

const TELNYX_COM: AuthorizationServerMetadata = {
  issuer: 'https://api.telnyx.com',
  authorization_endpoint: 'https://portal.telnyx.com/oauth/authorize',
  token_endpoint: 'https://api.telnyx.com/oauth/token',
  revocation_endpoint: 'https://api.telnyx.com/oauth/revoke',
  token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
  jwks_uri: 'https://api.telnyx.com/.well-known/jwks.json',
};

interface Seen {
  url: string;
  authorization: string | null;
  body: URLSearchParams;
}

/** api.telnyx.com as the telnyx.com document describes it, backed by the dev server. */
function telnyxCom(upstream: Upstream): { fetch: TokenHandlerOptions['fetch']; seen: Seen[] } {
  const seen: Seen[] = [];
  const fetch = async (input: string, init: RequestInit): Promise<Response> => {
    const headers = new Headers(init.headers);
    const body = new URLSearchParams(String(init.body ?? ''));
    seen.push({ url: input, authorization: headers.get('authorization'), body });
    const forward = (path: string): Promise<Response> => upstream.server.fetch(path, init);
    if (input === 'https://api.telnyx.com/oauth/token') return forward('/v2/oauth/token');
    if (input === 'https://api.telnyx.com/oauth/revoke') {
      if (!headers.get('authorization')?.startsWith('Basic ')) {
        return Response.json({ error: 'invalid_client' }, { status: 401 });
      }
      return forward('/v2/oauth/revoke');
    }
    return new Response('not found', { status: 404 });
  };
  return { fetch, seen };
}

/** The id and secret of a Basic header, form-urlencoded before base64 (RFC 6749 §2.3.1). */
function basicCredentials(header: string | null | undefined): [string, string] | null {
  const match = /^Basic (\S+)$/.exec(header ?? '');
  if (!match?.[1]) return null;
  const [id = '', secret = ''] = atob(match[1]).split(':');
  const decode = (part: string): string => decodeURIComponent(part.replaceAll('+', ' '));
  return [decode(id), decode(secret)];
}

describe('against the telnyx.com document (endpoint overrides, no discovery)', () => {
  it('exchanges at /oauth/token with Basic auth and PKCE, refreshes, and revokes with Basic auth', async () => {
    const upstream = await createUpstream();
    const { fetch, seen } = telnyxCom(upstream);
    const handler = createHandler(upstream, {
      issuer: 'https://api.telnyx.com',
      tokenEndpoint: 'https://api.telnyx.com/oauth/token',
      revocationEndpoint: 'https://api.telnyx.com/oauth/revoke',
      fetch,
      reuseWindow: 0,
    });
    const { cookie } = await signIn(handler, upstream);
    const refreshed = await handler(request('refresh', { cookie }));
    expect(refreshed.status).toBe(200);
    const next = cookieHeader(refreshed);
    const logout = await handler(request('logout', { cookie: next }));
    expect(await json(logout)).toEqual({ revoked: true });

    expect(seen.map((each) => each.url)).toEqual([
      'https://api.telnyx.com/oauth/token',
      'https://api.telnyx.com/oauth/token',
      'https://api.telnyx.com/oauth/revoke',
    ]);
    for (const each of seen) {
      expect(basicCredentials(each.authorization)).toEqual([upstream.clientId, upstream.clientSecret]);
      expect(each.body.has('client_secret')).toBe(false);
    }
    expect(seen[0]?.body.get('grant_type')).toBe('authorization_code');
    expect(seen[0]?.body.get('code_verifier')).toMatch(/^[\w.~-]{43,128}$/);
    expect(seen[1]?.body.get('grant_type')).toBe('refresh_token');
    expect(seen[2]?.body.get('token_type_hint')).toBe('refresh_token');
    expect(upstream.server.counters.get('authorization_server_metadata')).toBe(0);
    expect(upstream.server.counters.get('revoke')).toBe(1);
  });

  it('takes the whole document as metadata, with client_secret_post at the token endpoint', async () => {
    const upstream = await createUpstream();
    const { fetch, seen } = telnyxCom(upstream);
    const handler = createHandler(upstream, {
      issuer: 'https://api.telnyx.com',
      metadata: TELNYX_COM,
      tokenEndpointAuthMethod: 'client_secret_post',
      revocationEndpointAuthMethod: 'client_secret_basic',
      fetch,
    });
    const { cookie } = await signIn(handler, upstream);
    expect(await json(await handler(request('logout', { cookie })))).toEqual({ revoked: true });
    expect(seen[0]?.authorization).toBeNull();
    expect(seen[0]?.body.get('client_secret')).toBe(upstream.clientSecret);
    expect(seen[1]?.url).toBe('https://api.telnyx.com/oauth/revoke');
    expect(basicCredentials(seen[1]?.authorization)).toEqual([upstream.clientId, upstream.clientSecret]);
  });

  it('reports a refused secret as client_authentication_failed, and revocation failures as revoked: false', async () => {
    const upstream = await createUpstream();
    const { fetch } = telnyxCom(upstream);
    const good = createHandler(upstream, { issuer: 'https://api.telnyx.com', metadata: TELNYX_COM, fetch });
    const { cookie } = await signIn(good, upstream);
    const wrong = createHandler(upstream, {
      issuer: 'https://api.telnyx.com',
      metadata: TELNYX_COM,
      clientSecret: 'not-the-secret',
      fetch,
    });
    const exchange = await wrong(request('token', exchangeBody(await authorize(upstream))));
    expect(await json(exchange)).toMatchObject({ error: 'client_authentication_failed' });
    const logout = await wrong(request('logout', { cookie }));
    expect(await json(logout.clone())).toEqual({ revoked: false });
    expect(logout.headers.getSetCookie()[0]).toContain('Max-Age=0');
  });

  it('never revokes with revocationEndpoint: false, even when the document lists one', async () => {
    const upstream = await createUpstream();
    const { fetch, seen } = telnyxCom(upstream);
    const handler = createHandler(upstream, {
      issuer: 'https://api.telnyx.com',
      metadata: TELNYX_COM,
      revocationEndpoint: false,
      fetch,
    });
    const { cookie } = await signIn(handler, upstream);
    expect(await json(await handler(request('logout', { cookie })))).toEqual({ revoked: false });
    expect(seen.map((each) => each.url)).toEqual(['https://api.telnyx.com/oauth/token']);
  });
});
