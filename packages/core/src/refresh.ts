/**
 * The refresh coordinator: at most one refresh (RFC 6749 §6, through the transport) at a time, in this tab
 * (single flight) and across tabs (an exclusive Web Lock, also taken by sign-in and logout). Under the lock it
 * re-reads the shared session and refreshes only if the stored token still needs it, and it stores the answer
 * with a compare-and-set (one storage update), so a logout or a new sign-in is never written over.
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
import { DEV, TelnyxAuthError } from './errors.js';
import { withLock } from './locks.js';
import { refreshLockName } from './names.js';
import type { ResolvedOptions } from './options.js';
import { backoffDelay, sleep } from './shared/retry.js';
import type { SessionStorage } from './storage/session.js';
import { canRefresh, isExpired, needsRefresh, tokenSetFromResponse, type TokenSet } from './token-set.js';
import type { SignOutReason, TokenResponse } from './types.js';

/** What the coordinator tells the session state (session-state.ts). */
export interface RefreshHooks {
  /** Increments whenever this tab signs in or out; a refresh that started in another epoch drops its result. */
  epoch(): number;
  started(): void;
  /** New tokens: `refreshed` by us (announce them) or `adopted` from storage (another tab refreshed). */
  succeeded(tokens: TokenSet, source: 'refreshed' | 'adopted'): void;
  /** The session is over: rejected (with the error), expired or gone from storage (a clean sign-out). */
  ended(reason: SignOutReason, error: TelnyxAuthError | null): void;
  /** A failure after the retries (recoverable ones keep the session). */
  failed(error: TelnyxAuthError): void;
  /** The refresh worked but its tokens could not be persisted (quota): they live on in memory. */
  unsaved(error: TelnyxAuthError): void;
}

/**
 * Refreshes the session. `stale`: refresh even if the stored token is not near expiry, unless storage already
 * holds a different token than this one (someone refreshed since the caller saw it): forceRefresh, a 401.
 */
export type Refresh = (stale?: string) => Promise<TokenSet>;

/** Closures rather than a class: private state and helpers minify to short names (the sign-in bundle). */
export function createRefresher(o: ResolvedOptions, session: SessionStorage, hooks: RefreshHooks): Refresh {
  let inflight: Promise<TokenSet> | undefined;
  let backoff: { until: number; error: TelnyxAuthError } | undefined;
  const lockName = refreshLockName(o.issuer, o.clientId);
  const reported = new WeakSet<TelnyxAuthError>();

  /** Ends the session (reported once) and returns what the caller is told. */
  function end(reason: SignOutReason, error: TelnyxAuthError | null): TelnyxAuthError {
    hooks.ended(reason, error);
    const thrown = error ?? new TelnyxAuthError('login_required', DEV && 'The session ended; sign in again.');
    reported.add(thrown);
    return thrown;
  }

  /** One attempt; the caller holds the lock. */
  async function attempt(stale: string | undefined): Promise<TokenSet> {
    const epoch = hooks.epoch();
    const tokens = await session.read();
    // The stored session disappeared (another tab signed out, site data cleared): a clean sign-out.
    if (!tokens) throw end('storage_cleared', null);
    const now = Date.now();
    if (!needsRefresh(tokens, now, o.refreshLeeway) && tokens.accessToken !== stale) {
      hooks.succeeded(tokens, 'adopted');
      return tokens;
    }
    if (!canRefresh(tokens)) {
      if (stale === undefined && !isExpired(tokens, now)) return tokens;
      await session.clear();
      throw end('expired', null);
    }
    let result: TokenResponse | TelnyxAuthError;
    try {
      result = await o.transport.refresh(o, tokens);
    } catch (cause) {
      const error = TelnyxAuthError.from(cause);
      if (error.code !== 'refresh_rejected') throw error;
      result = error; // decided under the compare-and-set below: it ends the session only if still ours
    }
    return settle(tokens, result, epoch);
  }

  /**
   * Stores the outcome of a refresh with a compare-and-set, in one storage update: only if the stored session
   * is still the one we refreshed is it replaced (new tokens) or ended (refresh rejected). A logout or a new
   * sign-in that happened meanwhile (in any tab) wins; nothing is written over it. The write happens even if
   * this tab signed out meanwhile (its logout waits for this lock, then reads and revokes the newest refresh
   * token); the tab itself only takes the result if its epoch did not change.
   */
  async function settle(
    used: TokenSet,
    result: TokenResponse | TelnyxAuthError,
    epoch: number,
  ): Promise<TokenSet> {
    const fresh = result instanceof TelnyxAuthError ? null : tokenSetFromResponse(result, Date.now(), used);
    let stored: TokenSet | null = used; // if storage fails before it could compare, assume ours (see guardStorage)
    let unsaved: TelnyxAuthError | undefined;
    try {
      await session.update((current) => {
        stored = current;
        return current?.accessToken === used.accessToken ? fresh : current;
      });
    } catch (cause) {
      // The old refresh token is spent (rotation): failing to persist the new one must not throw them away.
      unsaved = TelnyxAuthError.from(cause);
    }
    if (hooks.epoch() !== epoch)
      throw new TelnyxAuthError('login_required', DEV && 'The session ended while it was being refreshed.');
    if (!stored) throw end('storage_cleared', null);
    if (stored.accessToken !== used.accessToken) {
      // Someone else (a tab without Web Locks, or a new sign-in) replaced the session meanwhile: theirs wins.
      hooks.succeeded(stored, 'adopted');
      return stored;
    }
    if (!fresh) throw end('refresh_rejected', result as TelnyxAuthError);
    hooks.succeeded(fresh, 'refreshed');
    if (unsaved) hooks.unsaved(unsaved);
    return fresh;
  }

  async function run(stale: string | undefined): Promise<TokenSet> {
    hooks.started();
    for (let retry = 0; ; retry += 1) {
      try {
        const tokens = await withLock(o.locks, lockName, o.lockTimeout, () => attempt(stale));
        backoff = undefined;
        return tokens;
      } catch (cause) {
        const error = TelnyxAuthError.from(cause, DEV && 'Refreshing the session failed unexpectedly.');
        if (reported.has(error)) throw error;
        const delay = error.retryAfterMs ?? backoffDelay(retry);
        if (
          error.code !== 'refresh_failed' ||
          !error.recoverable ||
          retry >= o.maxRefreshRetries ||
          delay > o.maxRetryDelay
        ) {
          if (error.retryAfterMs !== undefined) backoff = { until: Date.now() + error.retryAfterMs, error };
          hooks.failed(error);
          throw error;
        }
        // The lock is released while we wait: another tab may succeed meanwhile, and we will adopt its tokens.
        await sleep(delay);
      }
    }
  }

  return (stale) => {
    // The server asked us (Retry-After) not to come back yet: answer from the last failure, send nothing.
    if (!inflight && backoff && Date.now() < backoff.until) return Promise.reject(backoff.error);
    return (inflight ??= run(stale).finally(() => {
      inflight = undefined;
    }));
  };
}
