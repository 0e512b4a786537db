import { nowMs, type ServerContext } from '../../infra/context.js';
import { revokeFamily, type ClientRecord } from '../../infra/state.js';
import { oauthError } from '../oauth-errors.js';
import { isValidVerifier, verifierMatches } from '../pkce.js';
import { createFamily, issueTokens, tokenResponse, touchGrant } from './issue-tokens.js';
import { invalidGrant, param, type TokenParams } from './params.js';
import { mayUseGrant } from './may-use-grant.js';

/** RFC 6749 §4.1.3 with RFC 7636 §4.5/§4.6. */
export async function authorizationCodeGrant(
  ctx: ServerContext,
  client: ClientRecord,
  params: TokenParams,
): Promise<Response> {
  const codeValue = param(params, 'code');
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
  const redirectUri = param(params, 'redirect_uri');
  if (
    code.redirect_uri_provided
      ? redirectUri !== code.redirect_uri
      : redirectUri !== undefined && redirectUri !== code.redirect_uri
  ) {
    return invalidGrant('redirect_uri does not match the authorization request.');
  }
  const verifier = param(params, 'code_verifier');
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
      withRefreshToken: mayUseGrant(ctx, client, 'refresh_token'),
    }),
  );
}
