import { nowMs, type ServerContext } from '../../infra/context.js';
import {
  isRefreshTokenActive,
  revokeFamily,
  type ClientRecord,
  type FamilyRecord,
  type RefreshTokenRecord,
} from '../../infra/state.js';
import { oauthError } from '../oauth-errors.js';
import { parseScope } from '../scopes.js';
import { issueTokens, tokenResponse, touchGrant } from './issue-tokens.js';
import { invalidGrant, param, type TokenParams } from './params.js';

/**
 * The successor to hand out again when `record` is presented after it was rotated, or undefined when
 * that is reuse. Within `reuseGrace` seconds of the rotation, and only while the successor is itself
 * still unused and valid, a second presentation is a client retrying a refresh whose answer it lost
 * (Auth0's and Okta's "reuse interval"). A token older than the previous one never qualifies: its
 * successor has been rotated too.
 */
function graceSuccessor(
  ctx: ServerContext,
  record: RefreshTokenRecord,
  now: number,
): RefreshTokenRecord | undefined {
  const graceMs = ctx.config.reuseGrace * 1000;
  if (graceMs <= 0 || record.rotated_at === null || now >= record.rotated_at + graceMs) return undefined;
  const successor = record.successor === null ? undefined : ctx.state.refreshTokens.get(record.successor);
  return successor && isRefreshTokenActive(ctx.state, successor, now) ? successor : undefined;
}

/** RFC 6749 §6: a refresh may narrow the scope of `base`, never widen it. */
function requestedScopes(params: TokenParams, base: RefreshTokenRecord): string[] | Response {
  const scopeParam = param(params, 'scope');
  if (scopeParam === undefined) return base.scopes;
  const requested = parseScope(scopeParam);
  const extra = requested.filter((scope) => !base.scopes.includes(scope));
  if (requested.length === 0 || extra.length > 0) {
    return oauthError(400, 'invalid_scope', `Scope exceeds the original grant: ${extra.join(' ')}.`);
  }
  return requested;
}

async function accessTokenFor(
  ctx: ServerContext,
  client: ClientRecord,
  family: FamilyRecord,
  scopes: string[],
  withRefreshToken: boolean,
) {
  touchGrant(ctx, family.grant_id);
  return issueTokens(ctx, {
    client,
    userId: family.user_id,
    subject: family.user_id ?? client.client_id,
    scopes,
    family,
    withRefreshToken,
  });
}

/**
 * RFC 6749 §6, with rotation and reuse detection per RFC 9700 §4.14.2: presenting a rotated refresh token
 * revokes its whole family, except for a retry within `reuseGrace` (see `graceSuccessor`), which gets the
 * successor again with a fresh access token.
 */
export async function refreshTokenGrant(
  ctx: ServerContext,
  client: ClientRecord,
  params: TokenParams,
): Promise<Response> {
  const value = param(params, 'refresh_token');
  if (!value) return oauthError(400, 'invalid_request', 'refresh_token is required.');
  const record = ctx.state.refreshTokens.get(value);
  if (!record || record.client_id !== client.client_id) return invalidGrant('The refresh token is invalid.');
  const family = ctx.state.families.get(record.family_id);
  const now = nowMs(ctx);
  if (record.status === 'rotated' && family && !family.revoked) {
    const successor = graceSuccessor(ctx, record, now);
    if (successor) {
      const scopes = requestedScopes(params, successor);
      if (scopes instanceof Response) return scopes;
      ctx.counters.increment('refresh_reuse_within_grace');
      const response = await accessTokenFor(ctx, client, family, scopes, false);
      return tokenResponse({ ...response, refresh_token: successor.token });
    }
    ctx.counters.increment('refresh_reuse_detected');
    revokeFamily(ctx.state, record.family_id);
    return invalidGrant('The refresh token was already used; the whole token family is revoked.');
  }
  if (record.status !== 'active' || !family || family.revoked)
    return invalidGrant('The refresh token is revoked.');
  if (record.expires_at <= now) return invalidGrant('The refresh token has expired.');
  const scopes = requestedScopes(params, record);
  if (scopes instanceof Response) return scopes;
  const rotate = ctx.config.rotateRefreshTokens;
  const response = await accessTokenFor(ctx, client, family, scopes, rotate);
  if (rotate) {
    record.status = 'rotated';
    record.rotated_at = now;
    record.successor = response.refresh_token ?? null;
  }
  return tokenResponse(response);
}
