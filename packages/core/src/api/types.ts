/**
 * Request and response shapes of the Telnyx OAuth API, field for field as the reference lists them
 * (`telnyx-oauth-ruby-skill.txt`, Telnyx's OpenAPI). Enums are string unions; fields the reference marks
 * required are required. Response fields the server may omit are optional, `null`-able ones say so.
 */

/** Grant types the Telnyx authorization server knows. */
export type GrantType = 'authorization_code' | 'refresh_token' | 'client_credentials';
export const GRANT_TYPES: readonly GrantType[] = [
  'authorization_code',
  'refresh_token',
  'client_credentials',
];

export type ClientType = 'public' | 'confidential';
export const CLIENT_TYPES: readonly ClientType[] = ['public', 'confidential'];

/** RFC 7591 §2 `token_endpoint_auth_method` values Telnyx advertises. */
export type TokenEndpointAuthMethod = 'none' | 'client_secret_basic' | 'client_secret_post';
export const TOKEN_ENDPOINT_AUTH_METHODS: readonly TokenEndpointAuthMethod[] = [
  'none',
  'client_secret_basic',
  'client_secret_post',
];

/** Absolute URI, as a string (the API sends and accepts strings). */
export type URI = string;
/** RFC 3339 date-time string. */
export type DateTime = string;

// ---------------------------------------------------------------------------------------------------
// Discovery

/** RFC 8414 authorization server metadata (`/.well-known/oauth-authorization-server`). */
export interface AuthorizationServerMetadata {
  issuer: URI;
  authorization_endpoint: URI;
  token_endpoint: URI;
  introspection_endpoint?: URI;
  jwks_uri?: URI;
  registration_endpoint?: URI;
  /** Not advertised by Telnyx today; present on servers that offer RFC 7009 revocation. */
  revocation_endpoint?: URI;
  response_types_supported: string[];
  grant_types_supported?: string[];
  code_challenge_methods_supported?: string[];
  token_endpoint_auth_methods_supported?: string[];
  scopes_supported?: string[];
  authorization_response_iss_parameter_supported?: boolean;
  [extension: string]: unknown;
}

/** RFC 9728 protected resource metadata (`/.well-known/oauth-protected-resource`). */
export interface ProtectedResourceMetadata {
  resource: URI;
  authorization_servers?: URI[];
  scopes_supported?: string[];
  bearer_methods_supported?: string[];
  [extension: string]: unknown;
}

// ---------------------------------------------------------------------------------------------------
// Authorization code flow

/** Query of `GET /v2/oauth/authorize` (RFC 6749 §4.1.1, RFC 7636 §4.3). */
export interface AuthorizeParams {
  client_id: string;
  redirect_uri: URI;
  response_type: 'code';
  scope?: string;
  state?: string;
  code_challenge?: string;
  code_challenge_method?: 'S256';
}

/**
 * What `/oauth/authorize` answered, without following it. `location` is the consent page or the client's
 * redirect URI (with `code` or `error`). In browsers, `redirect: 'manual'` yields an opaque redirect:
 * `status` is then 0 and `location` null (the Fetch standard hides both from scripts).
 */
export interface AuthorizeRedirect {
  status: number;
  location: string | null;
}

export interface RequestedScope {
  id: string;
  name: string;
  description: string;
}

/** `GET /v2/oauth/consent/{consent_token}` → `{ data }`. */
export interface ConsentDetails {
  client_id: string;
  name: string;
  logo_uri?: URI | null;
  policy_uri?: URI | null;
  tos_uri?: URI | null;
  redirect_uri: URI;
  requested_scopes: RequestedScope[];
  verified: boolean;
}
export interface ConsentResponse {
  data: ConsentDetails;
}

/** `POST /v2/oauth/grants` body. */
export interface GrantDecisionParams {
  allowed: boolean;
  consent_token: string;
}
/** The client redirect carrying `code` and `state`, or `error=access_denied`. */
export interface GrantDecisionResponse {
  redirect_uri: URI;
}

// ---------------------------------------------------------------------------------------------------
// Token endpoint (RFC 6749 §4.1.3, §4.4.2, §6)

interface TokenParamsBase {
  /** Public clients identify themselves here; confidential clients pass `clientId`/`clientSecret` options. */
  client_id?: string;
  /** `client_secret_post`; prefer the `clientSecret` option (Basic, RFC 6749 §2.3.1). */
  client_secret?: string;
}
export interface AuthorizationCodeTokenParams extends TokenParamsBase {
  grant_type: 'authorization_code';
  code: string;
  redirect_uri?: URI;
  code_verifier?: string;
}
export interface RefreshTokenParams extends TokenParamsBase {
  grant_type: 'refresh_token';
  refresh_token: string;
  scope?: string;
}
export interface ClientCredentialsTokenParams extends TokenParamsBase {
  grant_type: 'client_credentials';
  scope?: string;
}
export type TokenParams = AuthorizationCodeTokenParams | RefreshTokenParams | ClientCredentialsTokenParams;

/** 200 of the token endpoint: NOT wrapped in `data`. */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token?: string;
  scope?: string;
}

// ---------------------------------------------------------------------------------------------------
// Introspection (RFC 7662)

export interface IntrospectParams {
  token: string;
}
export interface IntrospectResponse {
  active: boolean;
  aud?: string;
  client_id?: string;
  exp?: number;
  iat?: number;
  iss?: string;
  scope?: string;
  [extension: string]: unknown;
}

// ---------------------------------------------------------------------------------------------------
// JWKS

export interface JSONWebKey {
  kty: string;
  kid?: string;
  alg?: string;
  use?: string;
  [parameter: string]: unknown;
}
export interface JWKSResponse {
  keys: JSONWebKey[];
}

// ---------------------------------------------------------------------------------------------------
// Dynamic client registration (RFC 7591)

export interface RegisterParams {
  client_name?: string;
  /** Default `['authorization_code']`. */
  grant_types?: GrantType[];
  logo_uri?: URI;
  policy_uri?: URI;
  redirect_uris?: URI[];
  /** Default `['code']`. */
  response_types?: 'code'[];
  /** Space-separated scopes. */
  scope?: string;
  /** Default `client_secret_basic`. */
  token_endpoint_auth_method?: TokenEndpointAuthMethod;
  tos_uri?: URI;
}
export interface RegisterResponse {
  client_id: string;
  client_id_issued_at?: number;
  client_name?: string;
  /** Present for confidential clients only. */
  client_secret?: string;
  grant_types?: GrantType[];
  logo_uri?: URI | null;
  policy_uri?: URI | null;
  redirect_uris?: URI[];
  response_types?: string[];
  scope?: string;
  token_endpoint_auth_method?: TokenEndpointAuthMethod;
  tos_uri?: URI | null;
}

// ---------------------------------------------------------------------------------------------------
// Pagination

export interface PaginationMeta {
  page_number: number;
  page_size: number;
  total_pages: number;
  total_results: number;
}

export interface PageParams {
  /** 1-based. */
  'page[number]'?: number;
  /** 1..100, default 20. */
  'page[size]'?: number;
}

// ---------------------------------------------------------------------------------------------------
// OAuth clients (management API)

export interface OAuthClient {
  record_type: 'oauth_client';
  client_id: string;
  name: string;
  org_id: string;
  user_id: string;
  client_type: ClientType;
  require_pkce: boolean;
  created_at: DateTime;
  updated_at: DateTime;
  allowed_grant_types: GrantType[];
  allowed_scopes: string[];
  redirect_uris: URI[];
  /** The full secret only in the response to `create` (confidential clients); null otherwise. */
  client_secret: string | null;
  logo_uri: URI | null;
  tos_uri: URI | null;
  policy_uri: URI | null;
}

export interface OAuthClientCreateParams {
  name: string;
  allowed_scopes: string[];
  client_type: ClientType;
  allowed_grant_types: GrantType[];
  logo_uri?: URI;
  policy_uri?: URI;
  redirect_uris?: URI[];
  require_pkce?: boolean;
  tos_uri?: URI;
}

export interface OAuthClientUpdateParams {
  name?: string;
  allowed_scopes?: string[];
  allowed_grant_types?: GrantType[];
  logo_uri?: URI;
  policy_uri?: URI;
  redirect_uris?: URI[];
  require_pkce?: boolean;
  tos_uri?: URI;
}

export interface OAuthClientListParams extends PageParams {
  'filter[client_type]'?: ClientType;
  'filter[verified]'?: boolean;
  'filter[allowed_grant_types][contains]'?: GrantType;
  'filter[name]'?: string;
  'filter[name][contains]'?: string;
  'filter[client_id]'?: string;
}

/** `{ data }` envelope of single-record answers, as Telnyx's SDKs return it. */
export interface OAuthClientResponse {
  data: OAuthClient;
}

// ---------------------------------------------------------------------------------------------------
// OAuth grants (management API)

export interface OAuthGrant {
  record_type: 'oauth_grant';
  id: string;
  client_id: string;
  created_at: DateTime;
  scopes: string[];
  last_used_at: DateTime | null;
}

export type OAuthGrantListParams = PageParams;

export interface OAuthGrantResponse {
  data: OAuthGrant;
}
