/**
 * `@telnyx-oauth/core/popup`: sign-in in a popup window (`loginWithPopup`), plugged into a client with
 * `createTelnyxAuth({ ..., popup: popupSupport() })`. Its own entry, so an app that only redirects does not
 * bundle it.
 *
 * The opener's side only: the window is opened at once, inside the user's click (nothing is awaited before
 * `window.open`, or browsers block it), then sent to the authorization server with PKCE and `state` as usual.
 * It lands on the app's own redirect URI, same origin: it shares storage, Web Locks and BroadcastChannel, so
 * it completes the exchange there (once, like any callback; callback.ts) and reports on the channel named for
 * its `state`. Nothing relies on `window.opener`, which Cross-Origin-Opener-Policy headers null out.
 *
 * Messages are hints: the outcome is read from storage. A success message, another tab's `signed_in`, the
 * window closing and the timeout all lead to re-reading the stored session, so a lost message never turns a
 * sign-in that worked into a failure. `popup.closed` is trusted only while this page has focus: a window
 * moved to another browsing context group by COOP reads as closed while the user is still in it (and has
 * focus), but a window the user closed gives focus back to this page.
 */
import { DEV, TelnyxAuthError, type TelnyxAuthErrorCode } from './errors.js';
import { popupChannelName } from './names.js';
import { missingScopes, parseScope } from './token-set.js';
import type { AuthSnapshot, PopupContext, PopupLoginOptions, PopupSupport } from './types.js';

/** The part of a popup's `WindowProxy` the opener uses (all of it allowed across origins). */
export interface PopupWindow {
  /** True once the window is closed (or, under COOP, no longer reachable from this page). */
  readonly closed: boolean;
  /** Brings the window to the front. */
  focus(): void;
  /** Closes the window (a no-op once it is unreachable). */
  close(): void;
  /** Where the window is: only navigated, never read (it is another origin's most of the time). */
  readonly location: {
    /** Navigates the window to `url`, replacing the current entry of its history. */
    replace(url: string): void;
  };
}

/** Where popups are opened: the browser's `window` and `document`, or a stand-in (tests, embedded views). */
export interface PopupHost {
  /** Opens an empty popup window; null when the browser blocked it (`window.open` returning null). */
  open(): PopupWindow | null;
  /** Whether this page has focus (`document.hasFocus()`). */
  hasFocus(): boolean;
}

/** Options of {@link popupSupport}: defaults for every `loginWithPopup` of the client. */
export interface PopupSupportOptions {
  /** Give up after this many ms (`popup_timeout`); `loginWithPopup({ popupTimeout })` overrides it. Default 5 min. */
  timeout?: number;
  /** The window's width in CSS pixels, centred on this page. Default 500. */
  width?: number;
  /** The window's height in CSS pixels. Default 700. */
  height?: number;
  /** How often to check whether the window was closed, ms. Default 500. */
  pollInterval?: number;
  /** Where windows are opened. Default: the browser's `window`. */
  host?: PopupHost;
}

/** The browser's window, opening a centred popup. */
function browserHost(width: number, height: number): PopupHost | null {
  const win = globalThis.window;
  if (!win?.open) return null;
  return {
    open() {
      const left = Math.max(0, win.screenX + (win.outerWidth - width) / 2);
      const top = Math.max(0, win.screenY + (win.outerHeight - height) / 2);
      return win.open('', '_blank', `popup,width=${width},height=${height},left=${left},top=${top}`);
    },
    hasFocus: () => win.document.hasFocus(),
  };
}

/** Reading `closed` may throw under some COOP modes: unknown counts as open. */
function isClosed(popup: PopupWindow): boolean {
  try {
    return popup.closed;
  } catch {
    return false;
  }
}

/** `window.open`, which may also throw (a sandboxed frame without `allow-popups`): null is blocked. */
function open(host: PopupHost): PopupWindow | null {
  try {
    return host.open();
  } catch {
    return null;
  }
}

function attempt(action: () => void): void {
  try {
    action();
  } catch {
    // a window another browsing context group owns ignores focus() and close(), or throws
  }
}

const error = (code: TelnyxAuthErrorCode, message: string | false): TelnyxAuthError =>
  new TelnyxAuthError(code, message, { recoverable: true });

/**
 * Popup sign-in for a client: pass it as the `popup` option of `createTelnyxAuth` (or `<TelnyxAuthProvider>`),
 * then call `auth.loginWithPopup(options)` from a click handler. One window at a time: while one is open,
 * another `loginWithPopup` focuses it and rejects with `popup_in_progress`.
 *
 * @example
 * ```ts
 * import { createTelnyxAuth } from '@telnyx-oauth/core';
 * import { popupSupport } from '@telnyx-oauth/core/popup';
 *
 * const auth = createTelnyxAuth({ clientId, redirectUri, popup: popupSupport() });
 * button.onclick = () => auth.loginWithPopup({ scope: 'account_management.write' });
 * ```
 */
export function popupSupport(options: PopupSupportOptions = {}): PopupSupport {
  const { timeout = 300_000, width = 500, height = 700, pollInterval = 500 } = options;
  let current: PopupWindow | undefined;

  return {
    login(context, login = {}) {
      // authorize.ts leaves these options out of the request itself.
      const { redirectIfBlocked, popupTimeout = timeout } = login;
      /** Shows the failure (without a session) and rejects with it: `context.fail` throws what it showed. */
      const reject = (cause: unknown): Promise<never> => new Promise(() => context.fail(cause));
      if (current) {
        const open = current;
        attempt(() => open.focus());
        return Promise.reject(
          error('popup_in_progress', DEV && 'A sign-in window is already open; it was brought to the front.'),
        );
      }
      if (!(popupTimeout > 0))
        return reject(
          new TelnyxAuthError('invalid_options', DEV && 'popupTimeout must be a positive number.'),
        );
      const host = options.host ?? browserHost(width, height);
      if (!host)
        return reject(new TelnyxAuthError('invalid_options', DEV && 'loginWithPopup needs a window.'));
      // Synchronous up to here: window.open must run inside the user's click.
      const popup = open(host);
      if (!popup) {
        if (redirectIfBlocked) return context.auth.loginWithRedirect(login);
        return reject(
          error(
            'popup_blocked',
            DEV &&
              'The browser blocked the sign-in window: call loginWithPopup from a click handler, or pass redirectIfBlocked.',
          ),
        );
      }
      current = popup;
      return run(context, host, popup, login, popupTimeout, pollInterval).finally(() => {
        if (current === popup) current = undefined;
      });
    },
  };
}

/** One popup sign-in, from the open (blank) window to the outcome. */
async function run(
  context: PopupContext,
  host: PopupHost,
  popup: PopupWindow,
  login: PopupLoginOptions,
  timeout: number,
  pollInterval: number,
): Promise<void> {
  const { auth } = context;
  context.pending(true);
  try {
    await auth.ready();
    const before = auth.getSnapshot();
    const url = await context.authorizeUrl(login);
    const state = url.searchParams.get('state')!;
    const asked = parseScope(url.searchParams.get('scope') ?? undefined);
    if (isClosed(popup))
      throw error('popup_closed', DEV && 'The sign-in window was closed before it could be used.');
    popup.location.replace(url.href);
    await new Promise<void>((resolve, reject) => {
      const cleanup: Array<() => void> = [];
      let done = false;
      const finish = (failure?: TelnyxAuthError): void => {
        if (done) return;
        done = true;
        for (const stop of cleanup) stop();
        if (failure) reject(failure);
        else resolve();
      };
      const changed = (now: AuthSnapshot): boolean =>
        now.isAuthenticated && (!before.isAuthenticated || now.expiresAt !== before.expiresAt);
      /** The window's sign-in is stored: a new session (here or adopted from storage) with every scope asked. */
      const succeeded = (): boolean => {
        const now = auth.getSnapshot();
        return changed(now) && !missingScopes(now.scope, asked).length;
      };
      /** Re-reads storage, then ends with success, or with `otherwise` when no new session is there. */
      const settle = (otherwise?: () => TelnyxAuthError): void =>
        void context.settle().then(
          () => {
            const now = auth.getSnapshot();
            if (succeeded()) finish();
            // The server granted less than was asked: the new session is there, without every scope.
            else if (changed(now) && !otherwise)
              finish(
                new TelnyxAuthError(
                  'insufficient_scope',
                  DEV && 'The authorization server granted fewer scopes than were asked for.',
                  { scopes: missingScopes(now.scope, asked) },
                ),
              );
            // Closed or timed out: the consent answer may still be on its way; it must not sign in later.
            else if (otherwise) {
              const failure = otherwise();
              void context.abandon(state).then(() => finish(failure));
            }
          },
          (cause: unknown) => finish(TelnyxAuthError.from(cause)),
        );

      // Another tab's or the window's sign-in adopted through tab sync (the window announces it too).
      cleanup.push(auth.subscribe(() => succeeded() && finish()));

      // The window's report: a hint (any script of the origin can post), checked against storage.
      try {
        const channel = context.broadcastChannel?.(popupChannelName(auth.issuer, auth.clientId, state));
        if (channel) {
          const onMessage = ({ data }: { data: unknown }): void => {
            const { v, error: code, oauthError } = (data ?? {}) as Record<string, unknown>;
            if (v !== 1) return;
            if (typeof code !== 'string') return settle();
            finish(
              new TelnyxAuthError(
                code as TelnyxAuthErrorCode,
                DEV && `The sign-in window reported ${code}.`,
                {
                  ...(typeof oauthError === 'string' && { oauthError }),
                },
              ),
            );
          };
          channel.addEventListener('message', onMessage);
          cleanup.push(() => {
            channel.removeEventListener('message', onMessage);
            channel.close();
          });
        }
      } catch {
        // no channel: storage, the window closing and the timeout still settle it
      }

      // Closed by the user: only believed while this page has focus (see the module comment).
      const poll = setInterval(() => {
        if (!host.hasFocus() || !isClosed(popup)) return;
        clearInterval(poll);
        settle(() => error('popup_closed', DEV && 'The sign-in window was closed before sign-in finished.'));
      }, pollInterval);
      cleanup.push(() => clearInterval(poll));

      const deadline = setTimeout(
        () =>
          settle(() =>
            error('popup_timeout', DEV && `The sign-in window did not finish within ${timeout} ms.`),
          ),
        timeout,
      );
      cleanup.push(() => clearTimeout(deadline));
    });
  } catch (cause) {
    context.fail(cause); // shows it (without a session) and throws it
  } finally {
    context.pending(false);
    attempt(() => popup.close());
  }
}
