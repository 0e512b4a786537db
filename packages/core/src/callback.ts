/**
 * handleRedirectCallback: validate the authorization response (state, RFC 9207 `iss`, `error=`) with
 * oauth4webapi, exchange the code exactly once through the transport, and scrub the response from the address
 * bar.
 *
 * "Exactly once" has three layers:
 * - in this client, a single-flight map keyed by state: a second call (React StrictMode, a double click, a
 *   remounted callback route) joins the first and sends nothing;
 * - across clients (two tabs opening one callback URL, a provider re-created in this page), an exclusive Web
 *   Lock per state and an atomic claim of the stored transaction (one storage update, so even tabs without Web
 *   Locks cannot both take it): one client exchanges the code, a client that waited for it adopts the session it
 *   stored and gets the same result, and one that could not wait gets `unknown_state`;
 * - the consumed transaction: a replay after a reload or the Back button finds none and fails with
 *   `unknown_state`.
 * A code sent twice is code reuse, for which servers revoke the tokens issued for it (RFC 6749 §4.1.2).
 */
import { AuthorizationResponseError, validateAuthResponse, type AuthorizationServer } from 'oauth4webapi';
import { DEV, TelnyxAuthError } from './errors.js';
import { withLock } from './locks.js';
import { callbackLockName, popupChannelName } from './names.js';
import type { ResolvedOptions } from './options.js';
import { pathOf, sanitizeReturnTo } from './return-to.js';
import { tokenSetFromResponse, type TokenSet } from './token-set.js';
import { claimTransaction, finishTransaction, peekTransaction } from './transaction.js';
import type { RedirectResult } from './types.js';

/** Authorization response parameters (RFC 6749 §4.1.2, §4.1.2.1; RFC 9207) removed from the address bar. */
const RESPONSE_PARAMS = ['code', 'state', 'iss', 'error', 'error_description', 'error_uri', 'session_state'];

/** The URL to handle: the argument, else the window's location. Unparseable input is `not_a_callback`. */
function callbackUrl(input: string | URL | undefined, o: ResolvedOptions): URL {
  const href = o.window?.location.href;
  try {
    return new URL(String(input ?? href), href ?? o.redirectUri);
  } catch (cause) {
    throw new TelnyxAuthError('not_a_callback', DEV && 'No callback URL: none given, or it does not parse.', {
      cause,
    });
  }
}

/** True when the URL (default: the window's) is on the redirect URI and carries `state` with `code` or `error`. */
export function isRedirectCallback(o: ResolvedOptions, input?: string | URL): boolean {
  try {
    const url = callbackUrl(input, o);
    const params = url.searchParams;
    const redirect = new URL(o.redirectUri);
    // Same origin and path (the origin holds no "/", so the concatenation compares both exactly).
    return (
      url.origin + url.pathname === redirect.origin + redirect.pathname &&
      params.has('state') &&
      (params.has('code') || params.has('error'))
    );
  } catch {
    return false;
  }
}

/** The app's origin: the window's, else the redirect URI's. */
export function appOrigin(o: ResolvedOptions): string {
  const origin = o.window?.location.origin;
  return origin && origin !== 'null' ? origin : new URL(o.redirectUri).origin;
}

/**
 * Removes the response parameters with history.replaceState, but only while the address bar still shows this
 * response (`state`, or for null any response parameter): if the app already navigated on (to returnTo), its
 * URL is left alone. Returns the cleaned URL.
 */
function scrubAddressBar(o: ResolvedOptions, state: string | null): string | undefined {
  const win = o.window;
  try {
    const url = new URL(win!.location.href);
    const params = url.searchParams;
    if (state === null ? !RESPONSE_PARAMS.some((name) => params.has(name)) : params.get('state') !== state)
      return;
    for (const name of RESPONSE_PARAMS) params.delete(name);
    win!.history.replaceState(win!.history.state, '', pathOf(url));
    return win!.location.href;
  } catch {
    // no window, an exotic stand-in or a sandbox forbidding replaceState: cleaning is hygiene, not correctness
  }
}

/** Validates the response with oauth4webapi; an `error=` or a failed check becomes a typed error. */
function validate(as: AuthorizationServer, o: ResolvedOptions, params: URLSearchParams, state: string) {
  try {
    return validateAuthResponse(as, { client_id: o.clientId }, params, state);
  } catch (cause) {
    const { error, error_description } = cause as AuthorizationResponseError;
    if (cause instanceof AuthorizationResponseError)
      throw new TelnyxAuthError(
        error === 'access_denied' ? 'authorization_denied' : 'authorization_error',
        DEV && `The authorization server answered "${error}" (access_denied: the user declined).`,
        { cause, oauthError: error, oauthErrorDescription: error_description },
      );
    // oauth4webapi checked RFC 9207: iss is required when advertised and must equal the metadata issuer.
    const iss = params.getAll('iss');
    const wrongIssuer = iss.length
      ? iss.length > 1 || iss[0] !== as.issuer
      : !!as.authorization_response_iss_parameter_supported;
    throw new TelnyxAuthError(
      wrongIssuer ? 'issuer_mismatch' : 'invalid_response',
      DEV &&
        (wrongIssuer
          ? 'The RFC 9207 iss check failed: not the expected issuer.'
          : 'The authorization response is malformed.'),
      { cause },
    );
  }
}

/**
 * A popup window tells the page that opened it how its sign-in ended, on the channel named for its `state`:
 * `{ v: 1 }`, or `{ v: 1, error, oauthError }` with the error's code (never a token, a code or a message). The
 * opener treats it as a hint and reads the session from storage (where `signIn` already put it).
 */
function reportToOpener(o: ResolvedOptions, state: string, error?: TelnyxAuthError): void {
  try {
    const channel = o.broadcastChannel!(popupChannelName(o.issuer, o.clientId, state));
    channel.postMessage({ v: 1, error: error?.code, oauthError: error?.oauthError });
    channel.close();
  } catch {
    // No BroadcastChannel: the opener learns from storage when the window closes.
  }
}

/**
 * The callback handler of one client: `(url?) => Promise<RedirectResult>`, single flight per `state`.
 * `signIn` stores and announces a new session; `adopt` adopts the one another client stored (false: none).
 */
export function createCallbackHandler(
  o: ResolvedOptions,
  signIn: (tokens: TokenSet) => Promise<void>,
  adopt: (scopes?: readonly string[]) => Promise<boolean>,
): (input?: string | URL) => Promise<RedirectResult> {
  const flights = new Map<string, Promise<RedirectResult>>();
  // The address bar we cleaned last, so a second argument-less call (a remount) joins the first flight.
  let cleaned: { href: string; state: string } | undefined;

  /**
   * Consumes the response for `state` at most once across every client of the origin: under an exclusive lock
   * per state (tabs, and providers re-created in one page) and with an atomic claim of the transaction (tabs
   * without Web Locks). A caller that saw the transaction before another client consumed it waited for that
   * client: it adopts the session it stored and gets the same result, without a token request.
   */
  async function run(params: URLSearchParams, state: string): Promise<RedirectResult> {
    const seen = await peekTransaction(o, state);
    const transaction = await withLock(o, callbackLockName(o.issuer, o.clientId, state), async () => {
      const claimed = await claimTransaction(o, state);
      if (claimed) {
        let error: TelnyxAuthError | undefined;
        try {
          const response = await o.transport.exchange(
            o,
            validate(await o.metadata(), o, params, state),
            claimed.codeVerifier,
            claimed.redirectUri,
          );
          await signIn(
            tokenSetFromResponse(response, Date.now(), { refreshToken: null, scope: claimed.scope }),
          );
        } catch (cause) {
          // A popup's failure is its opener's to show (below); anywhere else it is this page's.
          if (!claimed.popup) throw cause;
          error = TelnyxAuthError.from(cause);
        } finally {
          await finishTransaction(o, state);
        }
        if (claimed.popup) reportToOpener(o, state, error);
        return claimed;
      }
      // The waiting client's success is the session the exchange stored, with the scopes it asked for; a
      // session without them is one that was already there (the exchange failed in the other client).
      if (seen && (await adopt(seen.scope))) return seen;
      throw new TelnyxAuthError(
        'unknown_state',
        DEV &&
          'No login is waiting for this state: it was already used, expired, forged, or started in another browser or origin. Start the sign-in again.',
      );
    });
    // Re-checked here too: storage is input, and the origin is the one the user actually landed on.
    return {
      returnTo: sanitizeReturnTo(transaction.returnTo, appOrigin(o)) ?? '/',
      appState: transaction.appState,
      popup: transaction.popup,
    };
  }

  return (input) => {
    const url = callbackUrl(input, o);
    if (input === undefined && url.href === cleaned?.href) return flights.get(cleaned.state)!;
    const params = url.searchParams;
    if (!params.has('code') && !params.has('error'))
      throw new TelnyxAuthError('not_a_callback', DEV && 'The URL carries neither "code" nor "error".');
    const [state, ...more] = params.getAll('state');
    if (!state || more.length) {
      scrubAddressBar(o, null);
      throw new TelnyxAuthError(
        'missing_state',
        DEV && 'The authorization response has no (or more than one) "state".',
      );
    }
    // The code is single use and now spent or about to be: take it out of the address bar and history. A replay
    // in this page (Back, a re-rendered route) joins the first flight: its code goes too.
    const href = scrubAddressBar(o, state);
    let flight = flights.get(state);
    if (!flight) {
      if (href) cleaned = { href, state };
      flights.set(state, (flight = run(params, state)));
    }
    return flight;
  };
}
