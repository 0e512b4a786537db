/**
 * Request and response shapes of the Telnyx OAuth API, field for field as the reference lists them
 * (`telnyx-oauth-ruby-skill.txt`, Telnyx's OpenAPI). Enums are string unions; fields the reference marks
 * required are required. Response fields the server may omit are optional, `null`-able ones say so.
 */

/**
 * Grant types the Telnyx authorization server knows: `authorization_code` (a user signs in, RFC 6749 §4.1),
 * `refresh_token` (RFC 6749 §6) and `client_credentials` (the client acts for its owner, RFC 6749 §4.4).
 */
export type GrantType = 'authorization_code' | 'refresh_token' | 'client_credentials';
/** Every {@link GrantType}, e.g. to build a form or validate input. */
export const GRANT_TYPES: readonly GrantType[] = [
  'authorization_code',
  'refresh_token',
  'client_credentials',
];

/**
 * `public`: a client that cannot keep a secret (a browser or native app; PKCE, no `client_secret`).
 * `confidential`: a server-side client with a `client_secret`.
 *
 * @see RFC 6749 §2.1
 */
export type ClientType = 'public' | 'confidential';
/** Every {@link ClientType}. */
export const CLIENT_TYPES: readonly ClientType[] = ['public', 'confidential'];

/**
 * How a client authenticates at the token endpoint, as Telnyx advertises: `none` (a public client sends
 * only its `client_id`), `client_secret_basic` (HTTP Basic) or `client_secret_post` (`client_secret` in the
 * form body).
 *
 * @see RFC 7591 §2; RFC 6749 §2.3.1
 */
export type TokenEndpointAuthMethod = 'none' | 'client_secret_basic' | 'client_secret_post';
/** Every {@link TokenEndpointAuthMethod}. */
export const TOKEN_ENDPOINT_AUTH_METHODS: readonly TokenEndpointAuthMethod[] = [
  'none',
  'client_secret_basic',
  'client_secret_post',
];

/** Absolute URI, as a string (the API sends and accepts strings). */
export type URI = string;
/** An RFC 3339 (ISO 8601) date-time string in UTC, e.g. `2025-01-01T00:00:00Z`. */
export type DateTime = string;

// ---------------------------------------------------------------------------------------------------
// Discovery

/** RFC 8414 authorization server metadata (`/.well-known/oauth-authorization-server`). */
export interface AuthorizationServerMetadata {
  /**
   * The authorization server's identifier (`https://api.telnyx.com`): the `iss` of its tokens and of RFC 9207
   * authorization responses. RFC 8414 §3.3 requires it to equal the URL the document was fetched for.
   */
  issuer: URI;
  /**
   * Where the browser is sent to sign in (`https://api.telnyx.com/v2/oauth/authorize`).
   *
   * @see RFC 6749 §3.1
   */
  authorization_endpoint: URI;
  /**
   * Where codes and refresh tokens are exchanged for tokens (`…/v2/oauth/token`).
   *
   * @see RFC 6749 §3.2
   */
  token_endpoint: URI;
  /** RFC 7662 token introspection (`…/v2/oauth/introspect`). */
  introspection_endpoint?: URI;
  /** The JSON Web Key Set that verifies the server's signed tokens (`…/v2/oauth/jwks`). */
  jwks_uri?: URI;
  /** RFC 7591 dynamic client registration (`…/v2/oauth/register`). */
  registration_endpoint?: URI;
  /** Not advertised by Telnyx today; present on servers that offer RFC 7009 revocation. */
  revocation_endpoint?: URI;
  /** Telnyx: `["code"]` (the authorization code flow only). */
  response_types_supported: string[];
  /** Telnyx: `client_credentials`, `authorization_code`, `refresh_token`. */
  grant_types_supported?: string[];
  /**
   * PKCE methods. Telnyx: `["S256"]` only.
   *
   * @see RFC 7636 §4.2
   */
  code_challenge_methods_supported?: string[];
  /** Telnyx (api.telnyx.com): `none`, `client_secret_basic`, `client_secret_post`. */
  token_endpoint_auth_methods_supported?: string[];
  /** The scopes clients may ask for, e.g. `messaging.read`, `numbers.write`, `billing.read` (32 today). */
  scopes_supported?: string[];
  /**
   * True when every authorization response carries `iss`, which the client must then check (mix-up
   * defence). Not advertised by Telnyx today.
   *
   * @see RFC 9207 §3
   */
  authorization_response_iss_parameter_supported?: boolean;
  [extension: string]: unknown;
}

/** RFC 9728 protected resource metadata (`/.well-known/oauth-protected-resource`). */
export interface ProtectedResourceMetadata {
  /** The protected resource's identifier (`https://api.telnyx.com`). */
  resource: URI;
  /** Issuers whose access tokens the resource accepts (`["https://api.telnyx.com"]`). */
  authorization_servers?: URI[];
  /** Scopes the resource uses in authorization requests. */
  scopes_supported?: string[];
  /** How it takes bearer tokens: Telnyx `["header"]` (`Authorization: Bearer`, RFC 6750 §2.1) only. */
  bearer_methods_supported?: string[];
  [extension: string]: unknown;
}

// ---------------------------------------------------------------------------------------------------
// Authorization code flow

/** Query of `GET /v2/oauth/authorize` (RFC 6749 §4.1.1, RFC 7636 §4.3). */
export interface AuthorizeParams {
  /** The client asking for authorization. */
  client_id: string;
  /** Where the answer goes: one of the client's registered redirect URIs, compared exactly. */
  redirect_uri: URI;
  /** Always `code`: the authorization code flow. */
  response_type: 'code';
  /** Space-separated scopes, e.g. `"messaging.read numbers.read"`; within the client's `allowed_scopes`. */
  scope?: string;
  /** An unguessable value the client checks when the answer comes back (CSRF defence, RFC 6749 §10.12). */
  state?: string;
  /** PKCE: BASE64URL(SHA-256(code_verifier)), without padding. Always send it (RFC 9700 §2.1.1). */
  code_challenge?: string;
  /** PKCE method: `S256`, the only one Telnyx advertises. */
  code_challenge_method?: 'S256';
}

/**
 * What `/oauth/authorize` answered, without following it. `location` is the consent page or the client's
 * redirect URI (with `code` or `error`). In browsers, `redirect: 'manual'` yields an opaque redirect:
 * `status` is then 0 and `location` null (the Fetch standard hides both from scripts).
 */
export interface AuthorizeRedirect {
  /** The redirect status (302 from Telnyx), or 0 for a browser's opaque redirect. */
  status: number;
  /** The `Location` header: the consent page or the client's redirect URI; null when hidden or absent. */
  location: string | null;
}

/** One scope the consent page asks the user to grant, as Telnyx describes it. */
export interface RequestedScope {
  /** The scope token, as sent in `scope`, e.g. `messaging.read`. */
  id: string;
  /** Its name for people, e.g. "Messaging (read)". */
  name: string;
  /** What it allows, in words for the user. */
  description: string;
}

/** `GET /v2/oauth/consent/{consent_token}` → `{ data }`. */
export interface ConsentDetails {
  /** The application asking. */
  client_id: string;
  /** The application's name, as its owner registered it. */
  name: string;
  /** The application's logo, or null. */
  logo_uri?: URI | null;
  /** Link to the application's privacy policy, or null. */
  policy_uri?: URI | null;
  /** Link to the application's terms of service, or null. */
  tos_uri?: URI | null;
  /** Where the user is sent back after deciding. */
  redirect_uri: URI;
  /** The scopes asked for, with names and descriptions to show. */
  requested_scopes: RequestedScope[];
  /** Whether Telnyx verified the application (an unverified one deserves a warning). */
  verified: boolean;
}
/** The answer of {@link OAuth.retrieve}: `{ data }`. */
export interface ConsentResponse {
  /** What the consent page shows. */
  data: ConsentDetails;
}

/** `POST /v2/oauth/grants` body. */
export interface GrantDecisionParams {
  /** True when the user allowed the request, false when they denied it. */
  allowed: boolean;
  /** The consent token from the consent page's URL. */
  consent_token: string;
}
/** The client redirect carrying `code` and `state`, or `error=access_denied`. */
export interface GrantDecisionResponse {
  /** Where to send the browser next: the client's redirect URI with the result in its query. */
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
/**
 * Exchanging an authorization code for tokens.
 *
 * @see RFC 6749 §4.1.3; RFC 7636 §4.5
 */
export interface AuthorizationCodeTokenParams extends TokenParamsBase {
  /** `authorization_code`. */
  grant_type: 'authorization_code';
  /** The `code` from the redirect. Single use, and short-lived (minutes at most). */
  code: string;
  /** Required when the authorize request carried one, and then identical to it. */
  redirect_uri?: URI;
  /** The PKCE verifier whose S256 hash was sent as `code_challenge` at authorize. */
  code_verifier?: string;
}
/**
 * Redeeming a refresh token for a new access token (and, on a rotating server, a new refresh token).
 *
 * @see RFC 6749 §6
 */
export interface RefreshTokenParams extends TokenParamsBase {
  /** `refresh_token`. */
  grant_type: 'refresh_token';
  /** The refresh token; after a rotation, the latest one (an older one is reuse: RFC 9700 §4.14.2). */
  refresh_token: string;
  /** Space-separated scopes to narrow the new token to; never wider than first granted. Default: the same. */
  scope?: string;
}
/**
 * A token for the client itself (confidential clients with the `client_credentials` grant): it acts for
 * the client's owner. No refresh token comes back; ask again when it expires.
 *
 * @see RFC 6749 §4.4.2
 */
export interface ClientCredentialsTokenParams extends TokenParamsBase {
  /** `client_credentials`. */
  grant_type: 'client_credentials';
  /** Space-separated scopes, within the client's `allowed_scopes`. */
  scope?: string;
}
/** The body of {@link OAuth.token}, by `grant_type`. */
export type TokenParams = AuthorizationCodeTokenParams | RefreshTokenParams | ClientCredentialsTokenParams;

/**
 * 200 of the token endpoint: NOT wrapped in `data`.
 *
 * @see RFC 6749 §5.1
 */
export interface TokenResponse {
  /** The access token: send it as `Authorization: Bearer <token>`. Opaque to clients; do not parse it. */
  access_token: string;
  /** Always `Bearer` (RFC 6750). */
  token_type: 'Bearer';
  /** Seconds the access token lives from now (Telnyx is reported to issue 1800, 30 minutes). */
  expires_in: number;
  /**
   * A refresh token, when the grant allows one. Absent on a refresh when the server does not rotate: then
   * keep the one you have; present: use the new one from now on (the old one is spent).
   */
  refresh_token?: string;
  /** The scopes granted, space-separated; a server may leave it out when it equals the scope asked for. */
  scope?: string;
}

// ---------------------------------------------------------------------------------------------------
// Introspection (RFC 7662)

/** The body of {@link OAuth.introspect}. */
export interface IntrospectParams {
  /** The access or refresh token to ask about. */
  token: string;
}
/**
 * What the authorization server knows about a token. When `active` is false nothing else is said: expired,
 * revoked, unknown and issued-to-another-client tokens all look the same.
 *
 * @see RFC 7662 §2.2
 */
export interface IntrospectResponse {
  /** Whether the token is currently valid. Check this first; the other fields come only when true. */
  active: boolean;
  /** The audience the token is meant for. */
  aud?: string;
  /** The client the token was issued to. */
  client_id?: string;
  /** Expiry, in seconds since the Unix epoch (not ms). */
  exp?: number;
  /** Issue time, in seconds since the Unix epoch. */
  iat?: number;
  /** The issuer (`https://api.telnyx.com`). */
  iss?: string;
  /** The token's scopes, space-separated. */
  scope?: string;
  [extension: string]: unknown;
}

// ---------------------------------------------------------------------------------------------------
// JWKS

/**
 * One public key (the key material is in the key-type parameters, e.g. `crv`, `x`, `y` or `n`, `e`).
 *
 * @see RFC 7517 §4
 */
export interface JSONWebKey {
  /** Key type: `EC`, `RSA`, … */
  kty: string;
  /** Key id: matches the `kid` in a signed token's header. */
  kid?: string;
  /** The algorithm the key is used with, e.g. `ES256`, `RS256`. */
  alg?: string;
  /** `sig` for signature keys. */
  use?: string;
  [parameter: string]: unknown;
}
/**
 * A JSON Web Key Set.
 *
 * @see RFC 7517 §5
 */
export interface JWKSResponse {
  /** The keys currently in use; during a rotation, the old and the new. */
  keys: JSONWebKey[];
}

// ---------------------------------------------------------------------------------------------------
// Dynamic client registration (RFC 7591)

/**
 * Client metadata to register. Every field is optional; the server fills in defaults.
 *
 * @see RFC 7591 §2
 */
export interface RegisterParams {
  /** The name shown to users on the consent page. */
  client_name?: string;
  /** Default `['authorization_code']`. */
  grant_types?: GrantType[];
  /** A logo shown on the consent page (http(s) URL). */
  logo_uri?: URI;
  /** The application's privacy policy (http(s) URL). */
  policy_uri?: URI;
  /** Where authorization answers may be sent: absolute, no fragment, compared exactly at authorize. */
  redirect_uris?: URI[];
  /** Default `['code']`. */
  response_types?: 'code'[];
  /** Space-separated scopes. */
  scope?: string;
  /** Default `client_secret_basic`. */
  token_endpoint_auth_method?: TokenEndpointAuthMethod;
  /** The application's terms of service (http(s) URL). */
  tos_uri?: URI;
}
/**
 * The registered client: the metadata as the server stored it, with the credentials it issued.
 *
 * @see RFC 7591 §3.2.1
 */
export interface RegisterResponse {
  /** The new client's id. */
  client_id: string;
  /** When the id was issued, in seconds since the Unix epoch. */
  client_id_issued_at?: number;
  /** The name shown to users. */
  client_name?: string;
  /** Present for confidential clients only. */
  client_secret?: string;
  /** The grant types the client may use. */
  grant_types?: GrantType[];
  /** The logo, or null. */
  logo_uri?: URI | null;
  /** The privacy policy link, or null. */
  policy_uri?: URI | null;
  /** The registered redirect URIs. */
  redirect_uris?: URI[];
  /** The response types the client may use (`["code"]`). */
  response_types?: string[];
  /** The scopes the client may ask for, space-separated. */
  scope?: string;
  /** How the client authenticates at the token endpoint (`none` for a public client). */
  token_endpoint_auth_method?: TokenEndpointAuthMethod;
  /** The terms of service link, or null. */
  tos_uri?: URI | null;
}

// ---------------------------------------------------------------------------------------------------
// Pagination

/** Telnyx's pagination `meta` of a listing. */
export interface PaginationMeta {
  /** This page's number, from 1. */
  page_number: number;
  /** Items per page, as requested (1..100, default 20). */
  page_size: number;
  /** Pages in the listing; there is a next page while `page_number < total_pages`. */
  total_pages: number;
  /** Items in the listing, across every page. */
  total_results: number;
}

/** Page parameters of a listing. */
export interface PageParams {
  /** 1-based. */
  'page[number]'?: number;
  /** 1..100, default 20. */
  'page[size]'?: number;
}

// ---------------------------------------------------------------------------------------------------
// OAuth clients (management API)

/** An OAuth application registered with Telnyx, as the management API shows it. */
export interface OAuthClient {
  /** Always `oauth_client`. */
  record_type: 'oauth_client';
  /** The client's id: what apps send as `client_id`, and the `{id}` of `/v2/oauth_clients/{id}`. */
  client_id: string;
  /** The application's name, shown to users on the consent page. */
  name: string;
  /** The Telnyx organisation that owns the client. */
  org_id: string;
  /** The Telnyx user who created it. */
  user_id: string;
  /** `public` (browser or native app, no secret) or `confidential` (server, with a secret). */
  client_type: ClientType;
  /** Whether the authorize request must carry a PKCE `code_challenge` (default false; send one anyway). */
  require_pkce: boolean;
  /** When the client was created (ISO 8601 / RFC 3339 UTC). */
  created_at: DateTime;
  /** When it was last changed (ISO 8601 / RFC 3339 UTC). */
  updated_at: DateTime;
  /** The grants it may use. */
  allowed_grant_types: GrantType[];
  /** The scopes it may ask for; a request for another answers an error. */
  allowed_scopes: string[];
  /** Where authorization answers may be sent, compared exactly. */
  redirect_uris: URI[];
  /**
   * The full secret, returned only in the answer to `create` (confidential clients); `null` in every other
   * answer, and always for public clients. Store it when you create the client: it cannot be read again.
   */
  client_secret: string | null;
  /** The logo shown on the consent page, or null. */
  logo_uri: URI | null;
  /** The terms of service link shown on the consent page, or null. */
  tos_uri: URI | null;
  /** The privacy policy link shown on the consent page, or null. */
  policy_uri: URI | null;
}

/**
 * The body of {@link OAuthClients.create}. `name`, `allowed_scopes`, `client_type` and `allowed_grant_types`
 * are required.
 */
export interface OAuthClientCreateParams {
  /** The application's name, shown to users. Non-empty. */
  name: string;
  /** The scopes it may ask for: a non-empty array of scope tokens (`messaging.read`). */
  allowed_scopes: string[];
  /** `public` or `confidential` (then the answer carries the secret, once). Cannot be changed later. */
  client_type: ClientType;
  /** The grants it may use, non-empty. `client_credentials` only makes sense for confidential clients. */
  allowed_grant_types: GrantType[];
  /** A logo for the consent page (http(s) URL). */
  logo_uri?: URI;
  /** The privacy policy link (http(s) URL). */
  policy_uri?: URI;
  /** Redirect URIs: absolute, no fragment. Needed for `authorization_code`. */
  redirect_uris?: URI[];
  /** Require PKCE at authorize. Default false. */
  require_pkce?: boolean;
  /** The terms of service link (http(s) URL). */
  tos_uri?: URI;
}

/** The body of {@link OAuthClients.update}: only the fields to change. */
export interface OAuthClientUpdateParams {
  /** A new name. */
  name?: string;
  /** The new list of allowed scopes (replaces the old one), non-empty. */
  allowed_scopes?: string[];
  /** The new list of allowed grant types (replaces the old one), non-empty. */
  allowed_grant_types?: GrantType[];
  /** A new logo (http(s) URL). */
  logo_uri?: URI;
  /** A new privacy policy link (http(s) URL). */
  policy_uri?: URI;
  /** The new list of redirect URIs (replaces the old one). */
  redirect_uris?: URI[];
  /** Require PKCE at authorize, or not. */
  require_pkce?: boolean;
  /** A new terms of service link (http(s) URL). */
  tos_uri?: URI;
}

/** Page parameters and filters of {@link OAuthClients.list}. Unknown filters are sent as given. */
export interface OAuthClientListParams extends PageParams {
  /** Only `public` or only `confidential` clients. */
  'filter[client_type]'?: ClientType;
  /** Only clients Telnyx has verified (true) or not (false). */
  'filter[verified]'?: boolean;
  /** Only clients allowed this grant type. */
  'filter[allowed_grant_types][contains]'?: GrantType;
  /** Only clients with exactly this name. */
  'filter[name]'?: string;
  /** Only clients whose name contains this text. */
  'filter[name][contains]'?: string;
  /** Only the client with this id. */
  'filter[client_id]'?: string;
}

/** `{ data }` envelope of single-record answers, as Telnyx's SDKs return it. */
export interface OAuthClientResponse {
  /** The client. */
  data: OAuthClient;
}

// ---------------------------------------------------------------------------------------------------
// OAuth grants (management API)

/** An application the user has authorised, and with which scopes (a "connected app"). */
export interface OAuthGrant {
  /** Always `oauth_grant`. */
  record_type: 'oauth_grant';
  /** The grant's id (a UUID): the `{id}` of `/v2/oauth_grants/{id}`. */
  id: string;
  /** The application it was granted to. */
  client_id: string;
  /** When the user first consented (ISO 8601 / RFC 3339 UTC). */
  created_at: DateTime;
  /** The scopes granted. */
  scopes: string[];
  /** When a token of the grant was last used (ISO 8601 / RFC 3339 UTC), or null when never. */
  last_used_at: DateTime | null;
}

/** Page parameters of {@link OAuthGrants.list} (the listing has no filters). */
export type OAuthGrantListParams = PageParams;

/** `{ data }` envelope of single-grant answers. */
export interface OAuthGrantResponse {
  /** The grant. */
  data: OAuthGrant;
}
