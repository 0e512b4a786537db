import { TelnyxAuthError } from '@telnyx-oauth/core';

/**
 * Core rejects with TelnyxAuthError; anything else (a custom client's or fetch's own failure) goes through
 * core's one normaliser, so components can always branch on `error.code` and `error.recoverable` means the
 * same everywhere.
 */
export function toAuthError(error: unknown): TelnyxAuthError {
  return TelnyxAuthError.from(error);
}
