/** `/v2/oauth_clients`: the signed-in user's OAuth applications (management API, bearer token). */
import { paginate, type PagePromise } from '../pagination.js';
import type { RequestOptions, Transport } from '../request.js';
import type {
  OAuthClient,
  OAuthClientCreateParams,
  OAuthClientListParams,
  OAuthClientResponse,
  OAuthClientUpdateParams,
} from '../types.js';
import { CLIENT_TYPES, GRANT_TYPES } from '../types.js';
import {
  optionalBoolean,
  optionalEnum,
  optionalEnumArray,
  optionalRedirectUriArray,
  optionalScopeArray,
  optionalString,
  optionalWebUri,
  requireEnum,
  requireEnumArray,
  requireId,
  requireObject,
  requireScopeArray,
  requireString,
} from '../validate.js';

export class OAuthClients {
  constructor(private readonly transport: Transport) {}

  /** `POST /v2/oauth_clients` → 201. `data.client_secret` is shown in full only in this answer. */
  async create(body: OAuthClientCreateParams, options?: RequestOptions): Promise<OAuthClientResponse> {
    const params = requireObject('body', body);
    requireString('name', params.name);
    requireScopeArray('allowed_scopes', params.allowed_scopes);
    requireEnum('client_type', params.client_type, CLIENT_TYPES);
    requireEnumArray('allowed_grant_types', params.allowed_grant_types, GRANT_TYPES);
    validateOptionalFields(params);
    const res = await this.transport.request({
      method: 'POST',
      path: '/v2/oauth_clients',
      body: params,
      auth: 'bearer',
      options,
    });
    return res.body as OAuthClientResponse;
  }

  /** `GET /v2/oauth_clients/{id}`. */
  async retrieve(id: string, options?: RequestOptions): Promise<OAuthClientResponse> {
    const res = await this.transport.request({
      method: 'GET',
      path: clientPath(id),
      auth: 'bearer',
      options,
    });
    return res.body as OAuthClientResponse;
  }

  /** `PUT /v2/oauth_clients/{id}` with the fields to change. */
  async update(
    id: string,
    body: OAuthClientUpdateParams = {},
    options?: RequestOptions,
  ): Promise<OAuthClientResponse> {
    const path = clientPath(id);
    const params = requireObject('body', body);
    optionalString('name', params.name);
    optionalScopeArray('allowed_scopes', params.allowed_scopes);
    optionalEnumArray('allowed_grant_types', params.allowed_grant_types, GRANT_TYPES);
    validateOptionalFields(params);
    const res = await this.transport.request({ method: 'PUT', path, body: params, auth: 'bearer', options });
    return res.body as OAuthClientResponse;
  }

  /** Every client, page by page: `for await (const client of api.oauthClients.list())`. */
  list(params?: OAuthClientListParams, options?: RequestOptions): PagePromise<OAuthClient> {
    return paginate<OAuthClient>(this.transport, '/v2/oauth_clients', params, options, validateFilters);
  }

  /** `DELETE /v2/oauth_clients/{id}` → 204. */
  async delete(id: string, options?: RequestOptions): Promise<void> {
    await this.transport.request({ method: 'DELETE', path: clientPath(id), auth: 'bearer', options });
  }
}

function clientPath(id: string): string {
  return `/v2/oauth_clients/${encodeURIComponent(requireId('id', id))}`;
}

function validateOptionalFields(params: Record<string, unknown>): void {
  optionalRedirectUriArray('redirect_uris', params.redirect_uris);
  optionalBoolean('require_pkce', params.require_pkce);
  optionalWebUri('logo_uri', params.logo_uri);
  optionalWebUri('policy_uri', params.policy_uri);
  optionalWebUri('tos_uri', params.tos_uri);
}

function validateFilters(query: Record<string, unknown>): void {
  optionalEnum('filter[client_type]', query['filter[client_type]'], CLIENT_TYPES);
  optionalBoolean('filter[verified]', query['filter[verified]']);
  optionalEnum(
    'filter[allowed_grant_types][contains]',
    query['filter[allowed_grant_types][contains]'],
    GRANT_TYPES,
  );
  optionalString('filter[name]', query['filter[name]']);
  optionalString('filter[name][contains]', query['filter[name][contains]']);
  optionalString('filter[client_id]', query['filter[client_id]']);
}
