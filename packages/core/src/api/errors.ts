/**
 * The error hierarchy of Telnyx's generated SDKs, with a stable `code` on every class.
 *
 *   TelnyxError
 *   ├── ValidationError                     (client side: a value was refused before any request)
 *   └── APIError                            (status, headers, parsed body)
 *       ├── APIUserAbortError               (the caller's signal aborted)
 *       ├── APIConnectionError              (no response: DNS, reset, dropped socket)
 *       │   └── APIConnectionTimeoutError   (no response within `timeout`)
 *       ├── BadRequestError 400, AuthenticationError 401, PermissionDeniedError 403, NotFoundError 404,
 *       ├── ConflictError 409, UnprocessableEntityError 422, RateLimitError 429
 *       └── InternalServerError ≥ 500
 */

import { retryAfterMs } from '../shared/retry.js';

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
  title?: string;
  detail?: string;
  source?: { pointer?: string; parameter?: string };
  meta?: Record<string, unknown>;
}

export class TelnyxError extends Error {
  override readonly name: string = 'TelnyxError';
  readonly code: TelnyxAPIErrorCode;

  constructor(code: TelnyxAPIErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}

/** A value was refused before it was sent. `field` names it the way the API does (`redirect_uris[1]`). */
export class ValidationError extends TelnyxError {
  override readonly name: string = 'ValidationError';
  readonly field: string;

  constructor(field: string, message: string) {
    super('validation_error', `${field}: ${message}`);
    this.field = field;
  }
}

export class APIError extends TelnyxError {
  override readonly name: string = 'APIError';
  /** HTTP status; undefined when no response arrived. */
  readonly status: number | undefined;
  readonly headers: Headers | undefined;
  /** The parsed response body (JSON when it was JSON, else the text), as the server sent it. */
  readonly error: unknown;
  /** Every entry of the answer, from a Telnyx `{errors: [...]}` or an RFC 6749 `{error, error_description}`. */
  readonly errors: APIErrorDetail[];
  /** RFC 6749 §5.2 `error`, when the body had that shape. */
  readonly oauthError: string | undefined;
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

  /** The class for an HTTP status, as Telnyx's SDKs map it. */
  static generate(
    status: number,
    body: unknown,
    message: string | undefined,
    headers: Headers,
    cause?: unknown,
  ): APIError {
    const ErrorClass = STATUS_CLASSES[status] ?? (status >= 500 ? InternalServerError : undefined);
    if (ErrorClass) return new ErrorClass(status, body, message, headers, { cause });
    return new APIError(status, body, message, headers, { cause });
  }
}

export class APIUserAbortError extends APIError {
  override readonly name: string = 'APIUserAbortError';
  constructor(options: { message?: string; cause?: unknown } = {}) {
    super(undefined, undefined, options.message ?? 'Request was aborted.', undefined, {
      code: 'aborted',
      cause: options.cause,
    });
  }
}

export class APIConnectionError extends APIError {
  override readonly name: string = 'APIConnectionError';
  constructor(options: { message?: string; cause?: unknown; code?: TelnyxAPIErrorCode } = {}) {
    super(undefined, undefined, options.message ?? 'Connection error.', undefined, {
      code: options.code ?? 'connection_error',
      cause: options.cause,
    });
  }
}

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
  options?: { cause?: unknown },
) => APIError;

function statusError(name: string, code: TelnyxAPIErrorCode): StatusErrorConstructor {
  // A named class per status, each with its own stable code.
  return class extends APIError {
    override readonly name: string = name;
    constructor(
      status: number,
      body: unknown,
      message: string | undefined,
      headers: Headers,
      options: { cause?: unknown } = {},
    ) {
      super(status, body, message, headers, { code, cause: options.cause });
    }
  };
}

export class BadRequestError extends statusError('BadRequestError', 'bad_request') {}
export class AuthenticationError extends statusError('AuthenticationError', 'authentication_failed') {}
export class PermissionDeniedError extends statusError('PermissionDeniedError', 'permission_denied') {}
export class NotFoundError extends statusError('NotFoundError', 'not_found') {}
export class ConflictError extends statusError('ConflictError', 'conflict') {}
export class UnprocessableEntityError extends statusError(
  'UnprocessableEntityError',
  'unprocessable_entity',
) {}
export class RateLimitError extends statusError('RateLimitError', 'rate_limited') {}
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
