/**
 * RefreshCoordinator: at most one refresh-token grant (RFC 6749 §6) at a time, in this tab (single flight) and
 * across tabs (an exclusive Web Lock, also taken by sign-in and logout). Under the lock it re-reads the shared
 * session and refreshes only if the stored token still needs it, and it stores the answer with a
 * compare-and-set (one storage update), so a logout or a new sign-in is never written over.
 *
 * What this guarantees, with rotating refresh tokens and Web Locks: no tab presents a refresh token that another
 * tab already spent *and whose answer was stored*, so tabs never race each other into the server's reuse
 * detection. (Without Web Locks two tabs can still refresh in the same moment: see the README.)
 *
 * What it cannot guarantee: a refresh token is spent when the server processes the request, not when the
 * answer is stored. If the answer is lost (the tab is closed or navigates mid-refresh, the request times out
 * after the server processed it, the connection drops on the way back, or the answer is unusable), storage
 * still holds the spent token and the next refresh presents it. A server with reuse detection then revokes
 * the whole token family: that refresh fails with `refresh_rejected` (`invalid_grant`), storage is cleared
 * and every tab is signed out (`signOutReason: 'refresh_rejected'`); the user signs in again. A server that
 * still accepts the previous refresh token for a short grace period after rotating it (the dev server's
 * `--reuse-grace` option emulates one) lets the session survive a lost answer. See SECURITY.md.
 *
 * @see RFC 6749 §6; RFC 9700 §4.14.2 (refresh token rotation and reuse detection)
 */
import {
  None,
  processGenericTokenEndpointResponse,
  refreshTokenGrantRequest,
  ResponseBodyError,
  type TokenEndpointResponse,
} from 'oauth4webapi';
import type { Discovery } from './discovery.js';
import { isNetworkFailure, TelnyxAuthError } from './errors.js';
import { httpOptions } from './http.js';
import { withLock } from './locks.js';
import { refreshLockName } from './names.js';
import { oauthClient } from './oauth-client.js';
import { backoffDelay, isRetryableStatus, retryAfterMs, sleep } from './shared/retry.js';
import type { ResolvedOptions } from './options.js';
import type { SessionStorage } from './session.js';
import { isExpired, needsRefresh, tokenSetFromResponse, type TokenSet } from './token-set.js';
import type { SignOutReason } from './types.js';

const unexpected = (cause: unknown): TelnyxAuthError =>
  TelnyxAuthError.from(cause, 'Refreshing the session failed unexpectedly.');

export interface RefreshHooks {
  /** Increments whenever this tab signs in or out; a refresh that started in another epoch drops its result. */
  epoch(): number;
  started(): void;
  /** New tokens: `refreshed` by us (announce them) or `adopted` from storage (another tab refreshed). */
  succeeded(tokens: TokenSet, source: 'refreshed' | 'adopted'): void;
  /** The session is over (invalid_grant, no refresh token, storage cleared). */
  ended(error: TelnyxAuthError, reason: SignOutReason): Promise<void>;
  /** Recoverable failure after the retries: the session is kept. */
  failed(error: TelnyxAuthError): void;
  /** The refresh worked but its tokens could not be persisted (quota): they live on in memory. */
  unsaved(error: TelnyxAuthError): void;
}

export interface RefreshRequest {
  /**
   * Refresh even if the stored token is not near expiry, unless storage already holds a different token than
   * this one (someone refreshed since the caller saw it). Used by forceRefresh and the 401 retry.
   */
  staleAccessToken?: string;
}

/** Errors that end the session: the grant is gone, retrying cannot help (RFC 6749 §5.2). */
const SESSION_ENDING_ERRORS = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client']);

export interface RefreshCoordinator {
  /** Single flight: concurrent callers in this tab share one refresh. */
  refresh(request?: RefreshRequest): Promise<TokenSet>;
}

/** Closures rather than a class: private state and helpers minify to short names (the sign-in bundle). */
export function createRefreshCoordinator(
  options: ResolvedOptions,
  discovery: Discovery,
  session: SessionStorage,
  hooks: RefreshHooks,
  now: () => number,
): RefreshCoordinator {
  let inflight: Promise<TokenSet> | undefined;
  const lockName = refreshLockName(options.issuer, options.clientId);
  const endedBy = new WeakSet<TelnyxAuthError>();
  let backoff: { until: number; error: TelnyxAuthError } | undefined;

  function refresh(request: RefreshRequest = {}): Promise<TokenSet> {
    // The server asked us (Retry-After) not to come back yet: answer from the last failure, send nothing.
    if (!inflight && backoff && now() < backoff.until) return Promise.reject(backoff.error);
    if (!inflight) {
      inflight = runWithRetries(request).finally(() => {
        inflight = undefined;
      });
    }
    return inflight;
  }

  async function runWithRetries(request: RefreshRequest): Promise<TokenSet> {
    hooks.started();
    for (let attempt = 0; ; attempt += 1) {
      try {
        const tokens = await underLock(request);
        backoff = undefined;
        return tokens;
      } catch (cause) {
        const error = unexpected(cause);
        if (endedBy.has(error)) throw error; // already reported through hooks.ended
        const delay = error.retryAfterMs ?? backoffDelay(attempt);
        const retryable =
          error.recoverable && error.code === 'refresh_failed' && attempt < options.maxRefreshRetries;
        if (!retryable || delay > options.maxRetryDelayMs) {
          if (error.retryAfterMs !== undefined) backoff = { until: now() + error.retryAfterMs, error };
          hooks.failed(error);
          throw error;
        }
        // The lock is released while we wait: another tab may succeed meanwhile, and we will adopt its tokens.
        await sleep(delay);
      }
    }
  }

  const underLock = (request: RefreshRequest): Promise<TokenSet> =>
    withLock(options.locks, lockName, options.lockTimeoutMs, () => attempt(request));

  async function end(error: TelnyxAuthError, reason: SignOutReason): Promise<void> {
    endedBy.add(error);
    await hooks.ended(error, reason);
  }

  /** One refresh attempt; the caller holds the lock. */
  async function attempt(request: RefreshRequest): Promise<TokenSet> {
    const epoch = hooks.epoch();
    const stored = await session.read();
    if (!stored) {
      const error = new TelnyxAuthError('login_required', 'The stored session disappeared; sign in again.');
      await end(error, 'storage_cleared');
      throw error;
    }
    const tokens = stored.tokens;
    const time = now();
    const stillNeeded =
      request.staleAccessToken === undefined
        ? needsRefresh(tokens, time, options.refreshLeewayMs)
        : tokens.accessToken === request.staleAccessToken ||
          needsRefresh(tokens, time, options.refreshLeewayMs);
    if (!stillNeeded) {
      hooks.succeeded(tokens, 'adopted');
      return tokens;
    }
    if (!tokens.refreshToken) {
      if (request.staleAccessToken === undefined && !isExpired(tokens, time)) return tokens;
      const error = new TelnyxAuthError(
        'login_required',
        'The access token expired and there is no refresh token.',
      );
      await session.clear();
      await end(error, 'expired');
      throw error;
    }

    return settle(tokens, await grant(tokens.refreshToken), epoch);
  }

  /** A server-requested wait, capped by maxRetryAfter (a Retry-After of an hour must not stop us for an hour). */
  const capped = (ms: number | undefined): number | undefined =>
    ms === undefined ? ms : Math.min(ms, options.maxRetryAfterMs);

  async function grant(refreshToken: string): Promise<TokenEndpointResponse | TelnyxAuthError> {
    let as;
    try {
      as = await discovery.get();
    } catch (cause) {
      throw new TelnyxAuthError(
        'refresh_failed',
        'Could not load the authorization server metadata to refresh.',
        {
          cause,
          recoverable: cause instanceof TelnyxAuthError ? cause.recoverable : true,
        },
      );
    }
    const client = oauthClient(options);
    let response: Response;
    try {
      response = await refreshTokenGrantRequest(as, client, None(), refreshToken, httpOptions(options));
    } catch (cause) {
      throw new TelnyxAuthError(
        isNetworkFailure(cause) ? 'refresh_failed' : 'invalid_response',
        'The refresh request could not be sent.',
        { cause, recoverable: true },
      );
    }
    if (isRetryableStatus(response.status, response.headers)) {
      await response.body?.cancel().catch(() => undefined);
      throw new TelnyxAuthError(
        'refresh_failed',
        `The token endpoint answered ${response.status}; the session is kept.`,
        { status: response.status, retryAfterMs: capped(retryAfterMs(response.headers, now())) },
      );
    }
    try {
      // Same check as the code exchange's (RFC 6749 §5.1), so the bundle carries one response parser.
      return await processGenericTokenEndpointResponse(as, client, response);
    } catch (cause) {
      if (cause instanceof ResponseBodyError && SESSION_ENDING_ERRORS.has(cause.error)) {
        // Returned, not thrown: the caller decides under the lock whether this really ends the session.
        return new TelnyxAuthError(
          'refresh_rejected',
          'The server rejected the refresh token; sign in again.',
          {
            cause,
            status: cause.status,
            oauthError: cause.error,
            oauthErrorDescription: cause.error_description,
          },
        );
      }
      throw new TelnyxAuthError('invalid_response', 'The token endpoint gave an unusable refresh response.', {
        cause,
        recoverable: true,
        status: response.status,
        ...(cause instanceof ResponseBodyError ? { oauthError: cause.error } : {}),
      });
    }
  }

  /**
   * Stores the outcome of a refresh with a compare-and-set, in one storage update: only if the stored session
   * still holds the refresh token we used is it replaced (new tokens) or ended (refresh rejected). A logout or a
   * new sign-in that happened meanwhile (in any tab) wins; nothing is written over it. The write happens even if
   * this tab signed out meanwhile (its logout waits for this lock, then reads and revokes the newest refresh
   * token); the tab itself only takes the result if its epoch did not change.
   */
  async function settle(
    used: TokenSet,
    result: TokenEndpointResponse | TelnyxAuthError,
    epoch: number,
  ): Promise<TokenSet> {
    const fresh =
      result instanceof TelnyxAuthError
        ? null
        : tokenSetFromResponse(result, now(), { refreshToken: used.refreshToken, scope: used.scope });
    let stored: TokenSet | null = used; // if storage fails before it could compare, assume ours (see guardStorage)
    let unsaved: TelnyxAuthError | undefined;
    try {
      await session.update((current) => {
        stored = current;
        return current?.refreshToken === used.refreshToken ? fresh : current;
      });
    } catch (cause) {
      // The old refresh token is spent (rotation): failing to persist the new one must not throw them away.
      unsaved = unexpected(cause);
    }
    if (!stored || hooks.epoch() !== epoch) {
      throw new TelnyxAuthError('login_required', 'The session ended while it was being refreshed.');
    }
    if (stored.refreshToken !== used.refreshToken) {
      // Someone else (a tab without Web Locks, or a new sign-in) replaced the session meanwhile: theirs wins.
      hooks.succeeded(stored, 'adopted');
      return stored;
    }
    if (!fresh) {
      await end(result as TelnyxAuthError, 'refresh_rejected');
      throw result;
    }
    hooks.succeeded(fresh, 'refreshed');
    if (unsaved) hooks.unsaved(unsaved);
    return fresh;
  }

  return { refresh };
}
