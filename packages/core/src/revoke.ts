/** RFC 7009 token revocation on logout: best effort, never blocks or fails the local sign-out. */
import { None, processRevocationResponse, revocationRequest } from 'oauth4webapi';
import type { Discovery } from './discovery.js';
import { TelnyxAuthError } from './errors.js';
import { httpOptions } from './http.js';
import { oauthClient } from './oauth-client.js';
import type { ResolvedOptions } from './options.js';
import type { TokenSet } from './token-set.js';

/**
 * Revokes the refresh token (which ends the grant's access tokens too, RFC 7009 §2.1), or the access token when
 * there is no refresh token. Resolves to null on success or when the server has no revocation endpoint (as
 * Telnyx today), else to the error, which the caller reports as an event.
 */
export async function revokeTokens(
  options: ResolvedOptions,
  discovery: Discovery,
  tokens: TokenSet,
): Promise<TelnyxAuthError | null> {
  try {
    const as = await discovery.get();
    if (typeof as.revocation_endpoint !== 'string') return null;
    const [token, hint] = tokens.refreshToken
      ? [tokens.refreshToken, 'refresh_token']
      : [tokens.accessToken, 'access_token'];
    const response = await revocationRequest(as, oauthClient(options), None(), token, {
      // keepalive: the page is often about to navigate away (an app navigates after logout()), which would
      // otherwise cancel the request. logout() also awaits the answer, bounded by requestTimeout.
      ...httpOptions(options, true),
      additionalParameters: { token_type_hint: hint },
    });
    await processRevocationResponse(response);
    return null;
  } catch (cause) {
    return new TelnyxAuthError(
      'network_error',
      'Signed out locally, but revoking the token at the server failed.',
      { cause },
    );
  }
}
