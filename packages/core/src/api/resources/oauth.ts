/** The OAuth protocol endpoints under /v2/oauth (RFC 6749, 7591, 7636, 7662). */
import { ValidationError } from '../errors.js';
import type { ClientAuthOptions, IntrospectOptions, RequestOptions, Transport } from '../request.js';
import type {
  AuthorizeParams,
  AuthorizeRedirect,
  ConsentResponse,
  GrantDecisionParams,
  GrantDecisionResponse,
  IntrospectParams,
  IntrospectResponse,
  JWKSResponse,
  RegisterParams,
  RegisterResponse,
  TokenParams,
  TokenResponse,
} from '../types.js';
import { GRANT_TYPES, TOKEN_ENDPOINT_AUTH_METHODS } from '../types.js';
import {
  optionalEnum,
  optionalEnumArray,
  optionalRedirectUri,
  optionalRedirectUriArray,
  optionalScopeString,
  optionalString,
  optionalWebUri,
  requireBoolean,
  requireEnum,
  requireId,
  requireObject,
  requireRedirectUri,
  requireString,
} from '../validate.js';

/**
 * The OAuth protocol endpoints under `/v2/oauth`: `api.oauth` of a {@link TelnyxOAuthAPI}. Their errors are
 * RFC 6749 bodies (`{error, error_description}`), read into {@link APIError.oauthError}; authorize answers
 * its errors as HTML pages. A browser app signing users in wants `createTelnyxAuth` from
 * `@telnyx-oauth/core`, which runs the whole flow; these methods are the raw endpoints.
 */
export class OAuth {
  constructor(private readonly transport: Transport) {}

  /**
   * `GET /v2/oauth/authorize` without following the redirect: where the server would send the browser
   * (the consent page, or the client's redirect URI with `code` or `error`). No authentication. In a
   * browser the redirect is opaque: `status` 0 and `location` null (see {@link AuthorizeRedirect}).
   *
   * @throws {@link ValidationError} before sending when `client_id` is empty, `redirect_uri` is not an
   *   absolute URI without fragment, `response_type` is not `code`, `code_challenge_method` is not `S256` or
   *   `scope` is not a space-separated list of scope tokens.
   * @throws {@link BadRequestError} (invalid request), {@link NotFoundError} (unknown client) or
   *   {@link UnprocessableEntityError} (redirect URI not registered for the client, compared exactly):
   *   errors the server answers with an HTML page instead of redirecting, since the redirect URI cannot be
   *   trusted.
   * @see RFC 6749 §4.1.1, §4.1.2.1; RFC 7636 §4.3
   */
  async retrieveAuthorize(query: AuthorizeParams, options?: RequestOptions): Promise<AuthorizeRedirect> {
    const params = requireObject('query', query);
    requireString('client_id', params.client_id);
    requireRedirectUri('redirect_uri', params.redirect_uri);
    requireEnum('response_type', params.response_type, ['code'] as const);
    optionalScopeString('scope', params.scope);
    optionalString('state', params.state);
    optionalString('code_challenge', params.code_challenge);
    optionalEnum('code_challenge_method', params.code_challenge_method, ['S256'] as const);
    const res = await this.transport.request({
      method: 'GET',
      path: '/v2/oauth/authorize',
      query: params,
      auth: 'none',
      redirect: 'manual',
      options,
    });
    return { status: res.status, location: res.location };
  }

  /**
   * `GET /v2/oauth/consent/{consent_token}` → `{ data: ConsentDetails }`: what the consent page shows (the
   * application, whether Telnyx verified it, the scopes it asks for). For Telnyx's own consent page: needs
   * the signed-in user's bearer token; `consent_token` comes from the authorize redirect.
   *
   * @throws {@link ValidationError} for an empty consent token; {@link UnprocessableEntityError} for an
   *   invalid or expired one.
   */
  async retrieve(consentToken: string, options?: RequestOptions): Promise<ConsentResponse> {
    const token = requireId('consent_token', consentToken);
    const res = await this.transport.request({
      method: 'GET',
      path: `/v2/oauth/consent/${encodeURIComponent(token)}`,
      auth: 'bearer',
      options,
    });
    return res.body as ConsentResponse;
  }

  /**
   * `POST /v2/oauth/grants`: the user's decision on the consent page → `{ redirect_uri }`, where to send
   * the browser next: the client's redirect URI with `code` and `state` when allowed, `error=access_denied`
   * when not. Needs the signed-in user's bearer token.
   *
   * @throws {@link ValidationError} when `allowed` is not a boolean or `consent_token` is empty;
   *   {@link UnprocessableEntityError} for an invalid or expired consent token.
   * @see RFC 6749 §4.1.2, §4.1.2.1
   */
  async grants(body: GrantDecisionParams, options?: RequestOptions): Promise<GrantDecisionResponse> {
    const params = requireObject('body', body);
    requireBoolean('allowed', params.allowed);
    requireString('consent_token', params.consent_token);
    const res = await this.transport.request({
      method: 'POST',
      path: '/v2/oauth/grants',
      body: params,
      auth: 'bearer',
      options,
    });
    return res.body as GrantDecisionResponse;
  }

  /**
   * `POST /v2/oauth/introspect`, form-encoded: whether a token is active, and for whom, until when and with
   * which scopes. An inactive, expired, revoked or unknown token answers `{ active: false }` and nothing
   * else (not an error). Confidential clients pass `{ clientId, clientSecret }` (HTTP Basic); `clientId`
   * alone sends it in the body; with neither, the client's bearer credentials are sent instead (a
   * `clientSecret` without `clientId` is refused). Telnyx is reported to allow 5 calls per 60 s per client. `options.endpoint`
   * sends it to a server's advertised `introspection_endpoint` instead of Telnyx's path.
   *
   * @throws {@link ValidationError} for an empty `token`, or a `clientSecret` without `clientId`;
   *   {@link AuthenticationError} (`invalid_client`)
   *   when client authentication fails; {@link RateLimitError} past the rate limit.
   * @see RFC 7662 §2
   */
  async introspect(body: IntrospectParams, options?: IntrospectOptions): Promise<IntrospectResponse> {
    const params = requireObject('body', body);
    requireString('token', params.token);
    const res = await this.transport.request({
      method: 'POST',
      path: options?.endpoint ?? '/v2/oauth/introspect',
      body: params,
      bodyType: 'form',
      auth: options?.clientId !== undefined || options?.clientSecret !== undefined ? 'client' : 'bearer',
      options,
    });
    return res.body as IntrospectResponse;
  }

  /**
   * `GET /v2/oauth/jwks`: the public keys that verify Telnyx's signed tokens, by `kid`. No authentication.
   *
   * @throws {@link APIError} (a subclass per status) when the server answers an error.
   * @see RFC 7517 §5; RFC 9068 §4 (validating JWT access tokens)
   */
  async retrieveJwks(options?: RequestOptions): Promise<JWKSResponse> {
    const res = await this.transport.request({
      method: 'GET',
      path: '/v2/oauth/jwks',
      auth: 'none',
      options,
    });
    return res.body as JWKSResponse;
  }

  /**
   * `POST /v2/oauth/register`: dynamic client registration, no authentication → 201 with the new
   * `client_id` (and a `client_secret` for confidential clients). Defaults: `grant_types`
   * `["authorization_code"]`, `response_types` `["code"]`, `token_endpoint_auth_method` `client_secret_basic`
   * (pass `none` for a public client).
   *
   * @throws {@link ValidationError} before sending for a malformed field (an unknown grant type or auth
   *   method, a redirect URI that is not absolute or has a fragment, a logo/policy/terms URL that is not
   *   http(s)); {@link BadRequestError} when the server refuses the metadata (RFC 7591
   *   `invalid_client_metadata` or `invalid_redirect_uri`; `invalid_fields` in {@link APIErrorDetail.meta}).
   * @see RFC 7591 §3.1, §3.2
   */
  async register(metadata: RegisterParams = {}, options?: RequestOptions): Promise<RegisterResponse> {
    const params = requireObject('metadata', metadata);
    optionalString('client_name', params.client_name);
    optionalEnumArray('grant_types', params.grant_types, GRANT_TYPES);
    optionalEnumArray('response_types', params.response_types, ['code'] as const);
    optionalRedirectUriArray('redirect_uris', params.redirect_uris);
    optionalScopeString('scope', params.scope);
    optionalEnum(
      'token_endpoint_auth_method',
      params.token_endpoint_auth_method,
      TOKEN_ENDPOINT_AUTH_METHODS,
    );
    optionalWebUri('logo_uri', params.logo_uri);
    optionalWebUri('policy_uri', params.policy_uri);
    optionalWebUri('tos_uri', params.tos_uri);
    const res = await this.transport.request({
      method: 'POST',
      path: '/v2/oauth/register',
      body: params,
      auth: 'none',
      options,
    });
    return res.body as RegisterResponse;
  }

  /**
   * `POST /v2/oauth/token`, form-encoded: exchanges an authorization code (with its PKCE verifier), redeems
   * a refresh token, or gets a client-credentials token. Public clients put `client_id` in the body (or pass
   * the `clientId` option); confidential clients pass `{ clientId, clientSecret }` for HTTP Basic. The answer
   * is not wrapped in `data`. Keep the old refresh token when the answer carries none (whether Telnyx rotates
   * refresh tokens is not documented).
   *
   * Code exchanges and refreshes are retried only when the server answered 408, 429 or 503 (it did not
   * process them), never after a dropped connection or a timeout: sending a single-use code or a rotated
   * refresh token twice trips reuse detection, which revokes the grant's tokens.
   *
   * @throws {@link ValidationError} before sending when `grant_type` is unknown, `code` or `refresh_token` is
   *   missing for its grant, there is neither a `client_id` nor a `clientId` option, or `clientSecret` comes
   *   without `clientId`.
   * @throws {@link BadRequestError} with {@link APIError.oauthError} `invalid_grant` (code expired, used,
   *   issued to another client or for another redirect URI; verifier wrong; refresh token revoked or
   *   rotated), `invalid_request`, `invalid_scope` or `unsupported_grant_type`; {@link AuthenticationError}
   *   with `invalid_client` when client authentication fails.
   * @see RFC 6749 §4.1.3, §4.4.2, §6 (requests), §5.1, §5.2 (answers), §2.3.1 (client authentication);
   *   RFC 7636 §4.5; RFC 9700 §4.14.2 (refresh token reuse)
   */
  async token(body: TokenParams, options?: ClientAuthOptions): Promise<TokenResponse> {
    const params = requireObject('body', body);
    const grantType = requireEnum('grant_type', params.grant_type, GRANT_TYPES);
    if (grantType === 'authorization_code') {
      requireString('code', params.code);
      optionalRedirectUri('redirect_uri', params.redirect_uri);
      optionalString('code_verifier', params.code_verifier);
    } else if (grantType === 'refresh_token') {
      requireString('refresh_token', params.refresh_token);
    }
    optionalScopeString('scope', params.scope);
    optionalString('client_id', params.client_id);
    optionalString('client_secret', params.client_secret);
    if (params.client_id === undefined && options?.clientId === undefined) {
      // RFC 6749 §3.2.1: every client authenticates or at least identifies itself at the token endpoint.
      throw new ValidationError('client_id', 'is required: pass it in the body or as the clientId option');
    }
    const res = await this.transport.request({
      method: 'POST',
      path: '/v2/oauth/token',
      body: params,
      bodyType: 'form',
      auth: 'client',
      options,
      // A code or a rotating refresh token must not be sent twice unless the server refused the first.
      retry: grantType === 'client_credentials' ? 'default' : 'single-use',
    });
    return res.body as TokenResponse;
  }
}
