/**
 * The session state machine: what this tab believes about the session and how it changes. Signing in, adopting
 * another tab's session, refreshing (one at a time, across tabs: refresh.ts does one refresh under the lock),
 * signing out, the sign-in this page has pending (a redirect under way, a callback being completed), and what
 * every failure does to the snapshot. Bindings read the snapshot and call these transitions; they never
 * reimplement them.
 *
 *   loading ─► unauthenticated ◄──────────── logout, another tab's logout, expiry, refresh rejected
 *      │            │  ▲  (pending: redirecting ─► the authorization server ─► completing)     ▲
 *      └─ stored ─► authenticated ─► refreshing ─► authenticated | error (session kept) ───────┘
 */
import { createAutoRefresh } from './auto-refresh.js';
import { DEV, TelnyxAuthError } from './errors.js';
import { addListener } from './listeners.js';
import { withLock } from './locks.js';
import { channelName, refreshLockName } from './names.js';
import type { ResolvedOptions } from './options.js';
import { refreshStored } from './refresh.js';
import { backoffDelay } from './shared/retry.js';
import { readSession, writeSession } from './storage/session.js';
import { callEach, createSnapshotStore } from './store.js';
import { createTabSync, NO_TAB_SYNC, type TabMessage } from './tab-sync.js';
import { canRefresh, isExpired, missingScopes, needsRefresh, type TokenSet } from './token-set.js';
import { pruneTransactions } from './transaction.js';
import type {
  AuthEvent,
  AuthSnapshot,
  GetAccessTokenOptions,
  LogoutOptions,
  SignOutReason,
} from './types.js';

const noop = (): void => undefined;

export function createSessionState(o: ResolvedOptions) {
  const store = createSnapshotStore();
  const listeners = new Set<(event: AuthEvent) => void>();
  let tokens: TokenSet | null = null;
  /** Increments whenever this tab signs in or out; a refresh that started in another epoch drops its result. */
  let epoch = 0;
  let loading: Promise<AuthSnapshot> | undefined;
  let destroyed = false;
  let tabSync = NO_TAB_SYNC;
  let queue: Promise<void> = Promise.resolve();
  /** While this tab's logout waits to clear storage, what is still stored there is being signed out. */
  let signingOut = 0;
  let completing = 0;
  let removePageShow = noop;
  let inflight: Promise<TokenSet> | undefined;
  /** The server asked (Retry-After) not to be asked again before `until`. */
  let backoff: { until: number; error: TelnyxAuthError } | undefined;

  const emit = (event: AuthEvent): void => callEach(listeners, (listener) => listener(event));
  /** An `error` event (a TelnyxAuthError as it is, anything else classified by `from`). */
  const report = (cause: unknown): void => emit({ type: 'error', error: TelnyxAuthError.from(cause) });

  /** Shows `next` as the session; `announce` says how it came (new: signed_in, else refreshed). */
  function signedIn(next: TokenSet, event?: 'signed_in' | 'refreshed'): void {
    const changed = tokens?.accessToken !== next.accessToken;
    tokens = next;
    store.update({
      status: 'authenticated',
      expiresAt: next.expiresAt,
      scope: next.scope,
      error: null,
      signOutReason: null,
    });
    timer.succeeded();
    if (event === 'signed_in') emit({ type: 'signed_in' });
    else if (event && changed && next.expiresAt !== null)
      emit({ type: 'refreshed', expiresAt: next.expiresAt });
  }

  /** Shows the session as over; the `signed_out` event only for a session this tab had. */
  function signedOut(reason: SignOutReason | null, error: TelnyxAuthError | null, event = true): void {
    const had = tokens;
    tokens = null;
    epoch += 1;
    timer.schedule(); // no tokens: disarms the timer
    store.update({ status: 'unauthenticated', expiresAt: null, scope: [], error, signOutReason: reason });
    if (error) report(error);
    if (had && reason && event) emit({ type: 'signed_out', reason });
  }

  /** A failed sign-in shows in the snapshot only without a session (and never as a session that ended). */
  function showFailure(error: TelnyxAuthError): void {
    if (!tokens && store.get().status !== 'loading')
      store.update({ status: 'unauthenticated', error, signOutReason: null });
  }

  /** Reports a failure of a public method (see showFailure) and throws it. */
  function fail(cause: unknown): never {
    const error = TelnyxAuthError.from(cause);
    showFailure(error);
    report(error);
    throw error;
  }

  /**
   * One refresh at a time in this tab (callers share it), each attempt under the cross-tab lock. Network
   * errors, 5xx and 429 are retried (the lock is released while waiting: another tab may succeed meanwhile,
   * and its tokens are adopted); what is left keeps the session (status `error`).
   */
  async function runRefresh(stale: string | undefined): Promise<TokenSet> {
    if (tokens && canRefresh(tokens)) store.update({ status: 'refreshing' });
    for (let retry = 0; ; retry += 1) {
      const started = epoch;
      try {
        const outcome = await withLock(o, refreshLockName(o.issuer, o.clientId), () =>
          refreshStored(o, stale),
        );
        backoff = undefined;
        // This tab signed out or in while it ran: the outcome is not its to show.
        if (epoch !== started)
          throw new TelnyxAuthError(
            'login_required',
            DEV && 'The session ended while it was being refreshed.',
          );
        if ('ended' in outcome) {
          signedOut(outcome.ended, outcome.error);
          // Storage is already empty: whoever emptied it tells the other tabs (a logout says `logout`).
          if (outcome.ended !== 'storage_cleared')
            tabSync.post({ type: 'signed_out', reason: outcome.ended });
          throw (
            outcome.error ?? new TelnyxAuthError('login_required', DEV && 'The session ended; sign in again.')
          );
        }
        if (outcome.fresh) tabSync.post({ type: 'refreshed' });
        signedIn(outcome.tokens, 'refreshed');
        if (outcome.unsaved) report(outcome.unsaved);
        return outcome.tokens;
      } catch (cause) {
        const error = TelnyxAuthError.from(cause, DEV && 'Refreshing the session failed unexpectedly.');
        if (epoch !== started) throw error; // ended (or reported) above
        const delay = error.retryAfterMs ?? backoffDelay(retry);
        if (
          error.code === 'refresh_failed' &&
          error.recoverable &&
          retry < o.maxRefreshRetries &&
          delay <= o.maxRetryDelay
        ) {
          // A plain timer: nothing here aborts the wait (shared/retry's sleep takes a signal for the API client).
          await new Promise((resolve) => setTimeout(resolve, delay));
          continue;
        }
        if (error.retryAfterMs !== undefined) backoff = { until: Date.now() + error.retryAfterMs, error };
        if (tokens) {
          store.update({ status: 'error', error });
          timer.failed(error);
        }
        report(error);
        throw error;
      }
    }
  }

  function refresh(stale?: string): Promise<TokenSet> {
    // The server asked us (Retry-After) not to come back yet: answer from the last failure, send nothing.
    if (!inflight && backoff && Date.now() < backoff.until) return Promise.reject(backoff.error);
    return (inflight ??= runRefresh(stale).finally(() => (inflight = undefined)));
  }

  const timer = createAutoRefresh(
    o,
    () => (destroyed ? null : tokens),
    () => void refresh().catch(noop), // the outcome is in the snapshot and the events
    // Without BroadcastChannel (old browsers) this is how a tab learns that another one signed out or in.
    () => enqueue(() => adoptStored(false, 'storage_cleared')),
  );

  async function load(): Promise<void> {
    try {
      const stored = await readSession(o);
      if (stored && !canRefresh(stored) && isExpired(stored, Date.now())) {
        await writeSession(o, null).catch(noop);
        signedOut('expired', null);
      } else if (stored) signedIn(stored);
      else signedOut(null, null);
    } catch (cause) {
      // Unreadable or corrupt storage: start signed out with the reason, never throw from start-up.
      signedOut(null, TelnyxAuthError.from(cause));
    }
    pruneTransactions(o).catch(noop);
  }

  /** Runs tab-sync work in order, after start-up; one failure must not stop the ones after it. */
  function enqueue(work: () => Promise<void>): void {
    queue = queue.then(() => (destroyed ? undefined : work())).catch(noop);
  }

  /**
   * Adopts whatever another tab stored. `missing` says what an absent record means: after a refresh or sign-in
   * announcement nothing (a race), on a sign-out announcement or a wake-up re-read that the session ended.
   */
  async function adoptStored(announced: boolean, missing: SignOutReason | null): Promise<void> {
    const stored = await readSession(o).catch(() => undefined); // a corrupt record someone wrote: keep ours
    if (stored === undefined || signingOut) return;
    if (!stored) return void (tokens && missing && signedOut(missing, null));
    if (stored.accessToken === tokens?.accessToken) return;
    if (!tokens || announced) epoch += 1;
    signedIn(stored, tokens ? 'refreshed' : 'signed_in');
  }

  /**
   * Every message is a hint, never an order: any script of the origin can post on the channel. The tab re-reads
   * storage and acts on what it finds, so a forged `signed_out` with the session still stored changes nothing,
   * and one with a newer session stored adopts it. Only a session that is really gone signs the tab out.
   */
  const onTabMessage = (message: TabMessage): void =>
    enqueue(() =>
      message.type === 'signed_out'
        ? adoptStored(false, message.reason === 'logout' ? 'remote_logout' : message.reason)
        : adoptStored(message.type === 'signed_in', null),
    );

  /**
   * Back from the authorization server's page, the browser may restore this page from its back/forward cache as
   * it was: still "redirecting". The sign-in did not complete; say so (with a retry), instead of waiting forever.
   */
  function onPageShow(event: Event): void {
    if (!(event as PageTransitionEvent).persisted || store.get().pending !== 'redirecting') return;
    store.update({ pending: null });
    showFailure(
      new TelnyxAuthError(
        'login_required',
        DEV && 'Sign-in was not completed: the user came back before finishing it.',
        {
          recoverable: true,
        },
      ),
    );
  }

  function start(): Promise<AuthSnapshot> {
    if (!loading) {
      tabSync = createTabSync(o.broadcastChannel, channelName(o.issuer, o.clientId), onTabMessage);
      timer.listen();
      removePageShow = addListener(globalThis.window, 'pageshow', onPageShow);
      loading = load().then(() => store.get());
      queue = loading.then(noop); // announcements apply after the stored session was read
    }
    return loading;
  }

  /**
   * Runs `work` (which replaces or ends the stored session) under the refresh lock, so it is ordered with every
   * refresh in every tab: a refresh never writes over a sign-out or a new sign-in, and a sign-out sees the
   * newest refresh token. When another tab holds the lock past `lockTimeout`, `work` runs anyway: a sign-in or
   * a sign-out must not fail for that, and the refresh's compare-and-set keeps it from being overwritten.
   */
  const underSessionLock = (work: () => Promise<void>): Promise<void> =>
    withLock(o, refreshLockName(o.issuer, o.clientId), work).catch((error: unknown) =>
      (error as TelnyxAuthError).code === 'lock_timeout' ? work() : Promise.reject(error),
    );

  return {
    store,
    start,
    fail,

    /** A valid access token, refreshed when due (see `TelnyxAuth.getAccessToken`). */
    async getAccessToken(request: GetAccessTokenOptions = {}): Promise<string> {
      await start();
      const current = tokens;
      if (!current) throw new TelnyxAuthError('login_required', DEV && 'Not signed in.');
      const scopes = missingScopes(current.scope, request.scope);
      if (scopes.length)
        throw new TelnyxAuthError(
          'insufficient_scope',
          DEV &&
            `The session lacks ${scopes.join(' ')}: ask for it with loginWithPopup or loginWithRedirect.`,
          { scopes },
        );
      if (
        request.forceRefresh
          ? request.rejected !== undefined && request.rejected !== current.accessToken
          : !needsRefresh(current, Date.now(), o.refreshLeeway)
      )
        return current.accessToken;
      try {
        return (await refresh(request.forceRefresh ? current.accessToken : undefined)).accessToken;
      } catch (cause) {
        const error = TelnyxAuthError.from(cause);
        // Within the leeway the old token still works: a transient refresh failure must not fail the caller.
        const latest = tokens;
        if (!request.forceRefresh && error.recoverable && latest && !isExpired(latest, Date.now()))
          return latest.accessToken;
        throw error;
      }
    },

    /** Signs out in every tab, then ends the session at the server (see `TelnyxAuth.logout`). */
    async logout(request: LogoutOptions = {}): Promise<void> {
      await start();
      const held = tokens;
      // This tab shows signed out at once, whatever storage, locks or the network do; a refresh running here
      // drops its result (the epoch changed). The event comes once storage is cleared (a listener may reload).
      signedOut('logout', null, false);
      // Under the refresh lock: a refresh in flight in any tab stores its rotated tokens first, so what is read
      // here is the newest refresh token (the one to revoke), and no refresh can store the session after this.
      let stored: TokenSet | null = null;
      signingOut += 1;
      await underSessionLock(async () => {
        stored = await readSession(o).catch(() => null);
        await writeSession(o, null);
      })
        .catch(report)
        .finally(() => (signingOut -= 1));
      // After the clear: the other tabs re-read storage when they hear this.
      tabSync.post({ type: 'signed_out', reason: 'logout' });
      if (held) emit({ type: 'signed_out', reason: 'logout' });
      await o.transport.logout(o, stored ?? held, request.revoke !== false).catch(report);
    },

    /** Navigates to the URL `authorizeUrl` resolves to, once at a time (`pending: 'redirecting'`). */
    async redirect(authorizeUrl: () => Promise<URL>): Promise<void> {
      if (store.get().pending === 'redirecting') return; // one redirect at a time: StrictMode, double clicks, guards
      const win = o.window;
      if (!win)
        fail(
          new TelnyxAuthError(
            'invalid_options',
            DEV && 'loginWithRedirect needs a window; use buildAuthorizeUrl.',
          ),
        );
      store.update({ pending: 'redirecting' });
      try {
        win.location.assign((await authorizeUrl()).href);
      } catch (cause) {
        store.update({ pending: null });
        fail(cause);
      }
    },

    /** Shows (true) or clears (false) an open popup sign-in: `pending: 'popup'`. */
    popup(on: boolean): void {
      if (on || store.get().pending === 'popup') store.update({ pending: on ? 'popup' : null });
    },

    /**
     * Runs a callback's completion with `pending: 'completing'`, after start-up (so a late start-up read cannot
     * overwrite the new session). `not_a_callback` is thrown as it is: nothing was attempted.
     */
    async complete<T>(run: () => Promise<T>): Promise<T> {
      completing += 1;
      store.update({ pending: 'completing' });
      try {
        await start();
        return await run();
      } catch (cause) {
        if ((cause as TelnyxAuthError).code === 'not_a_callback') throw cause;
        return fail(cause);
      } finally {
        if (!(completing -= 1)) store.update({ pending: null });
      }
    },

    /** Stores a new session (under the session lock), shows and announces it. */
    async signIn(next: TokenSet): Promise<void> {
      // Signed in for this page even if it cannot be persisted (private mode, quota): say so, do not fail.
      await underSessionLock(() => writeSession(o, next)).catch(report);
      epoch += 1;
      tabSync.post({ type: 'signed_in' });
      signedIn(next, 'signed_in');
    },

    /**
     * Adopts the session another client stored (a callback it completed). False when none is stored, or when
     * it lacks one of `scopes`: an older session that an exchange which failed elsewhere left in place.
     */
    async adopt(scopes?: readonly string[]): Promise<boolean> {
      await adoptStored(true, null);
      return tokens !== null && !missingScopes(tokens.scope, scopes).length;
    },

    /** Session events; returns an unsubscribe function. */
    on(listener: (event: AuthEvent) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** Stops timers, listeners and channels. */
    destroy(): void {
      destroyed = true;
      timer.stop();
      tabSync.close();
      removePageShow();
    },
  };
}
