/** The authorization request (RFC 6749 §4.1.1) with PKCE S256 (RFC 7636 §4.3) and a fresh single-use state. */
import { appOrigin } from './callback.js';
import { DEV, TelnyxAuthError } from './errors.js';
import { authorizeParameters, type ResolvedOptions } from './options.js';
import { pathOf, sanitizeReturnTo } from './return-to.js';
import { parseScope } from './token-set.js';
import { createTransaction, pruneTransactions } from './transaction.js';
import type { LoginOptions, PopupLoginOptions } from './types.js';

/** Where the user is now (pathname + search + hash), the default `returnTo`; `/` without a window. */
function currentPath(o: ResolvedOptions): string {
  return o.window ? pathOf(new URL(o.window.location.href)) : '/';
}

/**
 * A new transaction and its authorization request URL. The scope asked for is `login.scope` (else the
 * client's) plus what the session already holds (`granted`): the new grant replaces the old without losing a
 * scope (incremental consent). `popup` marks the transaction as a popup window's.
 */
export async function buildAuthorizeUrl(
  o: ResolvedOptions,
  login: LoginOptions = {},
  granted: readonly string[] = [],
  popup?: true,
): Promise<URL> {
  if (o.storageFallback)
    throw new TelnyxAuthError(
      'storage_unavailable',
      DEV &&
        "No IndexedDB (private mode?): a login's PKCE verifier cannot survive the redirect. Ask the user to allow site data, or pass a persistent storage adapter (storage: 'memory' only if this page handles the callback).",
    );
  // Popup options reach here when a popup sign-in falls back to (or is swapped for) a redirect: never parameters.
  const {
    returnTo,
    appState,
    scope,
    popup: _,
    popupTimeout: _t,
    redirectIfBlocked: _r,
    ...extra
  } = login as PopupLoginOptions & { popup?: unknown };
  const origin = appOrigin(o);
  const safeReturnTo =
    returnTo === undefined
      ? (sanitizeReturnTo(currentPath(o), origin) ?? '/')
      : sanitizeReturnTo(returnTo, origin);
  if (safeReturnTo === null)
    throw new TelnyxAuthError(
      'invalid_return_to',
      DEV && 'returnTo must be a same-origin path such as "/settings".',
    );
  const parameters = { ...o.authorizeParams, ...authorizeParameters(extra) };
  const scopes = parseScope([...parseScope(scope ?? o.scope), ...granted]);

  const as = await o.metadata();
  const { record, codeChallenge } = await createTransaction(o, {
    returnTo: safeReturnTo,
    appState,
    scope: scopes,
    ...(popup && { popup }),
  });
  pruneTransactions(o).catch(() => undefined); // housekeeping only

  const url = new URL(as.authorization_endpoint!);
  for (const [name, value] of Object.entries({
    ...parameters,
    response_type: 'code',
    client_id: o.clientId,
    redirect_uri: record.redirectUri,
    ...(scopes.length ? { scope: scopes.join(' ') } : {}),
    state: record.state,
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
  }))
    url.searchParams.set(name, value);
  return url;
}
