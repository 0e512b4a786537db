/**
 * Authenticated fetch: adds `Authorization: Bearer` (RFC 6750 §2.1). When the resource server answers 401 with
 * `error="invalid_token"` (RFC 6750 §3.1) the token was revoked or expired early: refresh once and retry once.
 */
import { TelnyxAuthError } from './errors.js';
import { classifyUnauthorized } from './shared/bearer-challenge.js';
import { isSecureOrLoopback } from './shared/loopback.js';

export interface AuthFetchDeps {
  getAccessToken(): Promise<string>;
  /** Refresh unless storage already holds a token other than `rejected`; resolves to the token to retry with. */
  refreshAfterRejection(rejected: string): Promise<string>;
  fetch: typeof fetch;
}

export function createAuthFetch(deps: AuthFetchDeps) {
  return async function authFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    let request: Request;
    try {
      request = new Request(input, init);
    } catch (cause) {
      throw new TelnyxAuthError(
        'invalid_options',
        'auth.fetch could not build a request from its arguments.',
        { cause },
      );
    }
    const url = new URL(request.url);
    if (!isSecureOrLoopback(url)) {
      throw new TelnyxAuthError(
        'invalid_options',
        'Refusing to send an access token over plain http to a non-loopback host.',
      );
    }
    // Keep an unsent copy: a request body can be read only once, and we may need to send it twice.
    const retryCopy = request.clone();
    const token = await deps.getAccessToken();
    const response = await deps.fetch(withBearer(request, token));
    if (
      response.status !== 401 ||
      classifyUnauthorized(response.headers.get('www-authenticate')) !== 'refresh'
    )
      return response;
    const fresh = await deps.refreshAfterRejection(token);
    await response.body?.cancel().catch(() => undefined);
    return deps.fetch(withBearer(retryCopy, fresh));
  };
}

function withBearer(request: Request, token: string): Request {
  const headers = new Headers(request.headers);
  headers.set('authorization', `Bearer ${token}`);
  return new Request(request, { headers });
}
