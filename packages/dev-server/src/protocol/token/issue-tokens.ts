import { SignJWT } from 'jose';
import { nowMs, type ServerContext } from '../../infra/context.js';
import { randomId, randomToken } from '../../infra/crypto.js';
import { json } from '../../infra/http.js';
import type { ClientRecord, FamilyRecord } from '../../infra/state.js';

/** RFC 6749 §5.1 token response (not wrapped in `data`, as Telnyx answers). */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token?: string;
  scope: string;
}

/** What `issueTokens` mints tokens for. */
export interface IssueTokensInput {
  client: ClientRecord;
  /** The user the tokens act for; for client_credentials the client's owner. */
  userId: string | null;
  /** RFC 9068 `sub`: the user, or the client itself for client_credentials. */
  subject: string;
  scopes: string[];
  family: FamilyRecord;
  withRefreshToken: boolean;
}

/** A new token family: everything issued from one code exchange (or one client_credentials call). */
export function createFamily(
  ctx: ServerContext,
  client: ClientRecord,
  userId: string | null,
  grantId: string | null,
): FamilyRecord {
  const family: FamilyRecord = {
    id: randomId(),
    client_id: client.client_id,
    user_id: userId,
    grant_id: grantId,
    revoked: false,
    refresh_expires_at: null,
  };
  ctx.state.families.set(family.id, family);
  return family;
}

/** Access tokens are RFC 9068 JWTs signed with the key published at /v2/oauth/jwks. */
export async function issueTokens(ctx: ServerContext, input: IssueTokensInput): Promise<TokenResponse> {
  const key = await ctx.keys.signingKey();
  const issuedAt = nowMs(ctx);
  const ttl = ctx.config.accessTokenTtl;
  const jti = randomId();
  const iat = Math.floor(issuedAt / 1000);
  const scope = input.scopes.join(' ');
  const accessToken = await new SignJWT({ client_id: input.client.client_id, scope })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'at+jwt' })
    .setIssuer(ctx.config.issuer)
    .setSubject(input.subject)
    .setAudience(ctx.config.issuer)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttl)
    .setJti(jti)
    .sign(key.privateKey);
  ctx.state.accessTokens.set(accessToken, {
    token: accessToken,
    jti,
    family_id: input.family.id,
    client_id: input.client.client_id,
    user_id: input.userId,
    sub: input.subject,
    scopes: input.scopes,
    issued_at: issuedAt,
    expires_at: issuedAt + ttl * 1000,
    revoked: false,
  });
  const response: TokenResponse = { access_token: accessToken, token_type: 'Bearer', expires_in: ttl, scope };
  if (input.withRefreshToken) {
    const refreshToken = randomToken();
    // The family's first refresh token fixes the session's absolute end; rotation never moves it.
    input.family.refresh_expires_at ??= issuedAt + ctx.config.refreshTokenAbsoluteTtl * 1000;
    ctx.state.refreshTokens.set(refreshToken, {
      token: refreshToken,
      family_id: input.family.id,
      client_id: input.client.client_id,
      scopes: input.scopes,
      issued_at: issuedAt,
      expires_at: Math.min(issuedAt + ctx.config.refreshTokenTtl * 1000, input.family.refresh_expires_at),
      status: 'active',
      rotated_at: null,
      successor: null,
    });
    response.refresh_token = refreshToken;
  }
  return response;
}

/** RFC 6749 §5.1: token responses must not be cached. */
export function tokenResponse(body: TokenResponse): Response {
  return json(body, 200, { 'Cache-Control': 'no-store', Pragma: 'no-cache' });
}

/** Records that the user's grant was just used (OAuthGrant `last_used_at`). */
export function touchGrant(ctx: ServerContext, grantId: string | null): void {
  const grant = grantId ? ctx.state.grants.get(grantId) : undefined;
  if (grant) grant.last_used_at = new Date(nowMs(ctx)).toISOString();
}
