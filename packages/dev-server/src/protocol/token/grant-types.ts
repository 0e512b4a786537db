import { nowMs, type ServerContext } from '../../infra/context.js';
import { json, oauthError } from '../../infra/errors.js';
import { isValidVerifier, verifierMatches } from '../pkce.js';
import { parseScope } from '../scopes.js';
import { revokeFamily, type ClientRecord } from '../../infra/state.js';
import { createFamily, issueTokens, type TokenResponse } from './issue-tokens.js';

export type Params = Record<string, unknown>;

function str(params: Params, name: string): string | undefined {
  const value = params[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** RFC 6749 §5.1: token responses must not be cached. */
function tokenResponse(body: TokenResponse): Response {
  return json(body, 200, { 'Cache-Control': 'no-store', Pragma: 'no-cache' });
}

function invalidGrant(description: string): Response {
  return oauthError(400, 'invalid_grant', description);
}

function touchGrant(ctx: ServerContext, grantId: string | null): void {
  const grant = grantId ? ctx.state.grants.get(grantId) : undefined;
  if (grant) grant.last_used_at = new Date(nowMs(ctx)).toISOString();
}

/** RFC 6749 §4.1.3 with RFC 7636 §4.5/§4.6. */
export async function authorizationCodeGrant(
  ctx: ServerContext,
  client: ClientRecord,
  params: Params,
): Promise<Response> {
  const codeValue = str(params, 'code');
  if (!codeValue) return oauthError(400, 'invalid_request', 'code is required.');
  const code = ctx.state.codes.get(codeValue);
  if (!code || code.client_id !== client.client_id) return invalidGrant('The authorization code is invalid.');
  if (code.used) {
    // RFC 6749 §4.1.2: a code used twice must fail, and the server should revoke what it issued.
    ctx.counters.increment('code_reuse_detected');
    if (code.family_id) revokeFamily(ctx.state, code.family_id);
    return invalidGrant('The authorization code has already been used; tokens issued from it are revoked.');
  }
  if (code.expires_at <= nowMs(ctx)) return invalidGrant('The authorization code has expired.');
  const redirectUri = str(params, 'redirect_uri');
  if (
    code.redirect_uri_provided
      ? redirectUri !== code.redirect_uri
      : redirectUri !== undefined && redirectUri !== code.redirect_uri
  ) {
    return invalidGrant('redirect_uri does not match the authorization request.');
  }
  const verifier = str(params, 'code_verifier');
  if (code.code_challenge !== null) {
    if (!verifier) return oauthError(400, 'invalid_request', 'code_verifier is required.');
    if (!isValidVerifier(verifier)) return invalidGrant('code_verifier is malformed.');
    if (!verifierMatches(verifier, code.code_challenge)) return invalidGrant('PKCE verification failed.');
  } else if (verifier) {
    // RFC 9700 §2.1.1: a verifier for a request without a challenge is a downgrade attempt.
    return invalidGrant('code_verifier given, but the authorization request had no code_challenge.');
  }
  const grant = ctx.state.grants.get(code.grant_id);
  if (!grant) return invalidGrant('The grant behind this code has been revoked.');
  code.used = true;
  const family = createFamily(ctx, client, code.user_id, grant.id);
  code.family_id = family.id;
  touchGrant(ctx, grant.id);
  return tokenResponse(
    await issueTokens(ctx, {
      client,
      userId: code.user_id,
      subject: code.user_id,
      scopes: code.scopes,
      family,
      withRefreshToken: client.allowed_grant_types.includes('refresh_token'),
    }),
  );
}

/** RFC 6749 §6, with rotation and reuse detection per RFC 9700 §4.14.2. */
export async function refreshTokenGrant(
  ctx: ServerContext,
  client: ClientRecord,
  params: Params,
): Promise<Response> {
  const value = str(params, 'refresh_token');
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
  const scopeParam = str(params, 'scope');
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

/** RFC 6749 §4.4: confidential clients only. */
export async function clientCredentialsGrant(
  ctx: ServerContext,
  client: ClientRecord,
  params: Params,
): Promise<Response> {
  if (client.client_type !== 'confidential') {
    return oauthError(400, 'unauthorized_client', 'client_credentials is only for confidential clients.');
  }
  const scopeParam = str(params, 'scope');
  const scopes = scopeParam === undefined ? [...client.allowed_scopes] : parseScope(scopeParam);
  const extra = scopes.filter((scope) => !client.allowed_scopes.includes(scope));
  if (scopes.length === 0 || extra.length > 0) {
    return oauthError(400, 'invalid_scope', `Scope not allowed for this client: ${extra.join(' ')}.`);
  }
  const family = createFamily(ctx, client, client.user_id, null);
  return tokenResponse(
    await issueTokens(ctx, {
      client,
      userId: client.user_id,
      subject: client.client_id,
      scopes,
      family,
      withRefreshToken: false,
    }),
  );
}
