/** The authorization request (RFC 6749 §4.1.1) with PKCE S256 (RFC 7636 §4.3) and a fresh single-use state. */
import { appOrigin } from './callback.js';
import type { Discovery } from './discovery.js';
import { TelnyxAuthError } from './errors.js';
import { RESERVED_AUTHORIZE_PARAMS, type ResolvedOptions } from './options.js';
import { sanitizeReturnTo } from './return-to.js';
import { parseScope } from './token-set.js';
import type { Transactions } from './transaction.js';
import type { LoginOptions } from './types.js';

function extraParameters(extra: Record<string, unknown>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined || value === null) continue;
    if (RESERVED_AUTHORIZE_PARAMS.has(name)) {
      throw new TelnyxAuthError(
        'invalid_options',
        `"${name}" is set by the library and cannot be passed to login.`,
      );
    }
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new TelnyxAuthError(
        'invalid_options',
        `Authorize parameter "${name}" must be a string, number or boolean.`,
      );
    }
    result[name] = String(value);
  }
  return result;
}

export async function buildAuthorizeUrl(
  options: ResolvedOptions,
  discovery: Discovery,
  transactions: Transactions,
  login: LoginOptions = {},
): Promise<URL> {
  if (options.storageFallback) {
    throw new TelnyxAuthError(
      'storage_unavailable',
      "No IndexedDB (private mode?): a login's PKCE verifier cannot survive the redirect. Ask the user to allow site data, or pass a persistent storage adapter (storage: 'memory' only if this page handles the callback).",
    );
  }
  const { returnTo, appState, scope, prompt, ...extra } = login;
  let safeReturnTo = '/';
  if (returnTo !== undefined) {
    const sanitized = sanitizeReturnTo(returnTo, appOrigin(options));
    if (sanitized === null) {
      throw new TelnyxAuthError(
        'invalid_return_to',
        'returnTo must be a same-origin path such as "/settings".',
      );
    }
    safeReturnTo = sanitized;
  }
  if (prompt !== undefined && typeof prompt !== 'string') {
    throw new TelnyxAuthError('invalid_options', 'prompt must be a string.');
  }
  const parameters = { ...options.authorizeParams, ...extraParameters(extra) };
  const scopes = scope === undefined ? options.scope : parseScope(scope);

  const as = await discovery.get();
  const { record, codeChallenge } = await transactions.create({
    returnTo: safeReturnTo,
    appState,
    scope: scopes,
  });
  transactions.prune().catch(() => undefined); // housekeeping only

  const url = new URL(as.authorization_endpoint as string);
  for (const [name, value] of Object.entries(parameters)) url.searchParams.set(name, value);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', options.clientId);
  url.searchParams.set('redirect_uri', record.redirectUri);
  if (scopes.length > 0) url.searchParams.set('scope', scopes.join(' '));
  url.searchParams.set('state', record.state);
  url.searchParams.set('code_challenge', codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  if (prompt !== undefined) url.searchParams.set('prompt', prompt);
  return url;
}
