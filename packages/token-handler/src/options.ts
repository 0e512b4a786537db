/**
 * The handler's options, and their validation into one resolved, frozen configuration. Every mistake is
 * reported when the handler is created (a TypeError naming the option), never at the first request.
 */
import {
  DEFAULT_MAX_RETRIES,
  isSecureOrLoopback,
  type Endpoint,
  type TokenHandlerErrorCode,
} from '@telnyx-oauth/core/shared';
import { decodeCookieKeys } from './key-ring.js';

/** How the handler authenticates to the token and revocation endpoints (RFC 6749 §2.3.1). */
export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post';

/**
 * Authorization server metadata (RFC 8414 §2): the members the handler reads. Pass a full document to skip
 * discovery; other members are ignored.
 */
export interface AuthorizationServerMetadata {
  /**
   * The authorization server's issuer identifier, e.g. `https://api.telnyx.com`. Must equal the handler's
   * `issuer` option (compared as parsed URLs), or the options are refused.
   *
   * @see RFC 8414 §2, §3.3
   */
  readonly issuer: string;
  /**
   * Where codes are exchanged and refresh tokens redeemed (`https:`, or `http:` on a loopback host), e.g.
   * `https://api.telnyx.com/v2/oauth/token`. The `tokenEndpoint` option overrides it.
   *
   * @see RFC 6749 §3.2
   */
  readonly token_endpoint: string;
  /**
   * The RFC 7009 revocation endpoint, where `/logout` revokes the session's refresh token (best effort).
   * Absent (as in api.telnyx.com's document today): logout only clears the cookie. The
   * `revocationEndpoint` option overrides it, `false` switches revocation off.
   *
   * @see RFC 7009 §2
   */
  readonly revocation_endpoint?: string;
  readonly [member: string]: unknown;
}

/** Something a handler reports after each request. No token, secret, cookie or upstream body is ever in it. */
export interface TokenHandlerEvent {
  /** The endpoint asked for, or null for a path the handler does not serve. */
  readonly endpoint: Endpoint | null;
  /** The HTTP status answered. */
  readonly status: number;
  /** The error code answered, when it was an error. */
  readonly error?: TokenHandlerErrorCode;
  /** True when the answer reused a concurrent or just-finished upstream call (single flight). */
  readonly shared?: boolean;
  /** `/logout`: whether the upstream revoked the refresh token. */
  readonly revoked?: boolean;
  /** For `internal_error` and upstream failures: the class name of the underlying error (no message). */
  readonly cause?: string;
}

/** Options of {@link createTokenHandler}. Durations are in milliseconds unless the name says otherwise. */
export interface TokenHandlerOptions {
  /**
   * The authorization server's issuer identifier, e.g. `https://api.telnyx.com`. `https:`, or `http:` on a
   * loopback host (a dev server). Discovery (RFC 8414) starts here unless `metadata` or `tokenEndpoint`
   * is given; session cookies are bound to it.
   */
  readonly issuer: string;
  /** The confidential client's id. Session cookies are bound to it. */
  readonly clientId: string;
  /** The confidential client's secret. Only ever sent to the token and revocation endpoints. */
  readonly clientSecret: string;
  /**
   * Cookie encryption keys, newest first: each 32 random bytes as unpadded base64url (43 characters, from
   * `npx telnyx-oauth-token-handler generate-key`). The first encrypts; the others only decrypt, so a new
   * key goes first and an old one is removed once every cookie it sealed has been refreshed or expired.
   */
  readonly cookieKeys: readonly string[];
  /**
   * The exact origins (`https://app.example.com`, `http://localhost:5173`) whose pages may call the
   * handler. Requests without an `Origin` header, or with another one, are refused. `http:` only for
   * loopback hosts.
   */
  readonly allowedOrigins: readonly string[];
  /** Where the endpoints live: `{basePath}/token`, `/refresh`, `/logout`, `/session`. Default `/api/auth`. */
  readonly basePath?: string;
  /**
   * Redirect URIs a code may be exchanged for, compared exactly. Default: any `http(s)` URI on the origin
   * of the request (which is an allowed origin).
   */
  readonly redirectUris?: readonly string[];
  /** Client authentication at the token endpoint. Default `client_secret_basic`. */
  readonly tokenEndpointAuthMethod?: ClientAuthMethod;
  /** Client authentication at the revocation endpoint. Default: `tokenEndpointAuthMethod`. */
  readonly revocationEndpointAuthMethod?: ClientAuthMethod;
  /**
   * A full metadata document: no discovery. Its `issuer` must equal `issuer`. `tokenEndpoint` and
   * `revocationEndpoint` still override its members.
   */
  readonly metadata?: AuthorizationServerMetadata;
  /**
   * The token endpoint, e.g. `https://api.telnyx.com/oauth/token` (the telnyx.com document). Given without
   * `metadata`, the handler does no discovery at all: then only `revocationEndpoint` names a revocation
   * endpoint.
   */
  readonly tokenEndpoint?: string;
  /**
   * The RFC 7009 revocation endpoint, e.g. `https://api.telnyx.com/oauth/revoke`; `false` never revokes,
   * even when the metadata advertises one. Default: the metadata's `revocation_endpoint`, if any.
   */
  readonly revocationEndpoint?: string | false;
  /** The session cookie. */
  readonly cookie?: {
    /**
     * Base name, default `telnyx-auth`. The handler adds `__Host-` (Secure, path `/`) or `__Secure-`
     * (Secure, another path) itself on https origins, so the name may not start with `__`.
     */
    readonly name?: string;
    /** Default `basePath`. Must be `basePath` or a parent of it. `/` gets the `__Host-` prefix. */
    readonly path?: string;
    /**
     * Seconds the session lasts without being refreshed upstream: the cookie's `Max-Age` and the sealed
     * expiry. Default 30 days; an upstream `refresh_token_expires_in` shortens it. At most 400 days.
     */
    readonly maxAgeSeconds?: number;
  };
  /** `fetch` for every upstream request. Default: `globalThis.fetch` at call time. */
  readonly fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Per upstream request, including reading its body. Default 10 s. */
  readonly requestTimeout?: number;
  /** Retries of one upstream request when the rules allow (see README). Default 2, at most 5. */
  readonly maxRetries?: number;
  /** A longer backoff or upstream `Retry-After` is not waited for: the browser gets it instead. Default 5 s. */
  readonly maxRetryDelay?: number;
  /**
   * How long a finished refresh (or code exchange) is handed to a request presenting the same refresh
   * token (or the same code, verifier and redirect URI), instead of calling upstream again. Default 10 s.
   */
  readonly reuseWindow?: number;
  /** How long discovered metadata is used before it is fetched again. Default 1 h. */
  readonly discoveryTtl?: number;
  /** Largest request body read, in bytes; larger answers 413. Default 4096. */
  readonly maxBodyBytes?: number;
  /** Called after every request with what happened (no secrets). Exceptions it throws are ignored. */
  readonly onEvent?: (event: TokenHandlerEvent) => void;
  /** Clock in ms (tests). Default `Date.now()`. */
  readonly now?: () => number;
}

/** The validated configuration the handler runs on. */
export interface ResolvedOptions {
  readonly issuer: string;
  readonly issuerUrl: URL;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The keys' raw bytes, newest first, decoded and checked once. */
  readonly cookieKeys: readonly Uint8Array<ArrayBuffer>[];
  readonly allowedOrigins: ReadonlySet<string>;
  readonly basePath: string;
  readonly redirectUris: ReadonlySet<string> | undefined;
  readonly tokenEndpointAuthMethod: ClientAuthMethod;
  readonly revocationEndpointAuthMethod: ClientAuthMethod;
  readonly metadata: AuthorizationServerMetadata | undefined;
  readonly tokenEndpoint: string | undefined;
  readonly revocationEndpoint: string | false | undefined;
  readonly cookieName: string;
  readonly cookiePath: string;
  readonly cookieMaxAgeSeconds: number;
  readonly fetch: (input: string, init: RequestInit) => Promise<Response>;
  readonly requestTimeout: number;
  readonly maxRetries: number;
  readonly maxRetryDelay: number;
  readonly reuseWindow: number;
  readonly discoveryTtl: number;
  readonly maxBodyBytes: number;
  readonly onEvent: ((event: TokenHandlerEvent) => void) | undefined;
  readonly now: () => number;
}

const DAY = 24 * 60 * 60;
const PATH = /^(?:\/[A-Za-z0-9._~!$&'()*+,=:@-]+)+$/;
// RFC 6265 §4.1.1 cookie-name = token (RFC 9110 §5.6.2).
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const AUTH_METHODS: readonly ClientAuthMethod[] = ['client_secret_basic', 'client_secret_post'];

/** `new URL`, or undefined (URL.parse is missing in older runtimes). */
export function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

function fail(message: string): never {
  throw new TypeError(message);
}

function nonEmptyString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') fail(`${name} must be a non-empty string.`);
  return value;
}

/** A URL the handler may send a secret or token to: https, or http on loopback (one rule, core's). */
function endpointUrl(value: unknown, name: string): URL {
  const url = parseUrl(nonEmptyString(value, name)) ?? fail(`${name} must be an absolute URL.`);
  if (!isSecureOrLoopback(url)) fail(`${name} must use https (http only for loopback hosts).`);
  if (url.hash !== '') fail(`${name} must not have a fragment.`);
  return url;
}

function origin(value: unknown, index: number): string {
  const name = `allowedOrigins[${index}]`;
  const url = endpointUrl(value, name);
  const text = (value as string).replace(/\/$/, '');
  if (url.origin !== text) fail(`${name} must be an origin like https://app.example.com (no path).`);
  return url.origin;
}

function duration(
  value: number | undefined,
  fallback: number,
  name: string,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(`${name} must be an integer from ${min} to ${max}.`);
  }
  return value;
}

function authMethod(value: unknown, name: string, fallback: ClientAuthMethod): ClientAuthMethod {
  if (value === undefined) return fallback;
  if (!AUTH_METHODS.includes(value as ClientAuthMethod))
    fail(`${name} must be one of ${AUTH_METHODS.join(', ')}.`);
  return value as ClientAuthMethod;
}

function isPathPrefix(parent: string, path: string): boolean {
  return parent === '/' || path === parent || path.startsWith(`${parent}/`);
}

/**
 * Validates options into a {@link ResolvedOptions}.
 *
 * @throws TypeError naming the first option that is missing or invalid.
 */
export function resolveOptions(options: TokenHandlerOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) fail('createTokenHandler needs an options object.');
  const issuerUrl = endpointUrl(options.issuer, 'issuer');
  if (issuerUrl.search !== '') fail('issuer must not have a query.');
  const issuer = options.issuer;
  const clientId = nonEmptyString(options.clientId, 'clientId');
  const clientSecret = nonEmptyString(options.clientSecret, 'clientSecret');

  const cookieKeys = decodeCookieKeys(options.cookieKeys);

  if (!Array.isArray(options.allowedOrigins) || options.allowedOrigins.length === 0) {
    fail('allowedOrigins must list the origins of the pages that call the handler.');
  }
  const allowedOrigins = new Set(options.allowedOrigins.map(origin));

  const basePath = (options.basePath ?? '/api/auth').replace(/\/+$/, '');
  if (!PATH.test(basePath))
    fail('basePath must be a path like /api/auth (letters, digits, -._~ and the like).');

  let redirectUris: Set<string> | undefined;
  if (options.redirectUris !== undefined) {
    if (!Array.isArray(options.redirectUris) || options.redirectUris.length === 0) {
      fail('redirectUris, when given, must list at least one URI.');
    }
    redirectUris = new Set(
      options.redirectUris.map((uri, index) => {
        const url = endpointUrl(uri, `redirectUris[${index}]`);
        if (!allowedOrigins.has(url.origin)) fail(`redirectUris[${index}] is not on an allowed origin.`);
        return uri;
      }),
    );
  }

  const tokenEndpointAuthMethod = authMethod(
    options.tokenEndpointAuthMethod,
    'tokenEndpointAuthMethod',
    'client_secret_basic',
  );
  const revocationEndpointAuthMethod = authMethod(
    options.revocationEndpointAuthMethod,
    'revocationEndpointAuthMethod',
    tokenEndpointAuthMethod,
  );

  let metadata: AuthorizationServerMetadata | undefined;
  if (options.metadata !== undefined) {
    const given = options.metadata;
    if (typeof given !== 'object' || given === null) fail('metadata must be an RFC 8414 metadata object.');
    if (typeof given.issuer !== 'string' || parseUrl(given.issuer)?.href !== issuerUrl.href) {
      fail('metadata.issuer must equal issuer.');
    }
    if (options.tokenEndpoint === undefined) endpointUrl(given.token_endpoint, 'metadata.token_endpoint');
    if (given.revocation_endpoint !== undefined && options.revocationEndpoint === undefined) {
      endpointUrl(given.revocation_endpoint, 'metadata.revocation_endpoint');
    }
    metadata = given;
  }
  const tokenEndpoint =
    options.tokenEndpoint === undefined
      ? undefined
      : endpointUrl(options.tokenEndpoint, 'tokenEndpoint').href;
  let revocationEndpoint: string | false | undefined;
  if (options.revocationEndpoint === false) revocationEndpoint = false;
  else if (options.revocationEndpoint !== undefined) {
    revocationEndpoint = endpointUrl(options.revocationEndpoint, 'revocationEndpoint').href;
  }

  const cookieName = options.cookie?.name ?? 'telnyx-auth';
  if (!TOKEN.test(cookieName) || cookieName.startsWith('__')) {
    fail('cookie.name must be a cookie token without a __ prefix (the handler adds __Host- or __Secure-).');
  }
  const cookiePath = (options.cookie?.path ?? basePath).replace(/(.)\/+$/, '$1');
  if (cookiePath !== '/' && !PATH.test(cookiePath)) fail('cookie.path must be a path like /api/auth.');
  if (!isPathPrefix(cookiePath, basePath)) fail('cookie.path must be basePath or a parent of it.');
  const cookieMaxAgeSeconds = duration(
    options.cookie?.maxAgeSeconds,
    30 * DAY,
    'cookie.maxAgeSeconds',
    60,
    400 * DAY,
  );

  if (options.fetch !== undefined && typeof options.fetch !== 'function') fail('fetch must be a function.');
  if (options.onEvent !== undefined && typeof options.onEvent !== 'function')
    fail('onEvent must be a function.');
  if (options.now !== undefined && typeof options.now !== 'function') fail('now must be a function.');

  return Object.freeze({
    issuer,
    issuerUrl,
    clientId,
    clientSecret,
    cookieKeys,
    allowedOrigins,
    basePath,
    redirectUris,
    tokenEndpointAuthMethod,
    revocationEndpointAuthMethod,
    metadata,
    tokenEndpoint,
    revocationEndpoint,
    cookieName,
    cookiePath,
    cookieMaxAgeSeconds,
    fetch: options.fetch ?? ((input: string, init: RequestInit) => globalThis.fetch(input, init)),
    requestTimeout: duration(options.requestTimeout, 10_000, 'requestTimeout', 100, 120_000),
    maxRetries: duration(options.maxRetries, DEFAULT_MAX_RETRIES, 'maxRetries', 0, 5),
    maxRetryDelay: duration(options.maxRetryDelay, 5_000, 'maxRetryDelay', 0, 60_000),
    reuseWindow: duration(options.reuseWindow, 10_000, 'reuseWindow', 0, 60_000),
    discoveryTtl: duration(options.discoveryTtl, 60 * 60 * 1000, 'discoveryTtl', 0, 7 * DAY * 1000),
    maxBodyBytes: duration(options.maxBodyBytes, 4096, 'maxBodyBytes', 512, 65_536),
    onEvent: options.onEvent,
    now: options.now ?? (() => Date.now()),
  });
}
