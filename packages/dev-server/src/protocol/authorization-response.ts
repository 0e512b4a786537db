import { nowMs, type ServerContext } from '../infra/context.js';
import { randomId, randomToken } from '../infra/crypto.js';
import { findGrant, type ClientRecord, type GrantRecord } from '../infra/state.js';

/** What a validated authorize request carries through consent to the code. */
export interface AuthorizationRequest {
  client: ClientRecord;
  userId: string;
  redirectUri: string;
  redirectUriProvided: boolean;
  scopes: string[];
  state: string | null;
  codeChallenge: string | null;
}

/**
 * The client's redirect URI with response parameters appended (RFC 6749 §4.1.2), plus `iss` when RFC 9207
 * is on, on success and on error alike.
 */
export function authorizationResponseUrl(
  ctx: ServerContext,
  redirectUri: string,
  params: Record<string, string | null | undefined>,
): string {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined) url.searchParams.set(key, value);
  }
  if (ctx.config.issParameter) url.searchParams.set('iss', ctx.config.issuer);
  return url.toString();
}

/** The redirect carrying an error (RFC 6749 §4.1.2.1), with `state` and `iss`. */
export function errorResponseUrl(
  ctx: ServerContext,
  redirectUri: string,
  error: string,
  description: string,
  state: string | null,
): string {
  return authorizationResponseUrl(ctx, redirectUri, { error, error_description: description, state });
}

/** Records (or widens) the user's grant for the client: one grant per user and client, like Telnyx. */
export function upsertGrant(
  ctx: ServerContext,
  userId: string,
  clientId: string,
  scopes: string[],
): GrantRecord {
  const existing = findGrant(ctx.state, userId, clientId);
  if (existing) {
    existing.scopes = [...new Set([...existing.scopes, ...scopes])];
    return existing;
  }
  const grant: GrantRecord = {
    id: randomId(),
    client_id: clientId,
    user_id: userId,
    scopes: [...scopes],
    created_at: new Date(nowMs(ctx)).toISOString(),
    last_used_at: null,
  };
  ctx.state.grants.set(grant.id, grant);
  return grant;
}

/** Whether the grant already covers every requested scope (then authorize skips consent). */
export function grantCovers(grant: GrantRecord | undefined, scopes: readonly string[]): boolean {
  return grant !== undefined && scopes.every((scope) => grant.scopes.includes(scope));
}

/** Issues a single-use code under the grant and returns the redirect carrying it. */
export function issueCodeRedirect(
  ctx: ServerContext,
  request: AuthorizationRequest,
  grant: GrantRecord,
): string {
  const code = randomToken();
  ctx.state.codes.set(code, {
    code,
    client_id: request.client.client_id,
    user_id: request.userId,
    grant_id: grant.id,
    redirect_uri: request.redirectUri,
    redirect_uri_provided: request.redirectUriProvided,
    scopes: request.scopes,
    code_challenge: request.codeChallenge,
    expires_at: nowMs(ctx) + ctx.config.authorizationCodeTtl * 1000,
    used: false,
    family_id: null,
  });
  return authorizationResponseUrl(ctx, request.redirectUri, { code, state: request.state });
}
