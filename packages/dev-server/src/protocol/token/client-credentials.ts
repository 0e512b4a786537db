import type { ServerContext } from '../../infra/context.js';
import type { ClientRecord } from '../../infra/state.js';
import { oauthError } from '../oauth-errors.js';
import { parseScope } from '../scopes.js';
import { createFamily, issueTokens, tokenResponse } from './issue-tokens.js';
import { param, type TokenParams } from './params.js';

/** RFC 6749 §4.4: confidential clients only. */
export async function clientCredentialsGrant(
  ctx: ServerContext,
  client: ClientRecord,
  params: TokenParams,
): Promise<Response> {
  if (client.client_type !== 'confidential') {
    return oauthError(400, 'unauthorized_client', 'client_credentials is only for confidential clients.');
  }
  const scopeParam = param(params, 'scope');
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
