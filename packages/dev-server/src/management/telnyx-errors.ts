/**
 * Telnyx's error envelope `{"errors": [{code, title, detail, source?, meta?}]}`, which the management API
 * (and everything that is not a protocol endpoint) answers.
 */
import { json } from '../infra/http.js';

/** One entry of the `errors` array. */
export interface TelnyxErrorItem {
  code: string;
  title: string;
  detail: string;
  source?: { pointer?: string; parameter?: string };
  meta?: Record<string, unknown>;
}

/** Telnyx error codes used here (approximations of Telnyx's catalogue; see the README). */
export const TELNYX_CODES = {
  invalidParameter: '10015',
  validation: '10027',
  unauthenticated: '10009',
  forbidden: '10010',
  notFound: '10005',
  rateLimited: '10011',
  server: '10007',
  unsupportedMediaType: '10016',
  payloadTooLarge: '10017',
} as const;

/** An envelope response with the given items. */
export function telnyxError(
  status: number,
  errors: TelnyxErrorItem[],
  headers: Record<string, string> = {},
): Response {
  return json({ errors }, status, headers);
}

/** One item; `source` only when given. */
export function telnyxErrorItem(
  code: string,
  title: string,
  detail: string,
  source?: TelnyxErrorItem['source'],
): TelnyxErrorItem {
  return source ? { code, title, detail, source } : { code, title, detail };
}

/** 404 for a path no route serves (and for endpoints switched off, such as revocation). */
export function notFound(path: string): Response {
  return telnyxError(404, [
    telnyxErrorItem(TELNYX_CODES.notFound, 'Resource not found', `No route matches ${path}.`),
  ]);
}
