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

/**
 * `/v2/oauth_clients`: the OAuth applications the calling user owns: `api.oauthClients` of a
 * {@link TelnyxOAuthAPI}. Needs a bearer token: an API key, or an access token with the account management
 * scopes (`account_management.read` to read, `.write` to change). Errors come in Telnyx's
 * `{"errors": [...]}` envelope, read into {@link APIError.errors}.
 */
export class OAuthClients {
  constructor(private readonly transport: Transport) {}

  /**
   * `POST /v2/oauth_clients` → 201 `{ data: OAuthClient }`. For a confidential client, `data.client_secret`
   * is shown in full only in this answer: store it now, it reads `null` afterwards.
   *
   * @throws {@link ValidationError} before sending when `name` is empty, `allowed_scopes` or
   *   `allowed_grant_types` is missing or empty, `client_type` is not `public`/`confidential`, a redirect URI
   *   is not absolute or has a fragment, or a logo/policy/terms URL is not http(s).
   * @throws {@link UnprocessableEntityError} when the server refuses a value, e.g. a scope outside the ones
   *   the account may grant (the field in {@link APIErrorDetail.source}).
   */
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

  /**
   * `GET /v2/oauth_clients/{id}` → `{ data: OAuthClient }` (with `client_secret: null`).
   *
   * @param id - The client's `client_id`.
   * @throws {@link ValidationError} for an empty id; {@link NotFoundError} when the user owns no such client.
   */
  async retrieve(id: string, options?: RequestOptions): Promise<OAuthClientResponse> {
    const res = await this.transport.request({
      method: 'GET',
      path: clientPath(id),
      auth: 'bearer',
      options,
    });
    return res.body as OAuthClientResponse;
  }

  /**
   * `PUT /v2/oauth_clients/{id}` with the fields to change → `{ data: OAuthClient }`, the updated client.
   * `client_type` is not among the fields it takes.
   *
   * @param id - The client's `client_id`.
   * @throws {@link ValidationError} for an empty id or a malformed field (the rules of
   *   {@link OAuthClients.create}); {@link NotFoundError} when the user owns no such client;
   *   {@link UnprocessableEntityError} for a value the server refuses.
   */
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

  /**
   * `GET /v2/oauth_clients`, paginated and filtered: `await` it for the first page, or iterate every client
   * of every page with `for await (const client of api.oauthClients.list())`.
   *
   * @param params - Page (`page[number]` from 1, `page[size]` 1..100, default 20) and filters.
   * @returns A {@link PagePromise}: it rejects (or the loop throws) with a {@link ValidationError} for bad
   *   page parameters or a filter value outside its enum, or the request's {@link APIError}.
   */
  list(params?: OAuthClientListParams, options?: RequestOptions): PagePromise<OAuthClient> {
    return paginate<OAuthClient>(this.transport, '/v2/oauth_clients', params, options, validateFilters);
  }

  /**
   * `DELETE /v2/oauth_clients/{id}` → 204: deletes the client (its users can no longer sign in to it).
   * Resolves to nothing.
   *
   * @param id - The client's `client_id`.
   * @throws {@link ValidationError} for an empty id; {@link NotFoundError} when the user owns no such client.
   */
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
