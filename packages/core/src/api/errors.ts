/**
 * The error hierarchy of Telnyx's generated SDKs, with a stable `code` on every class.
 *
 *   TelnyxError
 *   ├── ValidationError                     (client side: a value was refused before any request)
 *   └── APIError                            (status, headers, parsed body)
 *       ├── APIUserAbortError               (the caller's signal aborted)
 *       ├── APIConnectionError              (no response: DNS, reset, dropped socket)
 *       │   └── APIConnectionTimeoutError   (no response within `timeout`)
 *       ├── BadRequestError 400, AuthenticationError 401 (└── InsufficientScopeError), PermissionDeniedError 403,
 *       ├── NotFoundError 404,
 *       ├── ConflictError 409, UnprocessableEntityError 422, RateLimitError 429
 *       └── InternalServerError ≥ 500
 */

import { classifyUnauthorized, parseBearerChallenge } from '../shared/bearer-challenge.js';
import { retryAfterMs } from '../shared/retry.js';

/**
 * The stable `code` of every error this client throws, to branch on without `instanceof`:
 *
 * - `validation_error`: {@link ValidationError}, a value refused before any request was sent;
 * - `api_error`: an {@link APIError} for a status without a class of its own (e.g. 402, 405, 410);
 * - `invalid_response`: the server answered 2xx with a body that is not JSON, or a listing without a `data`
 *   array (an {@link APIError} with the status and the raw body);
 * - `no_next_page`: {@link Page.getNextPage} on the last page (a {@link TelnyxError});
 * - `aborted`: {@link APIUserAbortError}; `connection_error`: {@link APIConnectionError};
 *   `timeout`: {@link APIConnectionTimeoutError};
 * - one per status class: `bad_request` 400, `authentication_failed` 401, `permission_denied` 403,
 *   `not_found` 404, `conflict` 409, `unprocessable_entity` 422, `rate_limited` 429,
 *   `internal_server_error` ≥ 500;
 * - `insufficient_scope`: {@link InsufficientScopeError}, a 401 whose `WWW-Authenticate: Bearer` challenge
 *   says `error="insufficient_scope"` (the token is valid but lacks a scope).
 */
export type TelnyxAPIErrorCode =
  | 'validation_error'
  | 'api_error'
  | 'invalid_response'
  | 'no_next_page'
  | 'aborted'
  | 'connection_error'
  | 'timeout'
  | 'bad_request'
  | 'authentication_failed'
  | 'insufficient_scope'
  | 'permission_denied'
  | 'not_found'
  | 'conflict'
  | 'unprocessable_entity'
  | 'rate_limited'
  | 'internal_server_error';

/** One entry of an error answer, normalised from either body shape. */
export interface APIErrorDetail {
  /** Telnyx error code (e.g. `"10027"`) or the RFC 6749 `error` (e.g. `"invalid_grant"`). */
  code?: string;
  /** A short summary (Telnyx's `title`; for an RFC 6749 body, the `error` code again). */
  title?: string;
  /** The explanation (Telnyx's `detail`, or the RFC 6749 `error_description`). */
  detail?: string;
  /** Which part of the request the error is about, when the server says. */
  source?: {
    /** A JSON Pointer (RFC 6901) into the request body, e.g. `/allowed_scopes`. */
    pointer?: string;
    /** The query parameter at fault, e.g. `page[size]`. */
    parameter?: string;
  };
  /**
   * Anything else the server attached: Telnyx's `meta` (e.g. a documentation URL), or, for an RFC 7591
   * `invalid_client_metadata` answer, `{ invalid_fields: [...] }`.
   */
  meta?: Record<string, unknown>;
}

/**
 * The base class of every error this client throws: `catch (e) { if (e instanceof TelnyxError) … }` catches
 * them all, and {@link TelnyxError.code} tells them apart. Thrown as such only for `no_next_page`.
 */
export class TelnyxError extends Error {
  /** The class name (`TelnyxError`, `ValidationError`, `RateLimitError`, …), as in stack traces. */
  override readonly name: string = 'TelnyxError';
  /** What went wrong, stable across versions (the message is not): see {@link TelnyxAPIErrorCode}. */
  readonly code: TelnyxAPIErrorCode;

  constructor(code: TelnyxAPIErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}

/**
 * A value was refused before it was sent (code `validation_error`): a required field missing, a wrong type,
 * an enum value the API does not know, a redirect URI with a fragment, a scope with a space in it, a page
 * size over 100, a bad client option, or missing credentials. Nothing reached the server. The message starts
 * with the field.
 */
export class ValidationError extends TelnyxError {
  override readonly name: string = 'ValidationError';
  /**
   * The value refused, named the way the API names it (`redirect_uris[1]`, `page[size]`), or the client
   * option (`baseURL`, `timeout`, `apiKey`, `auth`).
   */
  readonly field: string;

  constructor(field: string, message: string) {
    super('validation_error', `${field}: ${message}`);
    this.field = field;
  }
}

/**
 * The request was sent and failed: the server answered an error status (a subclass per status, see
 * {@link APIError.generate}), answered 2xx with an unreadable body (code `invalid_response`), or never
 * answered ({@link APIConnectionError}, {@link APIUserAbortError}). Both error shapes are read: Telnyx's
 * `{"errors": [...]}` envelope (management API) and RFC 6749's `{error, error_description}` (protocol
 * endpoints), into {@link APIError.errors}. The message summarises them, prefixed with the status.
 *
 * @see RFC 6749 §5.2 (token endpoint errors)
 */
export class APIError extends TelnyxError {
  override readonly name: string = 'APIError';
  /** HTTP status; undefined when no response arrived. */
  readonly status: number | undefined;
  /** The response headers (`WWW-Authenticate`, `Retry-After`, `RateLimit-*`), or undefined without one. */
  readonly headers: Headers | undefined;
  /** The parsed response body (JSON when it was JSON, else the text), as the server sent it. */
  readonly error: unknown;
  /** Every entry of the answer, from a Telnyx `{errors: [...]}` or an RFC 6749 `{error, error_description}`. */
  readonly errors: APIErrorDetail[];
  /** RFC 6749 §5.2 `error`, when the body had that shape. */
  readonly oauthError: string | undefined;
  /** RFC 6749 §5.2 `error_description`, when the body had that shape and one: text for developers. */
  readonly oauthErrorDescription: string | undefined;
  /** `x-request-id` of the response, for support tickets. */
  readonly requestId: string | undefined;
  /** The wait the server asked for (`retry-after-ms` / `Retry-After`), in ms, when it asked. */
  readonly retryAfterMs: number | undefined;

  /** The parsed response body; the same value as `error` (Telnyx's SDKs name it both ways). */
  get body(): unknown {
    return this.error;
  }

  constructor(
    status: number | undefined,
    body: unknown,
    message: string | undefined,
    headers: Headers | undefined,
    options: { code?: TelnyxAPIErrorCode; cause?: unknown } = {},
  ) {
    const parsed = parseErrorBody(body);
    super(options.code ?? 'api_error', composeMessage(status, parsed, message), { cause: options.cause });
    this.status = status;
    this.headers = headers;
    this.error = body;
    this.errors = parsed.errors;
    this.oauthError = parsed.oauthError;
    this.oauthErrorDescription = parsed.oauthErrorDescription;
    this.requestId = headers?.get('x-request-id') ?? undefined;
    this.retryAfterMs = retryAfterMs(headers);
  }

  /**
   * The error for an HTTP status, as Telnyx's SDKs map it: 400 {@link BadRequestError}, 401
   * {@link AuthenticationError} ({@link InsufficientScopeError} when the challenge says
   * `insufficient_scope`), 403 {@link PermissionDeniedError}, 404 {@link NotFoundError}, 409
   * {@link ConflictError}, 422 {@link UnprocessableEntityError}, 429 {@link RateLimitError}, ≥ 500
   * {@link InternalServerError}, any other status a plain {@link APIError} (code `api_error`).
   */
  static generate(
    status: number,
    body: unknown,
    message: string | undefined,
    headers: Headers,
    cause?: unknown,
  ): APIError {
    if (status === 401 && isInsufficientScope(headers))
      return new InsufficientScopeError(status, body, message, headers, { cause });
    const ErrorClass = STATUS_CLASSES[status] ?? (status >= 500 ? InternalServerError : undefined);
    if (ErrorClass) return new ErrorClass(status, body, message, headers, { cause });
    return new APIError(status, body, message, headers, { cause });
  }
}

/**
 * The caller's `signal` aborted the request: before it was sent, while waiting for the answer, or between
 * retries (code `aborted`).
 */
export class APIUserAbortError extends APIError {
  override readonly name: string = 'APIUserAbortError';
  constructor(options: { message?: string; cause?: unknown } = {}) {
    super(undefined, undefined, options.message ?? 'Request was aborted.', undefined, {
      code: 'aborted',
      cause: options.cause,
    });
  }
}

/**
 * No answer arrived: DNS failure, refused or reset connection, TLS error, CORS refusal in a browser (code
 * `connection_error`). Thrown once the retries are spent; its `cause` is what `fetch` threw. Whether the
 * server processed the request is unknown.
 */
export class APIConnectionError extends APIError {
  override readonly name: string = 'APIConnectionError';
  constructor(options: { message?: string; cause?: unknown; code?: TelnyxAPIErrorCode } = {}) {
    super(undefined, undefined, options.message ?? 'Connection error.', undefined, {
      code: options.code ?? 'connection_error',
      cause: options.cause,
    });
  }
}

/** No complete answer within the per-attempt `timeout`, on the last attempt (code `timeout`). */
export class APIConnectionTimeoutError extends APIConnectionError {
  override readonly name: string = 'APIConnectionTimeoutError';
  constructor(options: { message?: string; cause?: unknown } = {}) {
    super({ message: options.message ?? 'Request timed out.', cause: options.cause, code: 'timeout' });
  }
}

type StatusErrorConstructor = new (
  status: number,
  body: unknown,
  message: string | undefined,
  headers: Headers,
  options?: { cause?: unknown; code?: TelnyxAPIErrorCode },
) => APIError;

function statusError(name: string, code: TelnyxAPIErrorCode): StatusErrorConstructor {
  // A named class per status, each with its own stable code (a subclass may name a narrower one).
  return class extends APIError {
    /** The class name, e.g. `RateLimitError`. */
    override readonly name: string = name;
    constructor(
      status: number,
      body: unknown,
      message: string | undefined,
      headers: Headers,
      options: { cause?: unknown; code?: TelnyxAPIErrorCode } = {},
    ) {
      super(status, body, message, headers, { code: options.code ?? code, cause: options.cause });
    }
  };
}

/**
 * 400 (code `bad_request`): the server refused the request as malformed. From the token endpoint, the
 * RFC 6749 error is in {@link APIError.oauthError}: `invalid_grant` (code expired, used or issued to
 * another client; refresh token revoked or rotated; PKCE verifier wrong), `invalid_request`,
 * `invalid_scope`, `unsupported_grant_type`; from registration, RFC 7591 `invalid_client_metadata` or
 * `invalid_redirect_uri`.
 *
 * @see RFC 6749 §5.2; RFC 7591 §3.2.2
 */
export class BadRequestError extends statusError('BadRequestError', 'bad_request') {}
/**
 * 401 (code `authentication_failed`). From the management API: the bearer token is missing, expired or
 * revoked (`WWW-Authenticate: Bearer error="invalid_token"`). A session-bound client has already refreshed
 * once and retried for `invalid_token`. A valid token without the scope the endpoint needs (Telnyx answers
 * `error="insufficient_scope"` with 401, not 403) is the subclass {@link InsufficientScopeError}, code
 * `insufficient_scope`. From the token and introspection endpoints: `invalid_client` (client authentication
 * failed).
 *
 * @see RFC 6750 §3.1; RFC 6749 §5.2
 */
export class AuthenticationError extends statusError('AuthenticationError', 'authentication_failed') {}
/** True when a 401's `WWW-Authenticate` says the token lacks a scope (RFC 6750 §3.1 `insufficient_scope`). */
const isInsufficientScope = (headers: Headers): boolean =>
  classifyUnauthorized(headers.get('www-authenticate')) === 'insufficient_scope';

/**
 * 401 with `WWW-Authenticate: Bearer error="insufficient_scope"` (code `insufficient_scope`): the token is
 * valid but lacks a scope the endpoint needs. Telnyx answers it with 401, not RFC 6750's 403. It is never
 * refreshed nor retried: only a new sign-in asking for the scope helps (`loginWithPopup({ scope })` or
 * `loginWithRedirect({ scope })` of `@telnyx-oauth/core`). Still an {@link AuthenticationError}, so code
 * that catches those keeps working.
 *
 * @see RFC 6750 §3.1
 */
export class InsufficientScopeError extends AuthenticationError {
  override readonly name: string = 'InsufficientScopeError';
  /**
   * The scopes the endpoint needs, from the challenge's `scope` attribute (`scope="account_management.write"`);
   * empty when the server named none.
   */
  readonly scopes: readonly string[];

  constructor(
    status: number,
    body: unknown,
    message: string | undefined,
    headers: Headers,
    options: { cause?: unknown } = {},
  ) {
    super(status, body, message, headers, { code: 'insufficient_scope', cause: options.cause });
    this.scopes = parseBearerChallenge(headers.get('www-authenticate'))?.scope ?? [];
  }
}

/** 403 (code `permission_denied`): the credentials are valid but may not do this. */
export class PermissionDeniedError extends statusError('PermissionDeniedError', 'permission_denied') {}
/**
 * 404 (code `not_found`): no such record (an OAuth client or grant id unknown, or not the caller's), or
 * authorize does not know the `client_id`.
 */
export class NotFoundError extends statusError('NotFoundError', 'not_found') {}
/** 409 (code `conflict`): a conflicting concurrent change. Retried by default, as Telnyx's SDKs do. */
export class ConflictError extends statusError('ConflictError', 'conflict') {}
/**
 * 422 (code `unprocessable_entity`): well-formed but refused, e.g. a scope outside the client's allowed list,
 * a redirect URI not registered for the client (authorize), an invalid or expired consent token. The
 * offending field is usually in {@link APIErrorDetail.source}.
 */
export class UnprocessableEntityError extends statusError(
  'UnprocessableEntityError',
  'unprocessable_entity',
) {}
/**
 * 429 (code `rate_limited`), still there after the retries, or with a `Retry-After` longer than 60 s (not
 * waited out): {@link APIError.retryAfterMs} says how long the server asked to wait. Introspection is
 * reported to allow 5 calls per 60 s per client.
 *
 * @see RFC 6585 §4
 */
export class RateLimitError extends statusError('RateLimitError', 'rate_limited') {}
/** 500 or above (code `internal_server_error`), still failing after the retries. */
export class InternalServerError extends statusError('InternalServerError', 'internal_server_error') {}

const STATUS_CLASSES: Partial<Record<number, StatusErrorConstructor>> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

interface ParsedErrorBody {
  errors: APIErrorDetail[];
  oauthError: string | undefined;
  oauthErrorDescription: string | undefined;
}

/** Reads both answer shapes: Telnyx's `{errors: [...]}` and RFC 6749 §5.2 `{error, error_description}`. */
export function parseErrorBody(body: unknown): ParsedErrorBody {
  const result: ParsedErrorBody = { errors: [], oauthError: undefined, oauthErrorDescription: undefined };
  if (!isRecord(body)) return result;
  if (Array.isArray(body.errors)) {
    for (const entry of body.errors) {
      if (isRecord(entry)) result.errors.push(toDetail(entry));
    }
  }
  if (typeof body.error === 'string') {
    result.oauthError = body.error;
    result.oauthErrorDescription = stringOrUndefined(body.error_description);
    const detail: APIErrorDetail = { code: body.error, title: body.error };
    if (result.oauthErrorDescription !== undefined) detail.detail = result.oauthErrorDescription;
    // RFC 7591 §3.2.2 answers may list the offending fields.
    if (Array.isArray(body.invalid_fields)) detail.meta = { invalid_fields: body.invalid_fields };
    result.errors.push(detail);
  }
  return result;
}

function toDetail(entry: Record<string, unknown>): APIErrorDetail {
  const detail: APIErrorDetail = {};
  const code = entry.code;
  if (typeof code === 'string' || typeof code === 'number') detail.code = String(code);
  const title = stringOrUndefined(entry.title);
  if (title !== undefined) detail.title = title;
  const text = stringOrUndefined(entry.detail);
  if (text !== undefined) detail.detail = text;
  if (isRecord(entry.source)) {
    const source: NonNullable<APIErrorDetail['source']> = {};
    const pointer = stringOrUndefined(entry.source.pointer);
    if (pointer !== undefined) source.pointer = pointer;
    const parameter = stringOrUndefined(entry.source.parameter);
    if (parameter !== undefined) source.parameter = parameter;
    detail.source = source;
  }
  if (isRecord(entry.meta)) detail.meta = entry.meta;
  return detail;
}

function composeMessage(status: number | undefined, parsed: ParsedErrorBody, message: string | undefined) {
  const described = parsed.errors.map(describeDetail).filter((text) => text !== '');
  const text = described.length > 0 ? described.join('; ') : message;
  if (status === undefined) return text ?? 'Request failed.';
  return text ? `${status} ${text}` : `${status} status code (no body)`;
}

function describeDetail(detail: APIErrorDetail): string {
  const head = detail.title ?? detail.code ?? '';
  const body = detail.detail && detail.detail !== head ? (head ? `: ${detail.detail}` : detail.detail) : '';
  const where = detail.source?.pointer ?? detail.source?.parameter;
  return `${head}${body}${where ? ` (${where})` : ''}`;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
