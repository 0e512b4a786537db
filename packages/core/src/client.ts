/**
 * createTelnyxAuth: wiring only. It resolves the options and builds the parts (discovery, the session state
 * machine, the callback handler), then exposes them as the public client. Behaviour lives in the parts:
 * session-state.ts (the state machine), one protocol step a file, the transport.
 */
import { buildAuthorizeUrl } from './authorize.js';
import { createCallbackHandler, isRedirectCallback } from './callback.js';
import { createDiscovery } from './discovery.js';
import { DEV, TelnyxAuthError } from './errors.js';
import { resolveOptions, type ResolvedOptions } from './options.js';
import { createSessionState } from './session-state.js';
import { LOADING_SNAPSHOT } from './store.js';
import { missingScopes } from './token-set.js';
import { abandonTransaction } from './transaction.js';
import type { LoginOptions, RedirectResult, TelnyxAuth, TelnyxAuthOptions } from './types.js';

/**
 * Creates the sign-in client of one app (one issuer + client id). Touches no browser global until it is used
 * (SSR-safe); the stored session is read by `ready()` or the first `subscribe`.
 *
 * @throws TelnyxAuthError `invalid_options` for a missing or malformed option, `insecure_issuer` for an
 *   `http:` issuer or endpoint off loopback.
 * @see RFC 6749 §4.1 (authorization code grant); RFC 7636 (PKCE); RFC 8414 (metadata); RFC 9207 (`iss`)
 */
export function createTelnyxAuth(options: TelnyxAuthOptions): TelnyxAuth {
  // resolveOptions leaves `metadata` out: it is discovery, which needs the resolved options; set before any use.
  const o = resolveOptions(options) as ResolvedOptions;
  o.metadata = createDiscovery(o);
  const state = createSessionState(o);
  const handle = createCallbackHandler(o, state.signIn, state.adopt);
  // Every login asks for what the session already holds too (read once the stored session is).
  const authorizeUrl = (login?: LoginOptions, popup?: true): Promise<URL> =>
    state.start().then(() => buildAuthorizeUrl(o, login, state.store.get().scope, popup));
  const auth: TelnyxAuth = {
    clientId: o.clientId,
    issuer: o.issuer,
    subscribe(listener) {
      void state.start();
      return state.store.subscribe(listener);
    },
    getSnapshot: state.store.get,
    getServerSnapshot: () => LOADING_SNAPSHOT,
    ready: state.start,
    buildAuthorizeUrl: (login) => authorizeUrl(login).catch(state.fail),
    loginWithRedirect: (login) => state.redirect(() => authorizeUrl(login)),
    // Synchronous up to the plug-in's window.open: nothing may be awaited before it (popup blockers).
    loginWithPopup: async (login) =>
      o.popup
        ? o.popup.login(
            {
              auth,
              broadcastChannel: o.broadcastChannel,
              authorizeUrl: (options) => authorizeUrl(options, true),
              pending: state.popup,
              settle: state.adopt,
              fail: state.fail,
              abandon: (state) => abandonTransaction(o, state),
            },
            login,
          )
        : state.fail(
            new TelnyxAuthError(
              'invalid_options',
              DEV &&
                "loginWithPopup needs popup support: import { popupSupport } from '@telnyx-oauth/core/popup' and pass popup: popupSupport() to createTelnyxAuth (or <TelnyxAuthProvider>).",
            ),
          ),
    isRedirectCallback: (input) => isRedirectCallback(o, input),
    handleRedirectCallback: <AppState>(input?: string | URL) =>
      state.complete(() => handle(input)) as Promise<RedirectResult<AppState>>,
    getAccessToken: state.getAccessToken,
    getServerMetadata: o.metadata,
    hasScope: (scope) => !missingScopes(state.store.get().scope, scope).length,
    logout: state.logout,
    on: state.on,
    destroy: state.destroy,
  };
  return auth;
}
