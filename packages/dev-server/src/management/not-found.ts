import { TELNYX_CODES, telnyxError, telnyxErrorItem } from '../infra/errors.js';

export function notFound(path: string): Response {
  return telnyxError(404, [
    telnyxErrorItem(TELNYX_CODES.notFound, 'Resource not found', `No route matches ${path}.`),
  ]);
}
