import { describe, expect, it } from 'vitest';
import { SEED_USER, SEEDED_GRANT_COUNT, seededGrantId } from '../infra/seed.js';
import { createDevServer } from '../server.js';
import { bearer, form, signIn } from '../test-utils/flow.js';

const API_KEY = bearer(SEED_USER.apiKey);

interface Grant {
  id: string;
  client_id: string;
  scopes: string[];
  record_type: string;
  created_at: string;
  last_used_at: string | null;
}

describe('/v2/oauth_grants', () => {
  it('lists the seeded grants newest first with meta', async () => {
    const server = createDevServer();
    const response = await server.fetch('/v2/oauth_grants?page[size]=100', { headers: API_KEY });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: Grant[]; meta: Record<string, number> };
    expect(body.meta).toEqual({
      page_number: 1,
      page_size: 100,
      total_pages: 1,
      total_results: SEEDED_GRANT_COUNT,
    });
    expect(Object.keys(body.data[0] ?? {}).sort()).toEqual([
      'client_id',
      'created_at',
      'id',
      'last_used_at',
      'record_type',
      'scopes',
    ]);
    const dates = body.data.map((grant) => grant.created_at);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('paginates with size 7: the last page is partial', async () => {
    const server = createDevServer();
    const last = (await (
      await server.fetch('/v2/oauth_grants?page[size]=7&page[number]=5', { headers: API_KEY })
    ).json()) as {
      data: Grant[];
      meta: Record<string, number>;
    };
    expect(last.data).toHaveLength(SEEDED_GRANT_COUNT - 28);
    expect(last.meta['total_pages']).toBe(5);
  });

  it('refuses filters (none are documented) and bad pages', async () => {
    const server = createDevServer();
    expect((await server.fetch('/v2/oauth_grants?filter[client_id]=x', { headers: API_KEY })).status).toBe(
      400,
    );
    expect((await server.fetch('/v2/oauth_grants?page[size]=500', { headers: API_KEY })).status).toBe(400);
  });

  it('retrieves one grant and answers 404 for unknown ids', async () => {
    const server = createDevServer();
    const response = await server.fetch(`/v2/oauth_grants/${seededGrantId(1)}`, { headers: API_KEY });
    expect(((await response.json()) as { data: Grant }).data).toMatchObject({
      id: seededGrantId(1),
      record_type: 'oauth_grant',
    });
    const missing = await server.fetch('/v2/oauth_grants/nope', { headers: API_KEY });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toHaveProperty('errors');
  });

  it('shows the grant created by sign-in, with last_used_at set by the token exchange', async () => {
    const server = createDevServer();
    await signIn(server);
    const body = (await (
      await server.fetch('/v2/oauth_grants?page[size]=100', { headers: API_KEY })
    ).json()) as { data: Grant[] };
    const grant = body.data.find((entry) => entry.client_id === 'telnyx-oauth-demo');
    expect(grant?.last_used_at).toEqual(expect.any(String));
  });

  it('revokes a grant with DELETE, returning it, and its tokens stop working', async () => {
    const server = createDevServer();
    const tokens = await signIn(server);
    const list = (await (
      await server.fetch('/v2/oauth_grants?page[size]=100', { headers: API_KEY })
    ).json()) as { data: Grant[] };
    const grant = list.data.find((entry) => entry.client_id === 'telnyx-oauth-demo');
    const response = await server.fetch(`/v2/oauth_grants/${grant?.id}`, {
      method: 'DELETE',
      headers: API_KEY,
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: Grant }).data.id).toBe(grant?.id);
    expect((await server.fetch(`/v2/oauth_grants/${grant?.id}`, { headers: API_KEY })).status).toBe(404);
    expect((await server.fetch('/v2/oauth_grants', { headers: bearer(tokens.access_token) })).status).toBe(
      401,
    );
    const refresh = await server.fetch(
      '/v2/oauth/token',
      form({
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token ?? '',
        client_id: 'telnyx-oauth-demo',
      }),
    );
    expect(refresh.status).toBe(400);
    expect(server.counters.get('oauth_grants')).toBe(4);
  });

  it('requires authentication', async () => {
    expect((await createDevServer().fetch('/v2/oauth_grants')).status).toBe(401);
  });
});
