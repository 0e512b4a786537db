/**
 * What the authorization server offers beyond sign-in. The demo runs against Telnyx, the dev server or any
 * standards-compliant server, and not all of them offer what its pages use:
 * - token introspection (RFC 7662) is optional: a server offers it by listing an `introspection_endpoint`
 *   in its metadata (RFC 8414), which the demo reads with `auth.getServerMetadata()` (the document the
 *   library discovered and cached for sign-in) rather than assuming Telnyx's path;
 * - the management API (`/v2/oauth_grants`, `/v2/oauth_clients`) is Telnyx's own and is in no metadata:
 *   whether a server has it shows in its answer (see `isMissingManagementAPI`), or, when the browser may
 *   not read the answer (no CORS headers), in whether the same server answers its metadata meanwhile.
 */
import type { TelnyxOAuthAPI } from '@telnyx-oauth/core/api';

/**
 * True when an answer from the management API says the server has none, rather than that a call failed:
 * 405 Method Not Allowed or 501 Not Implemented; 404 from a collection (`/v2/oauth_grants`,
 * `/v2/oauth_clients`), or from an item with a body that is not Telnyx's JSON error envelope (Telnyx
 * answers a missing client with JSON, a server without the API with its HTML "not found" page); or a
 * successful answer that is not JSON (e.g. a single-page app's HTML served for every path).
 * Other failures (network, 401, 5xx, a missing item) are what they say.
 */
export function isMissingManagementAPI(error: unknown, { collection }: { collection: boolean }): boolean {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    status?: unknown;
    code?: unknown;
    body?: unknown;
  };
  if (e.status === 405 || e.status === 501) return true;
  if (e.status === 404) return collection || typeof e.body !== 'object' || e.body === null;
  return e.code === 'invalid_response';
}

/**
 * True when a request got no answer the page may read: the network failed, or the server answered without
 * the CORS headers a cross-origin read needs (the browser reports both the same way).
 */
export function isUnreadableAnswer(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'connection_error';
}

/** Whether the server answers this page right now: its metadata, asked afresh (not the kept copy), once. */
export async function serverAnswers(api: TelnyxOAuthAPI): Promise<boolean> {
  try {
    await api.wellKnown.retrieveAuthorizationServerMetadata({ maxRetries: 0, timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}
