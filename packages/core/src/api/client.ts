/**
 * `TelnyxOAuthAPI`: every endpoint of the Telnyx OAuth API, named as in Telnyx's own SDKs.
 * Server side it authenticates with an API key (default `TELNYX_API_KEY`); in the browser it binds to a
 * signed-in session (`createTelnyxOAuthAPI({ auth })`) and sends, and refreshes, the user's access token.
 */
import { DEFAULT_ISSUER } from '../names.js';
import { ValidationError } from './errors.js';
import { Transport, type CredentialSource } from './request.js';
import { DEFAULT_MAX_RETRIES } from './retry.js';
import { sleep } from '../shared/retry.js';
import { OAuth } from './resources/oauth.js';
import { OAuthClients } from './resources/oauth-clients.js';
import { OAuthGrants } from './resources/oauth-grants.js';
import { WellKnown } from './resources/well-known.js';
import { requireInteger, requireSecureURL } from './validate.js';

/**
 * The host of Telnyx's API: `https://api.telnyx.com` (Telnyx's issuer). Discovery documents live at its
 * root, every other endpoint under `/v2`. Used when neither `baseURL`, `TELNYX_BASE_URL` nor a session's
 * issuer names another.
 */
export const DEFAULT_BASE_URL = DEFAULT_ISSUER;
/** The default per-attempt timeout, in ms: 60 000 (60 s), as in Telnyx's SDKs. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * The part of a `TelnyxAuth` session (from `createTelnyxAuth` in `@telnyx-oauth/core`) the API client uses:
 * a token source that can be forced to refresh, and the issuer it signed in with. Structural, so this entry
 * imports neither the sign-in runtime nor its browser (DOM) types, and any object of this shape will do.
 */
export interface AccessTokenSource {
  /**
   * The current access token, refreshed first when it is about to expire. The client calls it before every
   * request that needs a bearer token, and once with `{ forceRefresh: true, rejected }` when the API answers
   * 401 `invalid_token` (RFC 6750 §3.1): `rejected` is the token the API refused, so a source that already
   * holds a newer one returns it without refreshing again. A rejection fails the API call.
   */
  getAccessToken(options?: { forceRefresh?: boolean; rejected?: string }): Promise<string>;
  /** The issuer the session signed in with: the client's default `baseURL`. */
  readonly issuer: string;
}

/**
 * Options of {@link TelnyxOAuthAPI} (and {@link createTelnyxOAuthAPI}, {@link TelnyxOAuthAPI.withOptions}).
 * Bearer credentials are chosen in this order: `auth`, `accessToken`, `apiKey`, `TELNYX_API_KEY`; a call
 * that needs one and finds none throws a {@link ValidationError} before anything is sent.
 */
export interface ClientOptions {
  /** Telnyx API key (bearer). Defaults to `process.env.TELNYX_API_KEY` where a `process` exists. */
  apiKey?: string | null | undefined;
  /** An OAuth access token (bearer), or a function returning the current one. Wins over `apiKey`. */
  accessToken?: string | (() => string | Promise<string>) | null | undefined;
  /** A signed-in session: every call uses its access token and refreshes it once on `invalid_token`. */
  auth?: AccessTokenSource | undefined;
  /**
   * Host of the API: default `TELNYX_BASE_URL`, else the session's issuer, else `https://api.telnyx.com`.
   * A trailing `/v2` is accepted and dropped (discovery documents live at the host root). `http:` only
   * for loopback hosts, so a key never crosses a network in the clear.
   */
  baseURL?: string | null | undefined;
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number | undefined;
  /** Per-attempt timeout in ms. Default 60 000. */
  timeout?: number | undefined;
  /** Custom fetch (proxy, tests). Default: `globalThis.fetch` at call time. */
  fetch?: typeof fetch | undefined;
  /** Headers added to every request. */
  defaultHeaders?: Record<string, string> | undefined;
  /** The wait between retries; swap it to make retry tests instant. Must reject when `signal` aborts. */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
}

/**
 * The Telnyx OAuth API: discovery ({@link TelnyxOAuthAPI.wellKnown}), the protocol endpoints
 * ({@link TelnyxOAuthAPI.oauth}) and the management API ({@link TelnyxOAuthAPI.oauthClients},
 * {@link TelnyxOAuthAPI.oauthGrants}), with the names, errors, retries and pagination of Telnyx's own SDKs.
 *
 * Every method validates its arguments before sending (a {@link ValidationError} naming the field), retries
 * connection failures, timeouts, 408, 409, 429 and 5xx up to `maxRetries` times with backoff (0.5 s doubling
 * to 8 s, or the server's `Retry-After` up to 60 s; an `x-should-retry` header decides first), and throws an
 * {@link APIError} subclass for the answer it finally got. Code exchanges and refreshes are retried more
 * carefully (see {@link OAuth.token}).
 *
 * @example
 * ```ts
 * // Server side, with an API key (default: process.env.TELNYX_API_KEY).
 * const api = new TelnyxOAuthAPI({ apiKey: process.env.TELNYX_API_KEY });
 * for await (const client of api.oauthClients.list({ 'filter[client_type]': 'public' })) {
 *   console.log(client.client_id, client.name);
 * }
 * ```
 */
export class TelnyxOAuthAPI {
  /**
   * The host every request goes to, normalised: no trailing slash and no `/v2` (the paths carry it),
   * e.g. `https://api.telnyx.com`.
   */
  readonly baseURL: string;
  /** Retries after the first attempt of a request, unless a call's options say otherwise. Default 2. */
  readonly maxRetries: number;
  /** Per-attempt timeout in ms (body read included), unless a call's options say otherwise. Default 60000. */
  readonly timeout: number;

  /** Discovery: the RFC 8414 and RFC 9728 metadata documents at the host root. */
  readonly wellKnown: WellKnown;
  /** The protocol endpoints under `/v2/oauth`: authorize, consent, token, introspect, JWKS, register. */
  readonly oauth: OAuth;
  /** `/v2/oauth_clients`: the OAuth applications of the calling user (management API, bearer token). */
  readonly oauthClients: OAuthClients;
  /** `/v2/oauth_grants`: the applications the calling user has authorised (management API, bearer token). */
  readonly oauthGrants: OAuthGrants;

  readonly #options: ClientOptions;

  /**
   * @throws {@link ValidationError} (`validation_error`) when `baseURL` is not an absolute `https:` URL
   *   (`http:` only on a loopback host) or has a query or fragment, when `maxRetries` is not an integer
   *   ≥ 0, or when `timeout` is not an integer ≥ 1. No request is made.
   */
  constructor(options: ClientOptions = {}) {
    this.#options = { ...options };
    this.baseURL = normalizeBaseURL(options.baseURL ?? readEnv('TELNYX_BASE_URL') ?? options.auth?.issuer);
    this.maxRetries = requireInteger('maxRetries', options.maxRetries ?? DEFAULT_MAX_RETRIES, 0);
    this.timeout = requireInteger('timeout', options.timeout ?? DEFAULT_TIMEOUT_MS, 1);
    const customFetch = options.fetch;
    const transport = new Transport({
      baseURL: this.baseURL,
      maxRetries: this.maxRetries,
      timeout: this.timeout,
      // Resolved per call, so a fetch polyfilled or mocked after construction is used.
      fetch: customFetch ?? ((input, init) => globalThis.fetch(input, init)),
      credentials: credentialSource(options),
      sleep: options.sleep ?? sleep,
      defaultHeaders: { ...options.defaultHeaders },
    });
    this.wellKnown = new WellKnown(transport);
    this.oauth = new OAuth(transport);
    this.oauthClients = new OAuthClients(transport);
    this.oauthGrants = new OAuthGrants(transport);
  }

  /**
   * A new client with some options changed (e.g. `api.withOptions({ timeout: 5_000 })`); this one is left
   * as it was. Options not given keep their values from this client's constructor.
   *
   * @throws {@link ValidationError} as the constructor does.
   */
  withOptions(options: ClientOptions): TelnyxOAuthAPI {
    return new TelnyxOAuthAPI({ ...this.#options, ...options });
  }
}

/**
 * A client bound to a signed-in session, for the browser: every call sends the session's access token, and a
 * 401 `invalid_token` refreshes it once and retries once (a 401 `insufficient_scope` is thrown as is: a new
 * token would not have the scope either). The base URL defaults to the session's issuer.
 *
 * @example
 * ```ts
 * const auth = createTelnyxAuth({ clientId, redirectUri });
 * const api = createTelnyxOAuthAPI({ auth });
 * const { data: grants } = await api.oauthGrants.list();
 * ```
 *
 * @throws {@link ValidationError} (field `auth`) when `auth` has no `getAccessToken` method, and whatever
 *   the {@link TelnyxOAuthAPI} constructor throws.
 */
export function createTelnyxOAuthAPI(options: ClientOptions & { auth: AccessTokenSource }): TelnyxOAuthAPI {
  if (!options || typeof options.auth?.getAccessToken !== 'function') {
    throw new ValidationError('auth', 'must be a TelnyxAuth (from createTelnyxAuth)');
  }
  return new TelnyxOAuthAPI(options);
}

function credentialSource(options: ClientOptions): CredentialSource {
  const { auth, accessToken } = options;
  if (auth) {
    return {
      field: 'auth',
      get: () => auth.getAccessToken(),
      refresh: (rejected) => auth.getAccessToken({ forceRefresh: true, rejected }),
    };
  }
  if (typeof accessToken === 'function') {
    return { field: 'accessToken', get: async () => (await accessToken()) || undefined };
  }
  if (accessToken) return { field: 'accessToken', get: async () => accessToken };
  const apiKey = options.apiKey || readEnv('TELNYX_API_KEY');
  return { field: 'apiKey', get: async () => apiKey || undefined };
}

/** `process.env[name]`, or undefined where there is no `process` (browsers, workers) or it throws. */
function readEnv(name: string): string | undefined {
  try {
    const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
    const value = env?.[name]?.trim();
    return value ? value : undefined;
  } catch {
    return undefined;
  }
}

function normalizeBaseURL(value: string | null | undefined): string {
  const url = requireSecureURL('baseURL', value ?? DEFAULT_BASE_URL);
  if (url.search || url.hash) throw new ValidationError('baseURL', 'must not have a query or fragment');
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '').replace(/\/v2$/, '');
}
