/**
 * handleRedirectCallback: validate the authorization response (state, RFC 9207 `iss`, `error=`) with
 * oauth4webapi, exchange the code exactly once, and scrub the response parameters from the address bar.
 *
 * "Exactly once" has three layers:
 * - in this client, a single-flight map keyed by state: a second call (React StrictMode, a double click) joins
 *   the first and sends nothing;
 * - across clients (two tabs opening one callback URL, a provider re-created in this page), an exclusive Web
 *   Lock per state and an atomic claim of the stored transaction (one storage update, so even tabs without Web
 *   Locks cannot both take it): one client exchanges the code, a client that waited for it adopts the session it
 *   stored and gets the same result, and one that could not wait gets `unknown_state`;
 * - the consumed transaction: a replay after a reload or the Back button finds none and fails with
 *   `unknown_state`.
 * A code sent twice is code reuse, for which servers revoke the tokens issued for it (RFC 6749 §4.1.2).
 */
import {
  authorizationCodeGrantRequest,
  AuthorizationResponseError,
  None,
  processGenericTokenEndpointResponse,
  ResponseBodyError,
  validateAuthResponse,
  type AuthorizationServer,
  type TokenEndpointResponse,
} from 'oauth4webapi';
import type { Discovery } from './discovery.js';
import { isNetworkFailure, TelnyxAuthError } from './errors.js';
import { httpOptions } from './http.js';
import { withLock } from './locks.js';
import { callbackLockName } from './names.js';
import { oauthClient } from './oauth-client.js';
import type { ResolvedOptions } from './options.js';
import { sanitizeReturnTo } from './return-to.js';
import { tokenSetFromResponse, type TokenSet } from './token-set.js';
import type { TransactionRecord } from './storage/schema.js';
import type { Transactions } from './transaction.js';
import type { RedirectResult } from './types.js';

/** Authorization response parameters (RFC 6749 §4.1.2, §4.1.2.1; RFC 9207) removed from the address bar. */
const RESPONSE_PARAMS = ['code', 'state', 'iss', 'error', 'error_description', 'error_uri', 'session_state'];

export interface CallbackDeps {
  options: ResolvedOptions;
  discovery: Discovery;
  transactions: Transactions;
  now: () => number;
  signIn(tokens: TokenSet): Promise<void>;
  /** Adopts the session another client stored; false when none is stored. */
  adopt(): Promise<boolean>;
}

/** The URL to handle: the argument, else the window's location. Unparseable input is `not_a_callback`. */
export function resolveCallbackUrl(input: string | URL | undefined, options: ResolvedOptions): URL {
  const base = options.window?.location.href ?? options.redirectUri;
  const raw = input ?? options.window?.location.href;
  if (raw === undefined) {
    throw new TelnyxAuthError('not_a_callback', 'No URL given and no window to read location.href from.');
  }
  try {
    return new URL(String(raw), base);
  } catch (cause) {
    throw new TelnyxAuthError('not_a_callback', 'The callback URL could not be parsed.', { cause });
  }
}

export function appOrigin(options: ResolvedOptions): string {
  const origin = options.window?.location.origin;
  return typeof origin === 'string' && origin !== 'null' ? origin : new URL(options.redirectUri).origin;
}

/**
 * Removes the response parameters with history.replaceState, but only while the address bar still shows this
 * response: if the app already navigated on (to returnTo), its URL is left alone.
 */
function scrubAddressBar(options: ResolvedOptions, state: string | null): string | undefined {
  const win = options.window;
  if (!win) return undefined;
  try {
    const current = new URL(win.location.href);
    if (
      state === null
        ? !RESPONSE_PARAMS.some((p) => current.searchParams.has(p))
        : current.searchParams.get('state') !== state
    ) {
      return undefined;
    }
    for (const name of RESPONSE_PARAMS) current.searchParams.delete(name);
    win.history.replaceState(win.history.state, '', `${current.pathname}${current.search}${current.hash}`);
    return win.location.href;
  } catch {
    // an exotic window stand-in or a sandbox forbidding replaceState: cleaning is hygiene, not correctness
    return undefined;
  }
}

function authorizationError(cause: AuthorizationResponseError): TelnyxAuthError {
  const denied = cause.error === 'access_denied';
  return new TelnyxAuthError(
    denied ? 'authorization_denied' : 'authorization_error',
    denied
      ? 'The user (or the server) declined the authorization request.'
      : `The authorization server answered "${cause.error}".`,
    {
      cause,
      oauthError: cause.error,
      oauthErrorDescription: cause.error_description,
    },
  );
}

function validate(
  as: AuthorizationServer,
  options: ResolvedOptions,
  params: URLSearchParams,
  state: string,
): URLSearchParams {
  try {
    return validateAuthResponse(as, oauthClient(options), params, state);
  } catch (cause) {
    if (cause instanceof AuthorizationResponseError) throw authorizationError(cause);
    // oauth4webapi checked RFC 9207: iss is required when advertised and must equal the metadata issuer.
    const iss = params.getAll('iss');
    const issProblem =
      (iss.length === 0 && as.authorization_response_iss_parameter_supported === true) ||
      iss.length > 1 ||
      (iss.length === 1 && iss[0] !== as.issuer);
    throw new TelnyxAuthError(
      issProblem ? 'issuer_mismatch' : 'invalid_response',
      issProblem
        ? 'The authorization response did not come from the expected issuer (RFC 9207 iss check failed).'
        : 'The authorization response is malformed.',
      { cause },
    );
  }
}

async function exchange(
  deps: CallbackDeps,
  as: AuthorizationServer,
  params: URLSearchParams,
  redirectUri: string,
  codeVerifier: string,
): Promise<TokenEndpointResponse> {
  const client = oauthClient(deps.options);
  let response: Response;
  try {
    response = await authorizationCodeGrantRequest(
      as,
      client,
      None(),
      params,
      redirectUri,
      codeVerifier,
      httpOptions(deps.options),
    );
  } catch (cause) {
    throw new TelnyxAuthError(
      isNetworkFailure(cause) ? 'network_error' : 'code_exchange_failed',
      'The authorization code could not be exchanged (the request failed).',
      { cause, recoverable: false },
    );
  }
  try {
    // The generic token response check (RFC 6749 §5.1: access_token, token_type, expires_in, refresh_token,
    // scope) shared with the refresh: processAuthorizationCodeResponse only adds OpenID Connect ID-token
    // checks (nonce, auth_time), and we neither ask for nor use an ID token. One function keeps the bundle small.
    return await processGenericTokenEndpointResponse(as, client, response);
  } catch (cause) {
    if (cause instanceof ResponseBodyError) {
      throw new TelnyxAuthError(
        'code_exchange_failed',
        `The token endpoint refused the authorization code ("${cause.error}").`,
        {
          cause,
          status: cause.status,
          oauthError: cause.error,
          oauthErrorDescription: cause.error_description,
        },
      );
    }
    const refused = response.status !== 200;
    throw new TelnyxAuthError(
      refused ? 'code_exchange_failed' : 'invalid_response',
      refused
        ? `The token endpoint answered ${response.status} to the code exchange.`
        : 'The token endpoint gave an unusable response to the code exchange.',
      { cause, status: response.status },
    );
  }
}

export function createCallbackHandler(deps: CallbackDeps) {
  const flights = new Map<string, Promise<RedirectResult>>();

  const resultOf = (transaction: TransactionRecord): RedirectResult => ({
    // Re-checked here too: storage is input, and the origin is the one the user actually landed on.
    returnTo: sanitizeReturnTo(transaction.returnTo, appOrigin(deps.options)) ?? '/',
    appState: transaction.appState,
  });

  /**
   * Consumes the response for `state` at most once across every client of the origin: under an exclusive lock
   * per state (tabs, and providers re-created in one page) and with an atomic claim of the transaction (tabs
   * without Web Locks). A caller that saw the transaction before another client consumed it waited for that
   * client: it adopts the session it stored and gets the same result, without a token request.
   */
  async function run(params: URLSearchParams, state: string): Promise<RedirectResult> {
    const { options } = deps;
    const seen = await deps.transactions.peek(state);
    return withLock(
      options.locks,
      callbackLockName(options.issuer, options.clientId, state),
      options.lockTimeoutMs,
      async () => {
        const transaction = await deps.transactions.claim(state);
        if (!transaction) {
          if (seen && (await deps.adopt())) return resultOf(seen);
          throw new TelnyxAuthError(
            'unknown_state',
            'No login is waiting for this state: it was already used, expired, forged, or started in another browser or origin. Start the sign-in again.',
          );
        }
        try {
          const as = await deps.discovery.get();
          const validated = validate(as, options, params, transaction.state);
          const response = await exchange(
            deps,
            as,
            validated,
            transaction.redirectUri,
            transaction.codeVerifier,
          );
          await deps.signIn(
            tokenSetFromResponse(response, deps.now(), { refreshToken: null, scope: transaction.scope }),
          );
          return resultOf(transaction);
        } finally {
          await deps.transactions.finish(state).catch(() => undefined);
        }
      },
    );
  }

  // The address bar we cleaned last, so a second argument-less call (a double click) joins the first flight.
  let cleaned: { href: string; state: string } | undefined;

  return async function handleRedirectCallback(input?: string | URL): Promise<RedirectResult> {
    const url = resolveCallbackUrl(input, deps.options);
    const params = url.searchParams;
    if (input === undefined && cleaned && url.href === cleaned.href) {
      const earlier = flights.get(cleaned.state);
      if (earlier) return earlier;
    }
    if (!params.has('code') && !params.has('error')) {
      throw new TelnyxAuthError(
        'not_a_callback',
        'The URL carries neither "code" nor "error": it is not an authorization response.',
      );
    }
    const states = params.getAll('state');
    const state = states[0];
    if (states.length !== 1 || state === undefined || state.length === 0) {
      scrubAddressBar(deps.options, null);
      throw new TelnyxAuthError(
        'missing_state',
        'The authorization response has no (or more than one) "state" parameter.',
      );
    }
    let flight = flights.get(state);
    if (!flight) {
      // The code is single use and now spent or about to be: take it out of the address bar and history.
      const href = scrubAddressBar(deps.options, state);
      if (href !== undefined) cleaned = { href, state };
      flight = run(params, state);
      flights.set(state, flight);
    } else {
      // A replay in this page (Back, a re-rendered route) joins the first flight: its code goes too.
      scrubAddressBar(deps.options, state);
    }
    return flight;
  };
}
