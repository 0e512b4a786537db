/**
 * The default transport: the code exchange (RFC 6749 §4.1.3), refreshes (§6) and revocation (RFC 7009) go from
 * the browser straight to the authorization server, through oauth4webapi, as a public client (no secret,
 * `None()` client authentication, RFC 6749 §2.1). A token handler is the other transport (token-handler.ts).
 */
import {
  authorizationCodeGrantRequest,
  None,
  processGenericTokenEndpointResponse,
  processRevocationResponse,
  refreshTokenGrantRequest,
  ResponseBodyError,
  revocationRequest,
  type Client,
} from 'oauth4webapi';
import { DEV, isNetworkFailure, TelnyxAuthError } from './errors.js';
import { httpOptions } from './http.js';
import { isRetryableStatus } from './shared/retry.js';
import type { Transport, TransportContext } from './types.js';

/** Errors that end the session: the grant is gone, retrying cannot help (RFC 6749 §5.2). */
const SESSION_ENDING = /^(invalid_grant|invalid_client|unauthorized_client)$/;

const client = (context: TransportContext): Client => ({
  client_id: context.clientId,
  token_endpoint_auth_method: 'none',
});

/** The server's OAuth error fields, for a TelnyxAuthError. */
const answer = (cause: unknown, status?: number) =>
  cause instanceof ResponseBodyError
    ? { cause, status: cause.status, oauthError: cause.error, oauthErrorDescription: cause.error_description }
    : { cause, status };

export const directTransport: Transport = {
  async exchange(context, params, codeVerifier, redirectUri) {
    const as = await context.metadata();
    let response: Response;
    try {
      response = await authorizationCodeGrantRequest(
        as,
        client(context),
        None(),
        params,
        redirectUri,
        codeVerifier,
        httpOptions(context),
      );
    } catch (cause) {
      // In a browser, a token endpoint that does not answer this origin (no CORS) fails exactly like a network
      // that is down: fetch's TypeError. The message names both, and the cure for the first.
      const network = isNetworkFailure(cause);
      throw new TelnyxAuthError(
        network ? 'network_error' : 'code_exchange_failed',
        DEV &&
          (network
            ? 'The code exchange got no answer: the network is down, or the token endpoint does not allow requests from this origin (no CORS). For the second, exchange through a token handler: @telnyx-oauth/token-handler on your server, and `transport: tokenHandler()` from @telnyx-oauth/core/token-handler.'
            : 'The authorization code could not be exchanged (the request failed).'),
        { cause, recoverable: false },
      );
    }
    try {
      // The generic token response check (RFC 6749 §5.1) shared with the refresh: processAuthorizationCodeResponse
      // only adds OpenID Connect ID-token checks, and we neither ask for nor use an ID token.
      return await processGenericTokenEndpointResponse(as, client(context), response);
    } catch (cause) {
      const refused = cause instanceof ResponseBodyError || response.status !== 200;
      throw new TelnyxAuthError(
        refused ? 'code_exchange_failed' : 'invalid_response',
        DEV &&
          (refused
            ? `The token endpoint refused the authorization code (${response.status}).`
            : 'The token endpoint gave an unusable response to the code exchange.'),
        answer(cause, response.status),
      );
    }
  },

  async refresh(context, tokens) {
    let as;
    try {
      as = await context.metadata();
    } catch (cause) {
      throw new TelnyxAuthError('refresh_failed', DEV && 'Could not load the server metadata to refresh.', {
        cause,
        recoverable: (cause as TelnyxAuthError).recoverable ?? true,
      });
    }
    let response: Response;
    try {
      response = await refreshTokenGrantRequest(
        as,
        client(context),
        None(),
        tokens.refreshToken!,
        httpOptions(context),
      );
    } catch (cause) {
      throw new TelnyxAuthError(
        isNetworkFailure(cause) ? 'refresh_failed' : 'invalid_response',
        DEV && 'The refresh request could not be sent.',
        { cause, recoverable: true },
      );
    }
    if (isRetryableStatus(response.status, response.headers)) {
      await response.body?.cancel().catch(() => undefined);
      throw new TelnyxAuthError(
        'refresh_failed',
        DEV && `The token endpoint answered ${response.status}; the session is kept.`,
        {
          status: response.status,
          retryAfterMs: context.retryAfter(response.headers),
        },
      );
    }
    try {
      return await processGenericTokenEndpointResponse(as, client(context), response);
    } catch (cause) {
      const ended = cause instanceof ResponseBodyError && SESSION_ENDING.test(cause.error);
      throw new TelnyxAuthError(
        ended ? 'refresh_rejected' : 'invalid_response',
        DEV &&
          (ended
            ? 'The server rejected the refresh token; sign in again.'
            : 'The token endpoint gave an unusable refresh response.'),
        { ...answer(cause, response.status), recoverable: !ended },
      );
    }
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
      if (typeof as.revocation_endpoint !== 'string') return;
      const [token, hint] = tokens.refreshToken
        ? [tokens.refreshToken, 'refresh_token']
        : [tokens.accessToken, 'access_token'];
      await processRevocationResponse(
        await revocationRequest(as, client(context), None(), token, {
          ...httpOptions(context, true),
          additionalParameters: { token_type_hint: hint },
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
