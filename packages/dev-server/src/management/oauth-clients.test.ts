import { describe, expect, it } from 'vitest';
import { EXTRA_CLIENT_COUNT, SEED_USER } from '../infra/seed.js';
import { createDevServer, type DevServer } from '../server.js';
import { bearer, signIn } from '../test-utils/flow.js';

const API_KEY = bearer(SEED_USER.apiKey);
const TOTAL = EXTRA_CLIENT_COUNT + 2;

interface Client {
  client_id: string;
  name: string;
  client_type: string;
  allowed_grant_types: string[];
  client_secret: string | null;
  [key: string]: unknown;
}
interface ListBody {
  data: Client[];
  meta: { page_number: number; page_size: number; total_pages: number; total_results: number };
}
interface ErrorsBody {
  errors: Array<{
    code: string;
    title: string;
    detail: string;
    source?: { pointer?: string; parameter?: string };
  }>;
}

async function list(server: DevServer, query = '', headers = API_KEY): Promise<ListBody> {
  const response = await server.fetch(`/v2/oauth_clients${query}`, { headers });
  expect(response.status).toBe(200);
  return (await response.json()) as ListBody;
}

async function all(server: DevServer): Promise<Client[]> {
  const pages = await Promise.all([1, 2, 3].map((n) => list(server, `?page[size]=100&page[number]=${n}`)));
  return pages.flatMap((page) => page.data);
}

function send(server: DevServer, method: string, path: string, body: unknown, headers = API_KEY) {
  return server.fetch(path, {
    method,
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const VALID_CLIENT = {
  name: 'Created',
  client_type: 'confidential',
  allowed_grant_types: ['authorization_code', 'refresh_token'],
  allowed_scopes: ['numbers.read'],
  redirect_uris: ['https://created.example/cb'],
};

describe('GET /v2/oauth_clients pagination', () => {
  it('defaults to page 1 of size 20 with Telnyx meta', async () => {
    const body = await list(createDevServer());
    expect(body.data).toHaveLength(20);
    expect(body.meta).toEqual({
      page_number: 1,
      page_size: 20,
      total_pages: Math.ceil(TOTAL / 20),
      total_results: TOTAL,
    });
    expect(body.data[0]).toMatchObject({
      record_type: 'oauth_client',
      client_secret: null,
      org_id: 'org_dev',
      user_id: 'usr_dev',
    });
  });

  it('walks every client exactly once with size 100, the last page partial', async () => {
    const server = createDevServer();
    const last = await list(server, '?page[size]=100&page[number]=3');
    expect(last.data).toHaveLength(TOTAL - 200);
    expect(last.meta.total_pages).toBe(3);
    const ids = (await all(server)).map((client) => client.client_id);
    expect(new Set(ids).size).toBe(TOTAL);
  });

  it('serves size 1 pages', async () => {
    const body = await list(createDevServer(), '?page[size]=1&page[number]=2');
    expect(body.data).toHaveLength(1);
    expect(body.meta).toMatchObject({ page_number: 2, page_size: 1, total_pages: TOTAL });
  });

  it('answers an empty page past the end', async () => {
    const body = await list(createDevServer(), '?page[size]=100&page[number]=4');
    expect(body.data).toEqual([]);
    expect(body.meta).toMatchObject({ page_number: 4, total_pages: 3, total_results: TOTAL });
  });

  it.each([
    'page[size]=0',
    'page[size]=101',
    'page[size]=abc',
    'page[number]=0',
    'page[number]=-1',
    'page[number]=1.5',
  ])('answers 400 in the errors envelope for %s', async (query) => {
    const response = await createDevServer().fetch(`/v2/oauth_clients?${query}`, { headers: API_KEY });
    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorsBody;
    expect(body.errors[0]?.source?.parameter).toBe(query.split('=')[0]);
  });
});

describe('GET /v2/oauth_clients filters', () => {
  it.each([
    ['filter[client_type]=public', (c: Client) => c.client_type === 'public'],
    ['filter[client_type]=confidential', (c: Client) => c.client_type === 'confidential'],
    [
      'filter[allowed_grant_types][contains]=client_credentials',
      (c: Client) => c.allowed_grant_types.includes('client_credentials'),
    ],
    [
      'filter[allowed_grant_types][contains]=refresh_token',
      (c: Client) => c.allowed_grant_types.includes('refresh_token'),
    ],
    ['filter[name]=Acme%20CRM%20Sync%20010', (c: Client) => c.name === 'Acme CRM Sync 010'],
    ['filter[name][contains]=globex', (c: Client) => c.name.toLowerCase().includes('globex')],
    ['filter[client_id]=telnyx-oauth-demo', (c: Client) => c.client_id === 'telnyx-oauth-demo'],
  ])('%s returns exactly the matching clients', async (query, predicate) => {
    const server = createDevServer();
    const expected = (await all(server)).filter(predicate).map((client) => client.client_id);
    expect(expected.length).toBeGreaterThan(0);
    const body = await list(server, `?${query}&page[size]=100`);
    expect(body.meta.total_results).toBe(expected.length);
    expect(body.data.map((client) => client.client_id)).toEqual(expected.slice(0, 100));
  });

  it('filter[verified] splits the clients in two', async () => {
    const server = createDevServer();
    const verified = await list(server, '?filter[verified]=true');
    const unverified = await list(server, '?filter[verified]=false');
    expect(verified.meta.total_results).toBeGreaterThan(0);
    expect(verified.meta.total_results + unverified.meta.total_results).toBe(TOTAL);
    expect(
      (await list(server, '?filter[verified]=true&filter[client_id]=telnyx-oauth-demo')).data,
    ).toHaveLength(1);
  });

  it('combines filters', async () => {
    const server = createDevServer();
    const body = await list(server, '?filter[client_type]=public&filter[name][contains]=acme&page[size]=100');
    expect(body.data.every((client) => client.client_type === 'public' && client.name.includes('Acme'))).toBe(
      true,
    );
  });

  it.each([
    'filter[client_type]=other',
    'filter[verified]=yes',
    'filter[allowed_grant_types][contains]=password',
    'filter[colour]=red',
  ])('answers 400 for %s', async (query) => {
    const response = await createDevServer().fetch(`/v2/oauth_clients?${query}`, { headers: API_KEY });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorsBody).errors[0]?.source?.parameter).toBe(query.split('=')[0]);
  });
});

describe('oauth_clients create, retrieve, update, delete', () => {
  it('creates a confidential client, showing the secret only in the create response', async () => {
    const server = createDevServer();
    const response = await send(server, 'POST', '/v2/oauth_clients', VALID_CLIENT);
    expect(response.status).toBe(201);
    const created = ((await response.json()) as { data: Client }).data;
    expect(created).toMatchObject({
      ...VALID_CLIENT,
      record_type: 'oauth_client',
      require_pkce: false,
      client_secret: expect.any(String),
    });
    const fetched = await server.fetch(`/v2/oauth_clients/${created.client_id}`, { headers: API_KEY });
    expect(((await fetched.json()) as { data: Client }).data).toMatchObject({
      client_id: created.client_id,
      client_secret: null,
    });
    expect((await list(server)).meta.total_results).toBe(TOTAL + 1);
  });

  it('answers 422 with one error per problem and JSON pointers', async () => {
    const response = await send(createDevServer(), 'POST', '/v2/oauth_clients', {
      name: '',
      client_type: 'weird',
      allowed_scopes: ['admin', 'numbers.read'],
      redirect_uris: ['http://evil.example/cb'],
    });
    expect(response.status).toBe(422);
    const pointers = ((await response.json()) as ErrorsBody).errors.map((error) => error.source?.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining([
        '/name',
        '/client_type',
        '/allowed_grant_types',
        '/allowed_scopes',
        '/redirect_uris',
      ]),
    );
  });

  it('refuses client_credentials for public clients and authorization_code without redirect URIs', async () => {
    const server = createDevServer();
    const publicCc = await send(server, 'POST', '/v2/oauth_clients', {
      ...VALID_CLIENT,
      client_type: 'public',
      allowed_grant_types: ['client_credentials'],
    });
    expect(publicCc.status).toBe(422);
    const noRedirect = await send(server, 'POST', '/v2/oauth_clients', {
      ...VALID_CLIENT,
      redirect_uris: [],
    });
    expect(((await noRedirect.json()) as ErrorsBody).errors[0]?.source?.pointer).toBe('/redirect_uris');
  });

  it('answers 400 for malformed JSON and 415 for form bodies', async () => {
    const server = createDevServer();
    const malformed = await server.fetch('/v2/oauth_clients', {
      method: 'POST',
      headers: { ...API_KEY, 'Content-Type': 'application/json' },
      body: '{',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toHaveProperty('errors');
    const formBody = await server.fetch('/v2/oauth_clients', {
      method: 'POST',
      headers: { ...API_KEY, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'name=x',
    });
    expect(formBody.status).toBe(415);
  });

  it('updates fields with PUT and refuses to change client_type', async () => {
    const server = createDevServer();
    const response = await send(server, 'PUT', '/v2/oauth_clients/telnyx-oauth-demo', {
      name: 'Renamed',
      logo_uri: null,
    });
    expect(response.status).toBe(200);
    const updated = ((await response.json()) as { data: Client }).data;
    expect(updated).toMatchObject({ name: 'Renamed', logo_uri: null });
    expect(updated['updated_at']).not.toBe(updated['created_at']);
    const typeChange = await send(server, 'PUT', '/v2/oauth_clients/telnyx-oauth-demo', {
      client_type: 'confidential',
    });
    expect(typeChange.status).toBe(422);
  });

  it('deletes with 204; afterwards 404 and its tokens stop working', async () => {
    const server = createDevServer();
    const tokens = await signIn(server);
    const response = await server.fetch('/v2/oauth_clients/telnyx-oauth-demo', {
      method: 'DELETE',
      headers: API_KEY,
    });
    expect(response.status).toBe(204);
    const gone = await server.fetch('/v2/oauth_clients/telnyx-oauth-demo', { headers: API_KEY });
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as ErrorsBody).errors[0]).toMatchObject({
      code: expect.any(String),
      title: 'Resource not found',
    });
    expect((await server.fetch('/v2/oauth_grants', { headers: bearer(tokens.access_token) })).status).toBe(
      401,
    );
  });

  it('answers 404 for unknown ids on retrieve, update and delete', async () => {
    const server = createDevServer();
    expect((await server.fetch('/v2/oauth_clients/nope', { headers: API_KEY })).status).toBe(404);
    expect((await send(server, 'PUT', '/v2/oauth_clients/nope', { name: 'x' })).status).toBe(404);
    expect(
      (await server.fetch('/v2/oauth_clients/nope', { method: 'DELETE', headers: API_KEY })).status,
    ).toBe(404);
  });

  it('keeps the old path /v2/oauth/clients a 404, as on Telnyx', async () => {
    expect((await createDevServer().fetch('/v2/oauth/clients', { headers: API_KEY })).status).toBe(404);
  });
});

describe('management API authentication', () => {
  it('answers 401 with a bare Bearer challenge without credentials', async () => {
    const response = await createDevServer().fetch('/v2/oauth_clients');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="Telnyx API"');
    expect(((await response.json()) as ErrorsBody).errors[0]).toMatchObject({
      code: '10009',
      title: 'Authentication failed',
    });
  });

  it('answers 401 invalid_token for unknown, malformed and expired tokens', async () => {
    let clock = Date.UTC(2026, 0, 1);
    const server = createDevServer({ now: () => clock });
    const tokens = await signIn(server);
    clock += 1800_000;
    for (const header of [bearer('nope'), { Authorization: 'Basic abc' }, bearer(tokens.access_token)]) {
      const response = await server.fetch('/v2/oauth_clients', { headers: header });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(
        /^Bearer realm="Telnyx API", error="invalid_token"/,
      );
    }
  });

  it('answers a token with account_management.read 401 insufficient_scope for a write (as Telnyx documents)', async () => {
    const server = createDevServer();
    const tokens = await signIn(server, 'account_management.read');
    await list(server, '', bearer(tokens.access_token));
    const response = await send(
      server,
      'POST',
      '/v2/oauth_clients',
      VALID_CLIENT,
      bearer(tokens.access_token),
    );
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      'Bearer realm="Telnyx API", error="insufficient_scope", scope="account_management.write"',
    );
    expect(((await response.json()) as ErrorsBody).errors[0]).toMatchObject({
      code: '10010',
      title: 'Insufficient scope',
      detail: expect.stringContaining('account_management.write'),
    });
  });

  it('answers reads with a token without account_management scopes 401 insufficient_scope naming the read scope', async () => {
    const server = createDevServer();
    const tokens = await signIn(server, 'numbers.read');
    for (const path of [
      '/v2/oauth_clients',
      '/v2/oauth_grants',
      `/v2/oauth_clients/${server.seed.publicClient.client_id}`,
    ]) {
      const response = await server.fetch(path, { headers: bearer(tokens.access_token) });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe(
        'Bearer realm="Telnyx API", error="insufficient_scope", scope="account_management.read"',
      );
      expect(((await response.json()) as ErrorsBody).errors[0]?.code).toBe('10010');
    }
    const revoke = await server.fetch(`/v2/oauth_grants/${'5eed06a7-0000-4000-8000-000000000001'}`, {
      method: 'DELETE',
      headers: bearer(tokens.access_token),
    });
    expect(revoke.status).toBe(401);
    expect(revoke.headers.get('www-authenticate')).toContain('scope="account_management.write"');
  });

  it('lets a token with account_management.write read and write', async () => {
    const server = createDevServer();
    const tokens = await signIn(server, 'account_management.write');
    await list(server, '', bearer(tokens.access_token));
    expect(
      (await send(server, 'POST', '/v2/oauth_clients', VALID_CLIENT, bearer(tokens.access_token))).status,
    ).toBe(201);
  });
});
