import { nowMs, type ServerContext } from '../../infra/context.js';
import { revokeFamily, type ClientRecord } from '../../infra/state.js';
import { oauthError } from '../oauth-errors.js';
import { parseScope } from '../scopes.js';
import { issueTokens, tokenResponse, touchGrant } from './issue-tokens.js';
import { invalidGrant, param, type TokenParams } from './params.js';

/** RFC 6749 §6, with rotation and reuse detection per RFC 9700 §4.14.2. */
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
  if (record.status === 'rotated' && family && !family.revoked) {
    ctx.counters.increment('refresh_reuse_detected');
    revokeFamily(ctx.state, record.family_id);
    return invalidGrant('The refresh token was already used; the whole token family is revoked.');
  }
  if (record.status !== 'active' || !family || family.revoked)
    return invalidGrant('The refresh token is revoked.');
  if (record.expires_at <= nowMs(ctx)) return invalidGrant('The refresh token has expired.');
  let scopes = record.scopes;
  const scopeParam = param(params, 'scope');
  if (scopeParam !== undefined) {
    const requested = parseScope(scopeParam);
    // RFC 6749 §6: a refresh may narrow the scope, never widen it.
    const extra = requested.filter((scope) => !record.scopes.includes(scope));
    if (requested.length === 0 || extra.length > 0) {
      return oauthError(400, 'invalid_scope', `Scope exceeds the original grant: ${extra.join(' ')}.`);
    }
    scopes = requested;
  }
  const rotate = ctx.config.rotateRefreshTokens;
  if (rotate) record.status = 'rotated';
  touchGrant(ctx, family.grant_id);
  return tokenResponse(
    await issueTokens(ctx, {
      client,
      userId: family.user_id,
      subject: family.user_id ?? client.client_id,
      scopes,
      family,
      withRefreshToken: rotate,
    }),
  );
}
