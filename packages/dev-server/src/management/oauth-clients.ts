import { Hono } from 'hono';
import { requireUser, type CallerVariables } from './bearer-auth.js';
import { validateClientBody } from './client-validation.js';
import { nowMs, type ServerContext } from '../infra/context.js';
import { TELNYX_CODES, telnyxError, telnyxErrorItem } from './telnyx-errors.js';
import { json } from '../infra/http.js';
import { badParameter, paginate, parsePage, unknownFilter } from './pagination.js';
import { randomId, randomToken } from '../infra/crypto.js';
import { readBody } from '../infra/request-body.js';
import { SEED_USER } from '../infra/seed.js';
import { deleteClient, GRANT_TYPES, type ClientRecord, type GrantType } from '../infra/state.js';
import { clientView, newestFirst } from './views.js';

const CLIENT_FILTERS = [
  'filter[client_type]',
  'filter[verified]',
  'filter[allowed_grant_types][contains]',
  'filter[name]',
  'filter[name][contains]',
  'filter[client_id]',
] as const;

function clientNotFound(id: string): Response {
  return telnyxError(404, [
    telnyxErrorItem(TELNYX_CODES.notFound, 'Resource not found', `No OAuth client '${id}'.`),
  ]);
}

function badBody(problem: 'content_type' | 'malformed' | 'duplicate', detail: string): Response {
  if (problem === 'content_type') {
    return telnyxError(415, [
      telnyxErrorItem(TELNYX_CODES.unsupportedMediaType, 'Unsupported media type', detail),
    ]);
  }
  return telnyxError(400, [telnyxErrorItem(TELNYX_CODES.invalidParameter, 'Invalid request body', detail)]);
}

type Filter = (client: ClientRecord) => boolean;

function parseFilters(query: URLSearchParams): Filter[] | Response {
  const unknown = unknownFilter(query, CLIENT_FILTERS);
  if (unknown) return unknown;
  const filters: Filter[] = [];
  const clientType = query.get('filter[client_type]');
  if (clientType !== null) {
    if (clientType !== 'public' && clientType !== 'confidential') {
      return badParameter('filter[client_type]', "filter[client_type] must be 'public' or 'confidential'.");
    }
    filters.push((client) => client.client_type === clientType);
  }
  const verified = query.get('filter[verified]');
  if (verified !== null) {
    if (verified !== 'true' && verified !== 'false') {
      return badParameter('filter[verified]', "filter[verified] must be 'true' or 'false'.");
    }
    filters.push((client) => client.verified === (verified === 'true'));
  }
  const grantType = query.get('filter[allowed_grant_types][contains]');
  if (grantType !== null) {
    if (!GRANT_TYPES.includes(grantType as GrantType)) {
      return badParameter(
        'filter[allowed_grant_types][contains]',
        `filter[allowed_grant_types][contains] must be one of ${GRANT_TYPES.join(', ')}.`,
      );
    }
    filters.push((client) => client.allowed_grant_types.includes(grantType as GrantType));
  }
  const name = query.get('filter[name]');
  if (name !== null) filters.push((client) => client.name === name);
  const nameContains = query.get('filter[name][contains]');
  if (nameContains !== null) {
    const needle = nameContains.toLowerCase();
    filters.push((client) => client.name.toLowerCase().includes(needle));
  }
  const clientId = query.get('filter[client_id]');
  if (clientId !== null) filters.push((client) => client.client_id === clientId);
  return filters;
}

/** /v2/oauth_clients: the user's own OAuth clients. */
export function oauthClientRoutes(ctx: ServerContext): Hono<{ Variables: CallerVariables }> {
  const app = new Hono<{ Variables: CallerVariables }>();
  app.use('/v2/oauth_clients', requireUser(ctx));
  app.use('/v2/oauth_clients/*', requireUser(ctx));

  const owned = (id: string, userId: string): ClientRecord | undefined => {
    const client = ctx.state.clients.get(id);
    return client && client.user_id === userId ? client : undefined;
  };

  app.get('/v2/oauth_clients', (c) => {
    const query = new URL(c.req.url).searchParams;
    const page = parsePage(query);
    if (page instanceof Response) return page;
    const filters = parseFilters(query);
    if (filters instanceof Response) return filters;
    const userId = c.get('caller').userId;
    const clients = [...ctx.state.clients.values()].filter(
      (client) => client.user_id === userId && filters.every((filter) => filter(client)),
    );
    const { data, meta } = paginate(
      newestFirst(clients, (client) => client.client_id),
      page,
    );
    return json({ data: data.map((client) => clientView(client)), meta });
  });

  app.post('/v2/oauth_clients', async (c) => {
    const body = await readBody(c, ['json']);
    if (!body.ok) return badBody(body.problem, body.detail);
    const result = validateClientBody(body.params, 'create');
    if (!result.ok) return telnyxError(422, result.errors);
    const fields = result.fields;
    const type = fields.client_type ?? 'public';
    const now = new Date(nowMs(ctx)).toISOString();
    const client: ClientRecord = {
      client_id: randomId(),
      name: fields.name ?? '',
      org_id: SEED_USER.orgId,
      user_id: c.get('caller').userId,
      client_type: type,
      client_secret: type === 'confidential' ? randomToken() : null,
      require_pkce: fields.require_pkce ?? false,
      verified: false,
      allowed_grant_types: fields.allowed_grant_types ?? [],
      allowed_scopes: fields.allowed_scopes ?? [],
      redirect_uris: fields.redirect_uris ?? [],
      logo_uri: fields.logo_uri ?? null,
      tos_uri: fields.tos_uri ?? null,
      policy_uri: fields.policy_uri ?? null,
      created_at: now,
      updated_at: now,
      token_endpoint_auth_method: type === 'confidential' ? 'client_secret_basic' : 'none',
    };
    ctx.state.clients.set(client.client_id, client);
    return json({ data: clientView(client, { withSecret: true }) }, 201);
  });

  app.get('/v2/oauth_clients/:id', (c) => {
    const client = owned(c.req.param('id'), c.get('caller').userId);
    return client ? json({ data: clientView(client) }) : clientNotFound(c.req.param('id'));
  });

  app.put('/v2/oauth_clients/:id', async (c) => {
    const client = owned(c.req.param('id'), c.get('caller').userId);
    if (!client) return clientNotFound(c.req.param('id'));
    const body = await readBody(c, ['json']);
    if (!body.ok) return badBody(body.problem, body.detail);
    const result = validateClientBody(body.params, 'update', client);
    if (!result.ok) return telnyxError(422, result.errors);
    Object.assign(client, result.fields, { updated_at: new Date(nowMs(ctx)).toISOString() });
    return json({ data: clientView(client) });
  });

  app.delete('/v2/oauth_clients/:id', (c) => {
    const client = owned(c.req.param('id'), c.get('caller').userId);
    if (!client) return clientNotFound(c.req.param('id'));
    deleteClient(ctx.state, client.client_id);
    return new Response(null, { status: 204 });
  });
  return app;
}
