/**
 * createTelnyxAuth: wires discovery, transactions, the callback handler, the refresh coordinator, tab sync and
 * the snapshot store into the public client. State lives here; each protocol step lives in its own module.
 */
import { buildAuthorizeUrl } from './authorize.js';
import { createAutoRefresh } from './auto-refresh.js';
import { createAuthFetch } from './auth-fetch.js';
import { createCallbackHandler, resolveCallbackUrl } from './callback.js';
import { createDiscovery } from './discovery.js';
import { TelnyxAuthError } from './errors.js';
import { withLock } from './locks.js';
import { channelName, refreshLockName } from './names.js';
import { callEach } from './notify.js';
import { resolveOptions } from './options.js';
import { createRefreshCoordinator } from './refresh.js';
import { revokeTokens } from './revoke.js';
import { createSessionStorage } from './session.js';
import { createSnapshotStore, LOADING_SNAPSHOT } from './store.js';
import { createTabSync, NO_TAB_SYNC, type TabMessage, type TabSync } from './tab-sync.js';
import { isExpired, needsRefresh, type TokenSet } from './token-set.js';
import { createTransactions } from './transaction.js';
import type {
  AuthEvent,
  AuthSnapshot,
  GetAccessTokenOptions,
  LoginOptions,
  LogoutOptions,
  RedirectResult,
  SignOutReason,
  TelnyxAuth,
  TelnyxAuthOptions,
} from './types.js';

export function createTelnyxAuth(userOptions: TelnyxAuthOptions): TelnyxAuth {
  const options = resolveOptions(userOptions);
  const now = (): number => Date.now();
  const store = createSnapshotStore();
  const session = createSessionStorage(options);
  const discovery = createDiscovery(options, now);
  const transactions = createTransactions(options, now);
  const eventListeners = new Set<(event: AuthEvent) => void>();

  let tokens: TokenSet | null = null;
  let epoch = 0;
  let loading: Promise<AuthSnapshot> | undefined;
  let destroyed = false;
  let tabSync: TabSync = NO_TAB_SYNC;
  let messages: Promise<void> = Promise.resolve();
  /** While this tab's logout waits to clear storage, what is still stored there is being signed out. */
  let signingOut = 0;

  function emit(event: AuthEvent): void {
    callEach(eventListeners, (listener) => listener(event));
  }

  function applySignedIn(next: TokenSet): void {
    tokens = next;
    store.update({
      status: 'authenticated',
      expiresAt: next.expiresAt,
      scope: next.scope,
      error: null,
      signOutReason: null,
    });
    autoRefresh.schedule();
  }

  function applySignedOut(reason: SignOutReason | null, error: TelnyxAuthError | null): void {
    tokens = null;
    epoch += 1;
    autoRefresh.schedule(); // no tokens: disarms the timer
    store.update({ status: 'unauthenticated', expiresAt: null, scope: [], error, signOutReason: reason });
  }

  // ---- refresh coordination ----------------------------------------------------------------------------------

  const autoRefresh = createAutoRefresh({
    enabled: options.autoRefresh,
    leewayMs: options.refreshLeewayMs,
    now,
    tokens: () => (destroyed ? null : tokens),
    refresh: () => {
      coordinator.refresh().catch(() => undefined); // the outcome is in the snapshot and the events
    },
    // Without BroadcastChannel (old browsers) this is how a tab learns that another one signed out or in.
    resync: () => enqueue(() => adoptStored(false, 'storage_cleared')),
  });

  const coordinator = createRefreshCoordinator(
    options,
    discovery,
    session,
    {
      epoch: () => epoch,
      started() {
        if (tokens) store.update({ status: 'refreshing' });
      },
      succeeded(next, source) {
        const changed = tokens?.accessToken !== next.accessToken;
        applySignedIn(next);
        autoRefresh.succeeded();
        if (source === 'refreshed') tabSync.post({ type: 'refreshed' });
        if (changed && next.expiresAt !== null) emit({ type: 'refreshed', expiresAt: next.expiresAt });
      },
      async ended(error, reason) {
        const wasSignedIn = tokens !== null;
        applySignedOut(reason, error);
        tabSync.post({ type: 'signed_out', reason });
        emit({ type: 'error', error });
        if (wasSignedIn) emit({ type: 'signed_out', reason });
      },
      failed(error) {
        if (tokens) {
          store.update({ status: 'error', error });
          autoRefresh.failed(error);
        } else if (error.code === 'login_required') {
          return; // signed out while the refresh ran (logout, another tab): nothing went wrong
        }
        emit({ type: 'error', error });
      },
      unsaved: (error) => emit({ type: 'error', error }),
    },
    now,
  );

  // ---- loading and tab sync ----------------------------------------------------------------------------------

  async function load(): Promise<void> {
    try {
      const record = await session.read();
      if (!record) {
        applySignedOut(null, null);
      } else if (!record.tokens.refreshToken && isExpired(record.tokens, now())) {
        await session.clear().catch(() => undefined);
        applySignedOut('expired', null);
      } else {
        applySignedIn(record.tokens);
      }
    } catch (cause) {
      // Unreadable or corrupt storage: start signed out with the reason, never throw from start-up.
      const error = TelnyxAuthError.from(cause);
      applySignedOut(null, error);
      emit({ type: 'error', error });
    }
    transactions.prune().catch(() => undefined);
  }

  /** Runs tab-sync work in order, after start-up; one failure must not stop the ones after it. */
  function enqueue(work: () => Promise<void>): void {
    messages = messages.then(() => (destroyed ? undefined : work())).catch(() => undefined);
  }

  /**
   * Adopts whatever another tab stored. `missing` says what an absent record means: after a refresh or sign-in
   * announcement nothing (a race), on a wake-up re-read that the session ended elsewhere.
   */
  async function adoptStored(signedInAnnouncement: boolean, missing: SignOutReason | null): Promise<void> {
    let record;
    try {
      record = await session.read();
    } catch {
      return; // a corrupt record written by someone else: keep what we have
    }
    if (signingOut) return;
    if (!record) {
      if (tokens && missing) {
        applySignedOut(missing, null);
        emit({ type: 'signed_out', reason: missing });
      }
      return;
    }
    if (record.tokens.accessToken === tokens?.accessToken) return;
    const wasSignedIn = tokens !== null;
    if (!wasSignedIn || signedInAnnouncement) epoch += 1;
    applySignedIn(record.tokens);
    autoRefresh.succeeded();
    if (!wasSignedIn) emit({ type: 'signed_in' });
    else if (record.tokens.expiresAt !== null)
      emit({ type: 'refreshed', expiresAt: record.tokens.expiresAt });
  }

  /**
   * Every message is a hint, never an order: any script of the origin can post on the channel. The tab re-reads
   * storage and acts on what it finds, so a forged `signed_out` with the session still stored changes nothing,
   * and one with a newer session stored adopts it. Only a session that is really gone signs the tab out.
   */
  function onTabMessage(message: TabMessage): void {
    enqueue(() =>
      message.type === 'signed_out'
        ? adoptStored(false, message.reason === 'logout' ? 'remote_logout' : message.reason)
        : adoptStored(message.type === 'signed_in', null),
    );
  }

  function start(): Promise<AuthSnapshot> {
    if (!loading) {
      tabSync = createTabSync(
        options.broadcastChannel,
        channelName(options.issuer, options.clientId),
        onTabMessage,
      );
      autoRefresh.listen();
      loading = load().then(() => store.get());
      messages = loading.then(() => undefined); // announcements apply after the stored session was read
    }
    return loading;
  }

  // ---- sign-in -----------------------------------------------------------------------------------------------

  /**
   * Runs `work` (which replaces or ends the stored session) under the refresh lock, so it is ordered with every
   * refresh in every tab: a refresh never writes over a sign-out or a new sign-in, and a sign-out sees the
   * newest refresh token. When another tab holds the lock past `lockTimeout`, `work` runs anyway: a sign-in or
   * a sign-out must not fail for that, and the refresh's compare-and-set keeps it from being overwritten.
   */
  const underSessionLock = (work: () => Promise<void>): Promise<void> =>
    withLock(
      options.locks,
      refreshLockName(options.issuer, options.clientId),
      options.lockTimeoutMs,
      work,
    ).catch((error: unknown) =>
      error instanceof TelnyxAuthError && error.code === 'lock_timeout' ? work() : Promise.reject(error),
    );

  async function signIn(next: TokenSet): Promise<void> {
    try {
      await underSessionLock(() => session.write(next));
    } catch (cause) {
      // Signed in for this page even if it cannot be persisted (private mode, quota): say so, do not fail.
      emit({ type: 'error', error: TelnyxAuthError.from(cause) });
    }
    epoch += 1;
    applySignedIn(next);
    autoRefresh.succeeded();
    tabSync.post({ type: 'signed_in' });
    emit({ type: 'signed_in' });
  }

  const callbackHandler = createCallbackHandler({
    options,
    discovery,
    transactions,
    now,
    signIn,
    async adopt() {
      await adoptStored(true, null);
      return tokens !== null;
    },
  });

  /** Reports a failure of a public method: the snapshot shows it only if there is no session to protect. */
  function fail(cause: unknown): never {
    const error = TelnyxAuthError.from(cause);
    if (!tokens && store.get().status !== 'loading') store.update({ status: 'unauthenticated', error });
    emit({ type: 'error', error });
    throw error;
  }

  async function getAccessToken(request: GetAccessTokenOptions = {}): Promise<string> {
    await start();
    const current = tokens;
    if (!current) throw new TelnyxAuthError('login_required', 'Not signed in.');
    if (!request.forceRefresh && !needsRefresh(current, now(), options.refreshLeewayMs))
      return current.accessToken;
    try {
      const refreshed = await coordinator.refresh(
        request.forceRefresh ? { staleAccessToken: current.accessToken } : {},
      );
      return refreshed.accessToken;
    } catch (cause) {
      const error = TelnyxAuthError.from(cause);
      // Within the leeway the old token still works: a transient refresh failure must not fail the caller.
      const latest = tokens;
      if (!request.forceRefresh && error.recoverable && latest && !isExpired(latest, now()))
        return latest.accessToken;
      throw error;
    }
  }

  const authFetch = createAuthFetch({
    getAccessToken: () => getAccessToken(),
    async refreshAfterRejection(rejected) {
      await start();
      if (!tokens) throw new TelnyxAuthError('login_required', 'Not signed in.');
      return (await coordinator.refresh({ staleAccessToken: rejected })).accessToken;
    },
    fetch: (input, init) => options.fetch(input, init),
  });

  const client: TelnyxAuth = {
    clientId: options.clientId,
    issuer: options.issuer,

    subscribe(listener) {
      void start();
      return store.subscribe(listener);
    },
    getSnapshot: () => store.get(),
    getServerSnapshot: () => LOADING_SNAPSHOT,
    ready: start,

    async buildAuthorizeUrl(login?: LoginOptions) {
      try {
        return await buildAuthorizeUrl(options, discovery, transactions, login);
      } catch (cause) {
        return fail(cause);
      }
    },

    async loginWithRedirect(login?: LoginOptions) {
      const win = options.window;
      if (!win)
        return fail(
          new TelnyxAuthError('invalid_options', 'loginWithRedirect needs a window; use buildAuthorizeUrl.'),
        );
      const url = await client.buildAuthorizeUrl(login);
      win.location.assign(url.href);
    },

    isRedirectCallback(input?: string | URL) {
      let url: URL;
      try {
        url = resolveCallbackUrl(input, options);
      } catch {
        return false;
      }
      const redirect = new URL(options.redirectUri);
      const params = url.searchParams;
      return (
        url.origin === redirect.origin &&
        url.pathname === redirect.pathname &&
        params.has('state') &&
        (params.has('code') || params.has('error'))
      );
    },

    async handleRedirectCallback<AppState = unknown>(
      input?: string | URL,
    ): Promise<RedirectResult<AppState>> {
      await start(); // so a late start-up read cannot overwrite the new session
      try {
        return (await callbackHandler(input)) as RedirectResult<AppState>;
      } catch (cause) {
        return fail(cause);
      }
    },

    getAccessToken,

    async logout(request: LogoutOptions = {}) {
      await start();
      const held = tokens;
      // This tab shows signed out at once, whatever storage, locks or the network do; a refresh running here
      // drops its result (the epoch changed). The event comes once storage is cleared (a listener may reload).
      applySignedOut('logout', null);
      // Under the refresh lock: a refresh in flight in any tab stores its rotated tokens first, so what is read
      // here is the newest refresh token (the one to revoke), and no refresh can store the session after this.
      let stored: TokenSet | null = null;
      signingOut += 1;
      try {
        await underSessionLock(async () => {
          stored = await session.read().then(
            (record) => record?.tokens ?? null,
            () => null,
          );
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
      const last = stored ?? held;
      if (request.revoke !== false && last) {
        const revokeError = await revokeTokens(options, discovery, last);
        if (revokeError) emit({ type: 'error', error: revokeError });
      }
    },

    fetch: authFetch,

    on(listener) {
      eventListeners.add(listener);
      return () => {
        eventListeners.delete(listener);
      };
    },

    destroy() {
      destroyed = true;
      autoRefresh.stop();
      tabSync.close();
    },
  };
  return client;
}
