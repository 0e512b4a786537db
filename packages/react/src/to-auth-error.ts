import { TelnyxAuthError, isTelnyxAuthError } from '@telnyx-oauth/core';

/**
 * Core rejects with TelnyxAuthError; anything else (a custom adapter's or fetch's own failure) is wrapped
 * so that components can always branch on `error.code`.
 */
export function toAuthError(error: unknown): TelnyxAuthError {
  if (isTelnyxAuthError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new TelnyxAuthError('network_error', message, { cause: error, recoverable: true });
}
