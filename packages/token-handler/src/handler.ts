/**
 * `createTokenHandler`: the token-mediating backend as one Web-standard `(Request) => Promise<Response>`
 * (Node through `./node`, Vite through `./vite`, and unchanged in Next.js route handlers, Cloudflare
 * Workers, Deno and Bun). Wiring only: the checks are in contract.ts, the cookie in session-cookie.ts, the
 * upstream calls in upstream.ts.
 *
 * @see draft-ietf-oauth-browser-based-apps §6.2 (token-mediating backend)
 */
import { admit, endpointOf, parseTokenRequest, type Admitted, type Endpoint } from './contract.js';
import { HandlerError } from './errors.js';
import { createKeyRing, type KeyRing } from './key-ring.js';
import { createMetadataSource } from './metadata.js';
import { resolveOptions, type TokenHandlerEvent, type TokenHandlerOptions } from './options.js';
import { errorResponse, jsonResponse, tokenBody } from './responses.js';
import { createSessionCookies, type Session } from './session-cookie.js';
import { createSingleFlight, flightKey } from './single-flight.js';
import { createUpstream, type TokenResult } from './upstream.js';
import { createUpstreamHttp } from './upstream-http.js';

/** The handler: answers `POST {basePath}/token|refresh|logout|session`, and 404 for every other path. */
export interface TokenHandler {
  (request: Request): Promise<Response>;
  /** The configured base path (`/api/auth` by default): adapters route requests under it to the handler. */
  readonly basePath: string;
}

interface Outcome {
  readonly response: Response;
  /** Set when the answer is an error (one that changes the cookie, so it is answered rather than thrown). */
  readonly error?: HandlerError;
  readonly shared?: boolean;
  readonly revoked?: boolean;
}

/** An error answer that also clears the session cookie. */
function failAndClear(error: HandlerError, clearCookie: string): Outcome {
  return { response: errorResponse(error, clearCookie), error };
}

/**
 * Creates the token handler. It holds the confidential client's secret and keeps each session's refresh
 * token in an encrypted `HttpOnly` cookie; the browser gets short-lived access tokens only. The handler
 * never throws: every failure is a JSON error with a stable code (README "Errors").
 *
 * @throws TypeError when an option is missing or invalid (at creation, never per request).
 * @see RFC 6749 §4.1.3 (code exchange), §6 (refresh); RFC 7636 (PKCE); RFC 7009 (revocation)
 */
export function createTokenHandler(input: TokenHandlerOptions): TokenHandler {
  const options = resolveOptions(input);
  let keyRing: Promise<KeyRing> | undefined;
  const ring = (): Promise<KeyRing> => (keyRing ??= createKeyRing(options.cookieKeys));
  const cookies = createSessionCookies(options, ring);
  const http = createUpstreamHttp(options);
  const upstream = createUpstream(options, createMetadataSource(options, http), http);
  const exchanges = createSingleFlight<TokenResult>(options.reuseWindow, options.now);
  const refreshes = createSingleFlight<TokenResult>(options.reuseWindow, options.now);

  /** The session a token answer starts (or continues, when the server did not rotate the refresh token). */
  function sessionFrom(result: TokenResult, previous?: Session): Session | undefined {
    const scope = result.scope ?? previous?.scope;
    const scoped = scope !== undefined ? { scope } : {};
    if (result.refreshToken === undefined) {
      return previous && { refreshToken: previous.refreshToken, expiresAt: previous.expiresAt, ...scoped };
    }
    const lifetime = Math.min(options.cookieMaxAgeSeconds, result.refreshTokenExpiresIn ?? Infinity);
    return {
      refreshToken: result.refreshToken,
      expiresAt: Math.floor(result.receivedAt / 1000) + Math.floor(lifetime),
      ...scoped,
    };
  }

  async function token(request: Request, admitted: Admitted): Promise<Outcome> {
    const { code, codeVerifier, redirectUri } = parseTokenRequest(
      request.headers.get('content-type'),
      admitted,
      options,
    );
    const key = await flightKey('code', code, codeVerifier, redirectUri);
    const { value, shared } = await exchanges.run(key, () =>
      upstream.exchange(code, codeVerifier, redirectUri),
    );
    const session = sessionFrom(value);
    const headers = new Headers();
    // A new sign-in replaces whatever session the browser held; without a refresh token there is none.
    headers.append(
      'set-cookie',
      session ? await cookies.write(session, admitted.secure) : cookies.clear(admitted.secure),
    );
    const body = tokenBody(value, value.scope, session !== undefined, options.now());
    return { response: jsonResponse(200, body, headers), shared };
  }

  async function refresh(request: Request, admitted: Admitted): Promise<Outcome> {
    const read = await cookies.read(request, admitted.secure);
    if (read.kind === 'none') throw new HandlerError('no_session', 'There is no session to refresh.');
    if (read.kind === 'invalid') {
      return failAndClear(
        new HandlerError('no_session', 'The session cookie is not valid here; sign in again.'),
        cookies.clear(admitted.secure),
      );
    }
    const previous = read.session;
    const key = await flightKey('refresh', previous.refreshToken);
    let outcome: { value: TokenResult; shared: boolean };
    try {
      outcome = await refreshes.run(key, () => upstream.refresh(previous.refreshToken));
    } catch (cause) {
      if (cause instanceof HandlerError && cause.code === 'invalid_grant') {
        return failAndClear(
          new HandlerError('session_expired', 'The session ended (expired or revoked); sign in again.'),
          cookies.clear(admitted.secure),
        );
      }
      throw cause; // the session is kept: upstream unavailable, timeout, misconfiguration
    }
    const session = sessionFrom(outcome.value, previous) as Session;
    const headers = new Headers();
    headers.append('set-cookie', await cookies.write(session, admitted.secure));
    const body = tokenBody(outcome.value, session.scope, true, options.now());
    return { response: jsonResponse(200, body, headers), shared: outcome.shared };
  }

  async function logout(request: Request, admitted: Admitted): Promise<Outcome> {
    const read = await cookies.read(request, admitted.secure);
    let revoked = false;
    if (read.kind === 'valid') {
      const refreshToken = read.session.refreshToken;
      // A request still carrying an older cookie must not be handed this session back from the window.
      refreshes.forget(
        await flightKey('refresh', refreshToken),
        (value) => value.refreshToken === refreshToken,
      );
      revoked = await upstream.revoke(refreshToken);
    }
    const headers = new Headers();
    headers.append('set-cookie', cookies.clear(admitted.secure));
    return { response: jsonResponse(200, { revoked }, headers), revoked };
  }

  async function session(request: Request, admitted: Admitted): Promise<Outcome> {
    const read = await cookies.read(request, admitted.secure);
    if (read.kind === 'valid') {
      const { expiresAt, scope } = read.session;
      return {
        response: jsonResponse(200, {
          active: true,
          expires_at: expiresAt,
          ...(scope !== undefined ? { scope } : {}),
        }),
      };
    }
    const headers = new Headers();
    if (read.kind === 'invalid') headers.append('set-cookie', cookies.clear(admitted.secure));
    return { response: jsonResponse(200, { active: false }, headers) };
  }

  const routes: Record<Endpoint, (request: Request, admitted: Admitted) => Promise<Outcome>> = {
    token,
    refresh,
    logout,
    session,
  };

  function report(event: TokenHandlerEvent): void {
    try {
      options.onEvent?.(event);
    } catch {
      // a logging hook must not break an answer
    }
  }

  const handler = async (request: Request): Promise<Response> => {
    let endpoint: Endpoint | undefined;
    let outcome: Outcome;
    try {
      endpoint = endpointOf(new URL(request.url).pathname, options.basePath);
      if (!endpoint) throw new HandlerError('not_found', 'No such endpoint.');
      outcome = await routes[endpoint](request, await admit(request, options));
    } catch (cause) {
      const error =
        cause instanceof HandlerError
          ? cause
          : new HandlerError('internal_error', 'The token handler failed unexpectedly.', {
              cause,
            });
      outcome = { response: errorResponse(error), error };
    }
    const { response, error, shared, revoked } = outcome;
    const cause = error?.extra.causeName;
    report({
      endpoint: endpoint ?? null,
      status: response.status,
      ...(error !== undefined ? { error: error.code } : {}),
      ...(shared !== undefined ? { shared } : {}),
      ...(revoked !== undefined ? { revoked } : {}),
      ...(cause !== undefined ? { cause } : {}),
    });
    return response;
  };
  return Object.assign(handler, { basePath: options.basePath });
}
