/**
 * The session state machine: what this tab believes about the session and how it changes. Signing in, adopting
 * another tab's session, refreshing (through refresh.ts), signing out, the sign-in this page has pending (a
 * redirect under way, a callback being completed), and what every failure does to the snapshot. Bindings read
 * the snapshot and call these transitions; they never reimplement them.
 *
 *   loading ─► unauthenticated ◄──────────────── logout, another tab's logout, expiry, refresh rejected
 *      │            │  ▲  (pending: redirecting ─► the authorization server ─► completing)   ▲
 *      └─ stored ─► authenticated ─► refreshing ─► authenticated | error (session kept) ─────┘
 */
import { createAutoRefresh } from './auto-refresh.js';
import { DEV, TelnyxAuthError } from './errors.js';
import { withLock } from './locks.js';
import { channelName, refreshLockName } from './names.js';
import type { ResolvedOptions } from './options.js';
import { createRefresher } from './refresh.js';
import { createSessionStorage } from './storage/session.js';
import { callEach, createSnapshotStore, type SnapshotStore } from './store.js';
import { createTabSync, NO_TAB_SYNC, type TabMessage } from './tab-sync.js';
import { canRefresh, isExpired, needsRefresh, type TokenSet } from './token-set.js';
import type {
  AuthEvent,
  AuthSnapshot,
  GetAccessTokenOptions,
  LogoutOptions,
  SignOutReason,
} from './types.js';

export interface SessionState {
  readonly store: SnapshotStore;
  /** Reads the stored session (once) and starts tab sync and the timer; resolves to the first settled snapshot. */
  start(): Promise<AuthSnapshot>;
  getAccessToken(options?: GetAccessTokenOptions): Promise<string>;
  logout(options?: LogoutOptions): Promise<void>;
  /** Navigates to the URL `authorizeUrl` resolves to, once at a time (`pending: 'redirecting'`). */
  redirect(authorizeUrl: () => Promise<URL>): Promise<void>;
  /** Runs a callback's completion with `pending: 'completing'`, after start-up. */
  complete<T>(run: () => Promise<T>): Promise<T>;
  /** Stores a new session (under the session lock), shows and announces it. */
  signIn(tokens: TokenSet): Promise<void>;
  /** Adopts the session another client stored (a callback it completed); false when none is stored. */
  adopt(): Promise<boolean>;
  /** Reports a failure of a public method: in the snapshot only if there is no session to protect. */
  fail(cause: unknown): never;
  on(listener: (event: AuthEvent) => void): () => void;
  destroy(): void;
}

export function createSessionState(o: ResolvedOptions, prune: () => Promise<void>): SessionState {
  const store = createSnapshotStore();
  const session = createSessionStorage(o);
  const listeners = new Set<(event: AuthEvent) => void>();
  const noop = (): void => undefined;
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

  const emit = (event: AuthEvent): void => callEach(listeners, (listener) => listener(event));

  function signedIn(next: TokenSet): void {
    tokens = next;
    store.update({
      status: 'authenticated',
      expiresAt: next.expiresAt,
      scope: next.scope,
      error: null,
      signOutReason: null,
    });
    timer.schedule();
  }

  function signedOut(reason: SignOutReason | null, error: TelnyxAuthError | null): void {
    tokens = null;
    epoch += 1;
    timer.schedule(); // no tokens: disarms the timer
    store.update({ status: 'unauthenticated', expiresAt: null, scope: [], error, signOutReason: reason });
  }

  /** A failed sign-in shows in the snapshot only without a session (and never as a session that ended). */
  function showFailure(error: TelnyxAuthError): void {
    if (!tokens && store.get().status !== 'loading')
      store.update({ status: 'unauthenticated', error, signOutReason: null });
  }

  const refresh = createRefresher(o, session, {
    epoch: () => epoch,
    started() {
      if (tokens && canRefresh(tokens)) store.update({ status: 'refreshing' });
    },
    succeeded(next, source) {
      const changed = tokens?.accessToken !== next.accessToken;
      signedIn(next);
      timer.succeeded();
      if (source === 'refreshed') tabSync.post({ type: 'refreshed' });
      if (changed && next.expiresAt !== null) emit({ type: 'refreshed', expiresAt: next.expiresAt });
    },
    ended(reason, error) {
      const wasSignedIn = tokens !== null;
      signedOut(reason, error);
      // Storage is already empty: whoever emptied it tells the other tabs (a logout says `logout`).
      if (reason !== 'storage_cleared') tabSync.post({ type: 'signed_out', reason });
      if (error) emit({ type: 'error', error });
      if (wasSignedIn) emit({ type: 'signed_out', reason });
    },
    failed(error) {
      if (error.code === 'login_required') return; // signed out or in while it ran: nothing went wrong
      if (tokens) {
        store.update({ status: 'error', error });
        timer.failed(error);
      }
      emit({ type: 'error', error });
    },
    unsaved: (error) => emit({ type: 'error', error }),
  });

  const timer = createAutoRefresh(
    o,
    () => (destroyed ? null : tokens),
    () => void refresh().catch(noop), // the outcome is in the snapshot and the events
    // Without BroadcastChannel (old browsers) this is how a tab learns that another one signed out or in.
    () => enqueue(() => adoptStored(false, 'storage_cleared')),
  );

  async function load(): Promise<void> {
    try {
      const stored = await session.read();
      if (stored && !canRefresh(stored) && isExpired(stored, Date.now())) {
        await session.clear().catch(noop);
        signedOut('expired', null);
      } else if (stored) signedIn(stored);
      else signedOut(null, null);
    } catch (cause) {
      // Unreadable or corrupt storage: start signed out with the reason, never throw from start-up.
      const error = TelnyxAuthError.from(cause);
      signedOut(null, error);
      emit({ type: 'error', error });
    }
    prune().catch(noop);
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
    let stored;
    try {
      stored = await session.read();
    } catch {
      return; // a corrupt record written by someone else: keep what we have
    }
    if (signingOut) return;
    if (!stored) {
      if (tokens && missing) {
        signedOut(missing, null);
        emit({ type: 'signed_out', reason: missing });
      }
      return;
    }
    if (stored.accessToken === tokens?.accessToken) return;
    const wasSignedIn = tokens !== null;
    if (!wasSignedIn || announced) epoch += 1;
    signedIn(stored);
    timer.succeeded();
    if (!wasSignedIn) emit({ type: 'signed_in' });
    else if (stored.expiresAt !== null) emit({ type: 'refreshed', expiresAt: stored.expiresAt });
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
      const win = globalThis.window;
      if (typeof win?.addEventListener === 'function') {
        win.addEventListener('pageshow', onPageShow);
        removePageShow = () => win.removeEventListener('pageshow', onPageShow);
      }
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
    withLock(o.locks, refreshLockName(o.issuer, o.clientId), o.lockTimeout, work).catch((error: unknown) =>
      (error as TelnyxAuthError).code === 'lock_timeout' ? work() : Promise.reject(error),
    );

  function fail(cause: unknown): never {
    const error = TelnyxAuthError.from(cause);
    showFailure(error);
    emit({ type: 'error', error });
    throw error;
  }

  return {
    store,
    start,
    fail,

    async getAccessToken(request = {}) {
      await start();
      const current = tokens;
      if (!current) throw new TelnyxAuthError('login_required', DEV && 'Not signed in.');
      if (!request.forceRefresh && !needsRefresh(current, Date.now(), o.refreshLeeway))
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

    async logout(request = {}) {
      await start();
      const held = tokens;
      // This tab shows signed out at once, whatever storage, locks or the network do; a refresh running here
      // drops its result (the epoch changed). The event comes once storage is cleared (a listener may reload).
      signedOut('logout', null);
      // Under the refresh lock: a refresh in flight in any tab stores its rotated tokens first, so what is read
      // here is the newest refresh token (the one to revoke), and no refresh can store the session after this.
      let stored: TokenSet | null = null;
      signingOut += 1;
      try {
        await underSessionLock(async () => {
          stored = await session.read().catch(() => null);
          await session.clear();
        });
      } catch (cause) {
        emit({ type: 'error', error: TelnyxAuthError.from(cause) });
      } finally {
        signingOut -= 1;
      }
      // After the clear: the other tabs re-read storage when they hear this.
      tabSync.post({ type: 'signed_out', reason: 'logout' });
      if (held) emit({ type: 'signed_out', reason: 'logout' });
      try {
        await o.transport.logout(o, stored ?? held, request.revoke !== false);
      } catch (cause) {
        emit({ type: 'error', error: TelnyxAuthError.from(cause) });
      }
    },

    async redirect(authorizeUrl) {
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

    async complete(run) {
      completing += 1;
      store.update({ pending: 'completing' });
      try {
        await start(); // so a late start-up read cannot overwrite the new session
        return await run();
      } catch (cause) {
        return fail(cause);
      } finally {
        if (!(completing -= 1)) store.update({ pending: null });
      }
    },

    async signIn(next) {
      try {
        await underSessionLock(() => session.write(next));
      } catch (cause) {
        // Signed in for this page even if it cannot be persisted (private mode, quota): say so, do not fail.
        emit({ type: 'error', error: TelnyxAuthError.from(cause) });
      }
      epoch += 1;
      signedIn(next);
      timer.succeeded();
      tabSync.post({ type: 'signed_in' });
      emit({ type: 'signed_in' });
    },

    async adopt() {
      await adoptStored(true, null);
      return tokens !== null;
    },

    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    destroy() {
      destroyed = true;
      timer.stop();
      tabSync.close();
      removePageShow();
    },
  };
}
