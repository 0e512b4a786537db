/** The OAuth protocol endpoints under /v2/oauth (RFC 6749, 7591, 7636, 7662). */
import { ValidationError } from '../errors.js';
import type { ClientAuthOptions, RequestOptions, Transport } from '../request.js';
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

export class OAuth {
  constructor(private readonly transport: Transport) {}

  /**
   * `GET /v2/oauth/authorize` without following the redirect: where the server sends the browser
   * (consent page, or the client's redirect URI with `code` / `error`). Errors (400 invalid request,
   * 404 unknown client, 422 unregistered redirect URI) throw as usual.
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

  /** `GET /v2/oauth/consent/{consent_token}`: what the consent page shows. Needs the user's token. */
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

  /** `POST /v2/oauth/grants`: the user's decision on the consent page. */
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
   * `POST /v2/oauth/introspect` (RFC 7662). Confidential clients pass `{ clientId, clientSecret }`
   * (HTTP Basic); without them the client's bearer credentials are sent.
   */
  async introspect(body: IntrospectParams, options?: ClientAuthOptions): Promise<IntrospectResponse> {
    const params = requireObject('body', body);
    requireString('token', params.token);
    const res = await this.transport.request({
      method: 'POST',
      path: '/v2/oauth/introspect',
      body: params,
      bodyType: 'form',
      auth: options?.clientId !== undefined ? 'client' : 'bearer',
      options,
    });
    return res.body as IntrospectResponse;
  }

  /** `GET /v2/oauth/jwks`: keys that sign Telnyx access tokens. */
  async retrieveJwks(options?: RequestOptions): Promise<JWKSResponse> {
    const res = await this.transport.request({
      method: 'GET',
      path: '/v2/oauth/jwks',
      auth: 'none',
      options,
    });
    return res.body as JWKSResponse;
  }

  /** `POST /v2/oauth/register` (RFC 7591 dynamic client registration, no auth). */
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
   * `POST /v2/oauth/token`, form-encoded (RFC 6749 §4.1.3, §4.4.2, §6). Public clients put `client_id` in
   * the body; confidential clients pass `{ clientId, clientSecret }` for HTTP Basic (RFC 6749 §2.3.1).
   * The answer is not wrapped in `data`. Code exchanges and refreshes are retried only when the server
   * answered 408, 429 or 503 (it did not process them): repeating a single-use code or rotated refresh
   * token after a dropped connection would trip reuse detection and revoke the grant's tokens.
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
