/**
 * One API call from start to finish: URL and body encoding, credentials, per-attempt timeout, the
 * caller's abort signal, retries (rules in retry.ts), the single refresh-and-retry on `invalid_token`
 * for session-bound clients, and the mapping of every failure to a typed error.
 */
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  TelnyxError,
  ValidationError,
} from './errors.js';
import {
  MAX_RETRY_AFTER_MS,
  isRetryableAnswer,
  isRetryableConnectionFailure,
  type RetryPolicy,
} from './retry.js';
import { classifyUnauthorized } from '../shared/bearer-challenge.js';
import { backoffDelay, retryAfterMs } from '../shared/retry.js';
import { applyClientAuth, formEncode } from './encode.js';
import { requireInteger, requireSecureURL } from './validate.js';
import { errorText, readResponse, type AttemptResponse } from './response.js';

export type HTTPMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Options every method accepts as its last argument; they apply to that call only. */
export interface RequestOptions {
  /** Retries after the first attempt; default the client's (2). */
  maxRetries?: number;
  /** Per-attempt timeout in ms; default the client's (60 000). */
  timeout?: number;
  /**
   * Aborts the call: the request in flight, or the wait before a retry. The call then rejects with an
   * {@link APIUserAbortError} carrying the signal's reason as `cause`.
   */
  signal?: AbortSignal;
  /** Extra headers for this request; they win over the client's `defaultHeaders` and the ones it sets. */
  headers?: Record<string, string>;
}

/** Options of `oauth.introspect`: client authentication, and where to send it. */
export interface IntrospectOptions extends ClientAuthOptions {
  /**
   * The server's `introspection_endpoint` (RFC 8414 metadata), when it is not Telnyx's
   * `/v2/oauth/introspect` under the base URL: an absolute https URL (http on loopback only).
   */
  endpoint?: string;
}

/**
 * Client authentication for the token and introspection endpoints, plus the usual {@link RequestOptions}.
 *
 * @see RFC 6749 §2.3.1
 */
export interface ClientAuthOptions extends RequestOptions {
  /**
   * The client's id. With `clientSecret`: HTTP Basic authentication. Alone: sent as `client_id` in the body
   * (a public client identifying itself), unless the body already has one.
   */
  clientId?: string;
  /**
   * With `clientId`, sent as HTTP Basic credentials (`client_secret_basic`, each part form-urlencoded first);
   * without `clientId` the call throws a {@link ValidationError}. Server side only: never ship a secret to
   * a browser.
   */
  clientSecret?: string;
}

/** How a request proves who is calling. */
export type AuthMode = 'bearer' | 'none' | 'client';

export interface APIRequest {
  method: HTTPMethod;
  /**
   * Path under the base URL, e.g. `/v2/oauth_clients` or `/.well-known/oauth-authorization-server`; or an
   * absolute URL a server advertised (https, or http on loopback only).
   */
  path: string;
  query?: Record<string, unknown>;
  body?: Record<string, unknown>;
  /** `form` for the RFC 6749 / RFC 7662 endpoints, `json` elsewhere. */
  bodyType?: 'json' | 'form';
  auth: AuthMode;
  options?: ClientAuthOptions | undefined;
  /** `manual` returns a 3xx answer instead of following it (authorize). */
  redirect?: 'manual';
  /** Default: the SDK rules. `single-use` for code exchanges and refresh-token rotation (see retry.ts). */
  retry?: RetryPolicy;
}

/** Where bearer tokens come from. `refresh` exists only for session-bound clients. */
export interface CredentialSource {
  /** The option the credentials came from, named in errors (`apiKey`, `accessToken`, `auth`). */
  field: string;
  get(): Promise<string | undefined>;
  /** A fresh token after the API refused `rejected` (the one just sent). */
  refresh?: (rejected: string) => Promise<string>;
}

export interface TransportConfig {
  baseURL: string;
  maxRetries: number;
  timeout: number;
  fetch: typeof fetch;
  credentials: CredentialSource;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  defaultHeaders: Record<string, string>;
}

/** What a successful answer turned into. */
export interface RawResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON; undefined for 204 and for redirects. */
  body: unknown;
  location: string | null;
}

const TIMEOUT = Symbol('timeout');
/** RFC 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=" (leniently: any visible ASCII). */
const BEARER_TOKEN = /^[\x21-\x7E]+$/;

export class Transport {
  constructor(readonly config: TransportConfig) {}

  async request(req: APIRequest): Promise<RawResponse> {
    const options = req.options ?? {};
    const maxRetries = requireInteger('maxRetries', options.maxRetries ?? this.config.maxRetries, 0);
    const timeout = requireInteger('timeout', options.timeout ?? this.config.timeout, 1);
    const url = this.buildURL(req.path, req.query);
    const userSignal = options.signal;
    if (userSignal?.aborted) throw new APIUserAbortError({ cause: userSignal.reason });

    let token = req.auth === 'bearer' ? await this.bearerToken(req) : undefined;
    let refreshed = false;
    let retryIndex = 0;

    for (;;) {
      const init = this.buildInit(req, token);
      const outcome = await this.attempt(url, init, timeout, userSignal, req.redirect === 'manual');
      const canRetry = retryIndex < maxRetries;

      if (outcome instanceof APIConnectionError) {
        if (!canRetry || !isRetryableConnectionFailure(req.retry)) throw outcome;
        await this.pause(backoffDelay(retryIndex), userSignal);
        retryIndex++;
        continue;
      }
      const res = outcome;
      if (res.succeeded) return res;

      if (
        res.status === 401 &&
        token !== undefined &&
        !refreshed &&
        this.config.credentials.refresh &&
        classifyUnauthorized(res.headers.get('www-authenticate')) === 'refresh'
      ) {
        // RFC 6750 §3.1: the token expired or was revoked early. Refresh once, retry once.
        refreshed = true;
        try {
          token = await this.config.credentials.refresh(token);
        } catch (cause) {
          throw APIError.generate(res.status, res.body, undefined, res.headers, cause);
        }
        continue;
      }

      // A missing scope is never retried, whatever `x-should-retry` says: the same token gets the same answer.
      const unauthorized = res.status === 401 && classifyUnauthorized(res.headers.get('www-authenticate'));
      if (
        canRetry &&
        unauthorized !== 'insufficient_scope' &&
        isRetryableAnswer(res.status, res.headers, req.retry)
      ) {
        const requested = retryAfterMs(res.headers);
        if (requested === undefined || requested <= MAX_RETRY_AFTER_MS) {
          await this.pause(requested ?? backoffDelay(retryIndex), userSignal);
          retryIndex++;
          continue;
        }
      }
      throw APIError.generate(res.status, res.body, errorText(res), res.headers);
    }
  }

  private async bearerToken(req: APIRequest): Promise<string> {
    const token = await this.config.credentials.get();
    if (token && !BEARER_TOKEN.test(token)) {
      // RFC 6750 §2.1 b64token; anything else would be refused by Headers or mangled on the wire.
      throw new ValidationError(
        this.config.credentials.field,
        'must be a token without spaces or control characters',
      );
    }
    if (!token) {
      throw new ValidationError(
        this.config.credentials.field,
        `${req.method} ${req.path} needs credentials: pass apiKey or accessToken, set TELNYX_API_KEY, ` +
          'or bind a signed-in session with createTelnyxOAuthAPI({ auth })',
      );
    }
    return token;
  }

  private buildURL(path: string, query: Record<string, unknown> | undefined): string {
    if (/^https?:/i.test(path)) return withQuery(requireSecureURL('endpoint', path), query);
    const base = new URL(this.config.baseURL);
    // RFC 8414 §3.1, RFC 9728 §3.1: a well-known URI goes between the host and the issuer's own path
    // (`https://host/.well-known/oauth-authorization-server/tenant`), not after it.
    const href = path.startsWith('/.well-known/')
      ? `${base.origin}${path}${base.pathname.replace(/\/$/, '')}`
      : this.config.baseURL + path;
    return withQuery(new URL(href), query);
  }

  private buildInit(req: APIRequest, token: string | undefined): RequestInit {
    const headers = new Headers(this.config.defaultHeaders);
    headers.set('accept', 'application/json');
    let body: string | undefined;
    const fields = { ...req.body };
    if (req.auth === 'bearer' && token) headers.set('authorization', `Bearer ${token}`);
    if (req.auth === 'client') applyClientAuth(headers, fields, req.options ?? {});
    if (req.body !== undefined) {
      if (req.bodyType === 'form') {
        headers.set('content-type', 'application/x-www-form-urlencoded');
        body = formEncode(fields);
      } else {
        headers.set('content-type', 'application/json');
        body = JSON.stringify(fields);
      }
    }
    for (const [name, value] of Object.entries(req.options?.headers ?? {})) headers.set(name, value);
    const init: RequestInit = { method: req.method, headers };
    if (body !== undefined) init.body = body;
    if (req.redirect) init.redirect = req.redirect;
    return init;
  }

  /** One attempt, the body read included, bounded by `timeout`. Connection failures are returned, not thrown. */
  private async attempt(
    url: string,
    init: RequestInit,
    timeout: number,
    userSignal: AbortSignal | undefined,
    manualRedirect: boolean,
  ): Promise<AttemptResponse | APIConnectionError> {
    if (userSignal?.aborted) throw new APIUserAbortError({ cause: userSignal.reason });
    const controller = new AbortController();
    const onUserAbort = () => controller.abort(userSignal?.reason);
    userSignal?.addEventListener('abort', onUserAbort, { once: true });
    const timer = setTimeout(() => controller.abort(TIMEOUT), timeout);
    try {
      const res = await this.config.fetch(url, { ...init, signal: controller.signal });
      const text = await res.text();
      return readResponse(res, text, manualRedirect);
    } catch (cause) {
      if (cause instanceof TelnyxError) throw cause;
      if (userSignal?.aborted) throw new APIUserAbortError({ cause: userSignal.reason });
      if (controller.signal.reason === TIMEOUT) {
        return new APIConnectionTimeoutError({ message: `Request timed out after ${timeout} ms.` });
      }
      return new APIConnectionError({ message: `Connection error: ${describe(cause)}`, cause });
    } finally {
      clearTimeout(timer);
      userSignal?.removeEventListener('abort', onUserAbort);
    }
  }

  private async pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
    try {
      await this.config.sleep(ms, signal);
    } catch (cause) {
      if (signal?.aborted) throw new APIUserAbortError({ cause: signal.reason });
      throw cause;
    }
  }
}

function withQuery(url: URL, query: Record<string, unknown> | undefined): string {
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
  }
  return url.toString();
}

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = cause.cause instanceof Error ? ` (${cause.cause.message})` : '';
    return `${cause.message}${inner}`;
  }
  return String(cause);
}
