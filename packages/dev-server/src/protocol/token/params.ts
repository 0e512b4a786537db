/** What the grant handlers share: the request's parameters and the invalid_grant answer. */
import { oauthError } from '../oauth-errors.js';

/** The token request's parameters, form-encoded or JSON (see infra/request-body.ts). */
export type TokenParams = Record<string, unknown>;

/** A non-empty string parameter, else undefined (absent, empty, or not a string). */
export function param(params: TokenParams, name: string): string | undefined {
  const value = params[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** RFC 6749 §5.2 `invalid_grant`: the code or refresh token is invalid, expired, revoked or reused. */
export function invalidGrant(description: string): Response {
  return oauthError(400, 'invalid_grant', description);
}
