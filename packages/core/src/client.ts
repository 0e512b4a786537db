/**
 * createTelnyxAuth: wiring only. It resolves the options and builds the parts (discovery, the session state
 * machine, the callback handler), then exposes them as the public client. Behaviour lives in the parts:
 * session-state.ts (the state machine), one protocol step a file, the transport.
 */
import { buildAuthorizeUrl } from './authorize.js';
import { createCallbackHandler, isRedirectCallback } from './callback.js';
import { createDiscovery } from './discovery.js';
import { resolveOptions } from './options.js';
import { createSessionState } from './session-state.js';
import { LOADING_SNAPSHOT } from './store.js';
import type { RedirectResult, TelnyxAuth, TelnyxAuthOptions } from './types.js';

/**
 * Creates the sign-in client of one app (one issuer + client id). Touches no browser global until it is used
 * (SSR-safe); the stored session is read by `ready()` or the first `subscribe`.
 *
 * @throws TelnyxAuthError `invalid_options` for a missing or malformed option, `insecure_issuer` for an
 *   `http:` issuer or endpoint off loopback.
 * @see RFC 6749 §4.1 (authorization code grant); RFC 7636 (PKCE); RFC 8414 (metadata); RFC 9207 (`iss`)
 */
export function createTelnyxAuth(options: TelnyxAuthOptions): TelnyxAuth {
  const o = resolveOptions(options);
  o.metadata = createDiscovery(o);
  const state = createSessionState(o);
  const handle = createCallbackHandler(o, state.signIn, state.adopt);
  return {
    clientId: o.clientId,
    issuer: o.issuer,
    subscribe(listener) {
      void state.start();
      return state.store.subscribe(listener);
    },
    getSnapshot: state.store.get,
    getServerSnapshot: () => LOADING_SNAPSHOT,
    ready: state.start,
    buildAuthorizeUrl: (login) => buildAuthorizeUrl(o, login).catch(state.fail),
    loginWithRedirect: (login) => state.redirect(() => buildAuthorizeUrl(o, login)),
    isRedirectCallback: (input) => isRedirectCallback(o, input),
    handleRedirectCallback: <AppState>(input?: string | URL) =>
      state.complete(() => handle(input)) as Promise<RedirectResult<AppState>>,
    getAccessToken: state.getAccessToken,
    getServerMetadata: o.metadata,
    logout: state.logout,
    on: state.on,
    destroy: state.destroy,
  };
}
