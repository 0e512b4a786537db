import { describe, expect, it } from 'vitest';
import { createDevServer } from '../server.js';
import { bearer, form } from '../test-utils/flow.js';

function preflight(origin: string, path = '/v2/oauth/token', method = 'POST') {
  return new Request(`http://127.0.0.1:4010${path}`, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': method,
      'Access-Control-Request-Headers': 'content-type',
    },
  });
}

describe('CORS', () => {
  it('answers a preflight from an origin of a registered redirect URI', async () => {
    const server = createDevServer();
    const response = await server.fetch(preflight('http://localhost:5173'));
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    expect(response.headers.get('vary')).toContain('Origin');
  });

  it('does not count a preflight or let it consume a fault', async () => {
    const server = createDevServer();
    server.faults.inject({ endpoint: 'token', status: 503 });
    await server.fetch(preflight('http://localhost:5173'));
    expect(server.counters.get('token')).toBe(0);
    const response = await server.fetch('/v2/oauth/token', {
      ...form({ grant_type: 'x' }),
      headers: { ...form({}).headers, Origin: 'http://localhost:5173' },
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });

  it('refuses a preflight from an unregistered origin', async () => {
    const server = createDevServer();
    const response = await server.fetch(preflight('https://evil.example'));
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('exposes the headers a client needs on actual responses', async () => {
    const server = createDevServer();
    const response = await server.fetch('/v2/oauth_clients', {
      headers: { Origin: 'http://127.0.0.1:4173' },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4173');
    const exposed = response.headers.get('access-control-expose-headers') ?? '';
    for (const name of [
      'WWW-Authenticate',
      'Retry-After',
      'RateLimit-Limit',
      'RateLimit-Remaining',
      'RateLimit-Reset',
    ]) {
      expect(exposed).toContain(name);
    }
  });

  it('adds no allow-origin for unregistered origins on actual responses', async () => {
    const response = await createDevServer().fetch('/.well-known/oauth-authorization-server', {
      headers: { Origin: 'https://evil.example' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('follows registered redirect URIs: extraRedirectUris and newly created clients', async () => {
    const server = createDevServer({ extraRedirectUris: ['http://localhost:7777/cb'] });
    expect((await server.fetch(preflight('http://localhost:7777'))).status).toBe(204);
    expect((await server.fetch(preflight('https://new.example'))).status).toBe(403);
    await server.fetch('/v2/oauth_clients', {
      method: 'POST',
      headers: { ...bearer(server.seed.user.apiKey), 'Content-Type': 'application/json' },
      body: JSON.stringify({
        name: 'n',
        client_type: 'public',
        allowed_grant_types: ['authorization_code'],
        allowed_scopes: ['numbers.read'],
        redirect_uris: ['https://new.example/cb'],
      }),
    });
    expect((await server.fetch(preflight('https://new.example'))).status).toBe(204);
  });

  it('answers the admin API for any loopback origin only', async () => {
    const server = createDevServer();
    expect((await server.fetch(preflight('http://localhost:9999', '/__admin/faults'))).status).toBe(204);
    expect((await server.fetch(preflight('http://[::1]:3000', '/__admin/reset'))).status).toBe(204);
    expect((await server.fetch(preflight('http://127.0.0.2:4173', '/__admin/reset'))).status).toBe(204);
    expect((await server.fetch(preflight('https://evil.example', '/__admin/faults'))).status).toBe(403);
  });
});
