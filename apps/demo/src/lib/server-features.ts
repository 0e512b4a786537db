/**
 * What the authorization server offers beyond sign-in. The demo runs against Telnyx, the dev server or any
 * standards-compliant server, and not all of them offer what its pages use:
 * - token introspection (RFC 7662) is optional: a server offers it by listing an `introspection_endpoint`
 *   in its metadata (RFC 8414), which the demo reads, rather than assuming Telnyx's path;
 * - the management API (`/v2/oauth_grants`, `/v2/oauth_clients`) is Telnyx's own and is in no metadata:
 *   whether a server has it shows in its answer (see `isMissingManagementAPI`), or, when the browser may
 *   not read the answer (no CORS headers), in whether the same server answers its metadata meanwhile.
 */
import type { AuthorizationServerMetadata, TelnyxOAuthAPI } from '@telnyx-oauth/core/api';

// Kept in the Cache Storage API for an hour, so a reload asks the server for nothing, like the library's own
// warm start (which keeps its copy in IndexedDB; the demo keeps nothing in Web Storage). The key is the
// metadata's URL, so pointing the demo at another server reads that server's.
const CACHE_NAME = 'telnyx-oauth-demo';
const CACHE_TTL_MS = 60 * 60 * 1000;
const STORED_AT = 'x-demo-stored-at';

let metadata: Promise<AuthorizationServerMetadata> | undefined;

async function fromCache(key: string): Promise<AuthorizationServerMetadata | null> {
  try {
    const hit = await (await caches.open(CACHE_NAME)).match(key);
    const storedAt = Number(hit?.headers.get(STORED_AT));
    const age = Date.now() - storedAt;
    if (!hit || !(age >= 0 && age < CACHE_TTL_MS)) return null;
    const value: unknown = await hit.json();
    return value && typeof value === 'object' ? (value as AuthorizationServerMetadata) : null;
  } catch {
    return null; // no Cache Storage (not a secure context) or an unreadable entry: ask the server
  }
}

async function remember(key: string, document: AuthorizationServerMetadata): Promise<void> {
  try {
    const headers = { 'Content-Type': 'application/json', [STORED_AT]: String(Date.now()) };
    await (await caches.open(CACHE_NAME)).put(key, new Response(JSON.stringify(document), { headers }));
  } catch {
    // caching is an optimisation only
  }
}

async function load(api: TelnyxOAuthAPI): Promise<AuthorizationServerMetadata> {
  const key = `${api.baseURL}/.well-known/oauth-authorization-server`;
  const known = await fromCache(key);
  if (known) return known;
  const document = await api.wellKnown.retrieveAuthorizationServerMetadata();
  await remember(key, document);
  return document;
}

/** The server's RFC 8414 metadata, through the API client, read once per page. A failure is not kept. */
export function serverMetadata(api: TelnyxOAuthAPI): Promise<AuthorizationServerMetadata> {
  if (metadata === undefined) {
    const loading = load(api);
    loading.catch(() => {
      if (metadata === loading) metadata = undefined;
    });
    metadata = loading;
  }
  return metadata;
}

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
