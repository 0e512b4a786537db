/**
 * The default transport: the code exchange (RFC 6749 §4.1.3), refreshes (§6) and revocation (RFC 7009) go from
 * the browser straight to the authorization server, through oauth4webapi, as a public client (no secret,
 * `None()` client authentication, RFC 6749 §2.1). A token handler is the other transport (token-handler.ts).
 */
import {
  genericTokenEndpointRequest,
  None,
  processGenericTokenEndpointResponse,
  processRevocationResponse,
  ResponseBodyError,
  revocationRequest,
  type AuthorizationServer,
  type Client,
} from 'oauth4webapi';
import { DEV, isNetworkFailure, TelnyxAuthError } from './errors.js';
import { httpOptions } from './http.js';
import { isRetryableStatus } from './shared/retry.js';
import type { TokenResponse, Transport, TransportContext } from './types.js';

const client = (context: TransportContext): Client => ({
  client_id: context.clientId,
  token_endpoint_auth_method: 'none',
});

/**
 * One token request through oauth4webapi (`genericTokenEndpointRequest`: the grant's parameters as RFC 6749 defines
 * them; the response checked by `processGenericTokenEndpointResponse`, RFC 6749 §5.1, the same check for
 * both grants). A refresh (`refresh_token`) keeps the session when it fails for a reason that can pass; a code
 * exchange fails the sign-in.
 */
async function grant(
  context: TransportContext,
  as: AuthorizationServer,
  type: string,
  parameters: Record<string, string>,
): Promise<TokenResponse> {
  const recoverable = type === 'refresh_token';
  let response: Response;
  try {
    response = await genericTokenEndpointRequest(
      as,
      client(context),
      None(),
      type,
      parameters,
      httpOptions(context),
    );
  } catch (cause) {
    throw new TelnyxAuthError(
      // No answer: a refresh to try again, a code exchange that did not reach the server. Anything else: a
      // request that could not be built or sent.
      recoverable
        ? isNetworkFailure(cause)
          ? 'refresh_failed'
          : 'invalid_response'
        : isNetworkFailure(cause)
          ? 'network_error'
          : 'code_exchange_failed',
      // In a browser, a token endpoint that does not answer this origin (no CORS) fails exactly like a network
      // that is down: fetch's TypeError. The message names both, and the cure for the first.
      DEV &&
        (recoverable
          ? 'The refresh request could not be sent.'
          : 'The code exchange got no answer: the network is down, or the token endpoint does not allow requests from this origin (no CORS). For the second, exchange through a token handler: @telnyx-oauth/token-handler on your server, and `transport: tokenHandler()` from @telnyx-oauth/core/token-handler.'),
      { cause, recoverable },
    );
  }
  const { status, headers } = response;
  if (recoverable && isRetryableStatus(status, headers)) {
    await response.body?.cancel().catch(() => undefined);
    throw new TelnyxAuthError(
      'refresh_failed',
      DEV && `The token endpoint answered ${status}; the session is kept.`,
      {
        status,
        retryAfterMs: context.retryAfter(headers),
      },
    );
  }
  try {
    return await processGenericTokenEndpointResponse(as, client(context), response);
  } catch (cause) {
    const body = cause instanceof ResponseBodyError ? cause : undefined;
    // A refresh the server refused for good (the grant is gone, RFC 6749 §5.2) ends the session.
    const ended =
      recoverable && body && /^(invalid_grant|invalid_client|unauthorized_client)$/.test(body.error);
    throw new TelnyxAuthError(
      ended
        ? 'refresh_rejected'
        : (body || status !== 200) && !recoverable
          ? 'code_exchange_failed'
          : 'invalid_response',
      DEV &&
        `The token endpoint ${body || status !== 200 ? `refused the request (${status})` : 'gave an unusable answer'}.`,
      {
        cause,
        status,
        recoverable: recoverable && !ended,
        oauthError: body?.error,
        oauthErrorDescription: body?.error_description,
      },
    );
  }
}

/** The default transport: straight to the authorization server. */
export const directTransport: Transport = {
  exchange: async (context, params, codeVerifier, redirectUri) =>
    grant(context, await context.metadata(), 'authorization_code', {
      code: params.get('code')!,
      redirect_uri: redirectUri,
      code_verifier: codeVerifier,
    }),

  async refresh(context, tokens) {
    const as = await context.metadata().catch((cause: TelnyxAuthError) => {
      throw new TelnyxAuthError('refresh_failed', DEV && 'Could not load the server metadata to refresh.', {
        cause,
        recoverable: cause.recoverable ?? true,
      });
    });
    return grant(context, as, 'refresh_token', { refresh_token: tokens.refreshToken! });
  },

  /**
   * Revokes the refresh token (which ends the grant's access tokens too, RFC 7009 §2.1), or the access token
   * when there is no refresh token; nothing when the server has no revocation endpoint (as Telnyx today).
   * `keepalive`: the page is often about to navigate away (an app navigates after logout()), which would
   * otherwise cancel the request. logout() also awaits the answer, bounded by requestTimeout.
   */
  async logout(context, tokens, revoke) {
    if (!revoke || !tokens) return;
    try {
      const as = await context.metadata();
      if (!as.revocation_endpoint) return;
      const { refreshToken, accessToken } = tokens;
      await processRevocationResponse(
        await revocationRequest(as, client(context), None(), refreshToken ?? accessToken, {
          ...httpOptions(context, true),
          additionalParameters: { token_type_hint: refreshToken ? 'refresh_token' : 'access_token' },
        }),
      );
    } catch (cause) {
      throw new TelnyxAuthError(
        'network_error',
        DEV && 'Signed out locally, but revoking the token at the server failed.',
        {
          cause,
        },
      );
    }
  },
};
