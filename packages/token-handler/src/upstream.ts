/**
 * The three calls to the authorization server, each through oauth4webapi: the code exchange (RFC 6749
 * §4.1.3 with RFC 7636 §4.5), the refresh (RFC 6749 §6) and revocation (RFC 7009 §2), authenticated as a
 * confidential client (RFC 6749 §2.3.1). Upstream failures become stable handler errors; no upstream body,
 * description or token ever goes into one.
 */
import {
  ClientSecretBasic,
  ClientSecretPost,
  genericTokenEndpointRequest,
  OperationProcessingError,
  processGenericTokenEndpointResponse,
  processRefreshTokenResponse,
  processRevocationResponse,
  refreshTokenGrantRequest,
  ResponseBodyError,
  revocationRequest,
  UnsupportedOperationError,
  WWWAuthenticateChallengeError,
  type AuthorizationServer,
  type Client,
  type ClientAuth,
  type TokenEndpointResponse,
} from 'oauth4webapi';
import { HandlerError, knownOAuthError } from './errors.js';
import type { MetadataSource } from './metadata.js';
import type { ClientAuthMethod, ResolvedOptions } from './options.js';
import type { UpstreamHttp } from './upstream-http.js';

/** A successful token endpoint answer, reduced to what the handler uses. */
export interface TokenResult {
  readonly accessToken: string;
  readonly expiresIn?: number;
  readonly scope?: string;
  readonly refreshToken?: string;
  /** Seconds; a common extension some servers send with refresh tokens. */
  readonly refreshTokenExpiresIn?: number;
  /** When the answer arrived (ms, handler clock): a shared result's `expires_in` is counted from here. */
  readonly receivedAt: number;
}

export interface Upstream {
  /** @throws HandlerError (`invalid_grant` when the code, verifier or redirect URI was refused). */
  exchange(code: string, codeVerifier: string, redirectUri: string): Promise<TokenResult>;
  /** @throws HandlerError (`invalid_grant` when the refresh token was refused: the session is over). */
  refresh(refreshToken: string): Promise<TokenResult>;
  /** True when the server confirmed the revocation; false when there is no endpoint or it failed. Never throws. */
  revoke(refreshToken: string): Promise<boolean>;
}

function clientAuth(method: ClientAuthMethod, secret: string): ClientAuth {
  return method === 'client_secret_post' ? ClientSecretPost(secret) : ClientSecretBasic(secret);
}

function endpoint(as: AuthorizationServer, name: 'token_endpoint' | 'revocation_endpoint'): URL {
  return new URL(as[name] as string);
}

/** The upstream refused the client credentials (`invalid_client`, or a 401 challenge): a misconfiguration. */
function clientAuthenticationFailed(cause: unknown): HandlerError {
  return new HandlerError(
    'client_authentication_failed',
    'The authorization server refused the client credentials; check the client id, secret and auth method.',
    { cause },
  );
}

/** The upstream refused with another OAuth error, repeated when it is a registered one. */
function upstreamRejected(cause: unknown, upstreamError: string | undefined): HandlerError {
  return new HandlerError('upstream_rejected', 'The authorization server refused the request.', {
    cause,
    ...(upstreamError ? { upstreamError } : {}),
  });
}

/** Maps what oauth4webapi threw while reading a token answer to the handler's codes. */
function tokenEndpointFailure(cause: unknown): HandlerError {
  if (cause instanceof HandlerError) return cause;
  if (cause instanceof ResponseBodyError) {
    if (cause.error === 'invalid_grant') {
      return new HandlerError('invalid_grant', 'The authorization server refused the grant.', { cause });
    }
    if (cause.error === 'invalid_client') {
      return clientAuthenticationFailed(cause);
    }
    return upstreamRejected(cause, knownOAuthError(cause.error));
  }
  if (cause instanceof WWWAuthenticateChallengeError) {
    // RFC 6749 §5.2: 401 with a challenge when client authentication failed.
    return cause.status === 401 ? clientAuthenticationFailed(cause) : upstreamRejected(cause, undefined);
  }
  if (cause instanceof OperationProcessingError || cause instanceof UnsupportedOperationError) {
    return new HandlerError(
      'upstream_invalid_response',
      'The authorization server gave an unusable answer.',
      {
        cause,
      },
    );
  }
  throw cause;
}

function toResult(json: TokenEndpointResponse, receivedAt: number): TokenResult {
  if (json.token_type !== 'bearer') {
    // DPoP-bound tokens need a proof the browser cannot make through this handler.
    throw new HandlerError(
      'upstream_invalid_response',
      'The authorization server issued a non-Bearer token.',
    );
  }
  const extension = json['refresh_token_expires_in'];
  return {
    accessToken: json.access_token,
    receivedAt,
    ...(json.expires_in !== undefined ? { expiresIn: json.expires_in } : {}),
    ...(json.scope !== undefined ? { scope: json.scope } : {}),
    ...(json.refresh_token !== undefined ? { refreshToken: json.refresh_token } : {}),
    ...(typeof extension === 'number' && Number.isFinite(extension) && extension > 0
      ? { refreshTokenExpiresIn: extension }
      : {}),
  };
}

/** The authorization server calls for the configured confidential client. */
export function createUpstream(
  options: ResolvedOptions,
  metadata: MetadataSource,
  http: UpstreamHttp,
): Upstream {
  const client: Client = { client_id: options.clientId };
  const tokenAuth = clientAuth(options.tokenEndpointAuthMethod, options.clientSecret);
  const revocationAuth = clientAuth(options.revocationEndpointAuthMethod, options.clientSecret);

  return {
    async exchange(code, codeVerifier, redirectUri) {
      const as = await metadata.get();
      try {
        // The browser validated the authorization response (state, iss) and sends only the code: the
        // generic grant request builds and authenticates the same RFC 6749 §4.1.3 request that
        // authorizationCodeGrantRequest would, without a callback URL this handler never sees.
        const response = await http.send('single-use', endpoint(as, 'token_endpoint'), (transport) =>
          genericTokenEndpointRequest(
            as,
            client,
            tokenAuth,
            'authorization_code',
            { code, code_verifier: codeVerifier, redirect_uri: redirectUri },
            transport,
          ),
        );
        return toResult(await processGenericTokenEndpointResponse(as, client, response), options.now());
      } catch (cause) {
        throw tokenEndpointFailure(cause);
      }
    },

    async refresh(refreshToken) {
      const as = await metadata.get();
      try {
        const response = await http.send('single-use', endpoint(as, 'token_endpoint'), (transport) =>
          refreshTokenGrantRequest(as, client, tokenAuth, refreshToken, transport),
        );
        return toResult(await processRefreshTokenResponse(as, client, response), options.now());
      } catch (cause) {
        throw tokenEndpointFailure(cause);
      }
    },

    async revoke(refreshToken) {
      try {
        const as = await metadata.get();
        if (as.revocation_endpoint === undefined) return false;
        const response = await http.send('default', endpoint(as, 'revocation_endpoint'), (transport) =>
          revocationRequest(as, client, revocationAuth, refreshToken, {
            ...transport,
            additionalParameters: { token_type_hint: 'refresh_token' },
          }),
        );
        await processRevocationResponse(response);
        return true;
      } catch {
        return false; // best effort: logout clears the cookie whatever the server said
      }
    },
  };
}
