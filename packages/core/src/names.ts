/**
 * Every name the library gives to something outside one JavaScript realm: the default issuer, the IndexedDB
 * database, storage keys, Web Lock names and the BroadcastChannel name. Tabs running different versions of the
 * library meet under these names, and stored sessions are found by them, so they are written once, here, and
 * pinned by `names.test.ts`: renaming one silently orphans every stored session (or lets two tabs refresh at
 * once). Dependency-free, so the API client's entry (`@telnyx-oauth/core/api`) can import it too.
 */

/** Telnyx's authorization server: the default `issuer` of the sign-in client and host of the API client. */
export const DEFAULT_ISSUER = 'https://api.telnyx.com';

const PREFIX = 'telnyx-oauth';

/** `telnyx-oauth:<part>:<part>...`, the shape of every name. */
const nameOf = (...parts: string[]): string => [PREFIX, ...parts].join(':');

/** The IndexedDB database and object store of the default storage (`createIdbStorage()`). */
export const IDB_DATABASE = PREFIX;
export const IDB_STORE = 'keyval';

/** Storage keys, namespaced by issuer and client so two apps (or two environments) never read each other's data. */
export function storageKeys(issuer: string, clientId: string) {
  return {
    /** The session record (tokens), one per issuer + client. */
    session: nameOf(issuer, clientId, 'session'),
    /** Every login transaction starts with this (used to expire stale ones). */
    transactionPrefix: nameOf(issuer, clientId, 'tx', ''),
    /** The login transaction (PKCE verifier, returnTo, appState) waiting for the response carrying `state`. */
    transaction: (state: string) => nameOf(issuer, clientId, 'tx', state),
    /** Cached authorization server metadata, per issuer (shared by every client of that issuer). */
    discovery: nameOf(issuer, 'discovery'),
  };
}

/**
 * The exclusive Web Lock that serialises everything that replaces or ends the stored session: refreshes
 * (one refresh-token grant at a time across tabs), sign-in (storing a new session) and logout.
 */
export const refreshLockName = (issuer: string, clientId: string): string =>
  nameOf('refresh', issuer, clientId);

/**
 * The exclusive Web Lock held while one authorization response (identified by its `state`) is consumed, so two
 * clients (two tabs, or a provider re-created in one page) never both exchange its code.
 */
export const callbackLockName = (issuer: string, clientId: string, state: string): string =>
  nameOf('callback', issuer, clientId, state);

/**
 * The Web Lock that makes a read-modify-write of one storage key atomic for adapters without an atomic
 * `update` (custom adapters; IndexedDB and memory storage update in one step without it).
 */
export const storageLockName = (key: string): string => nameOf('storage', key);

/** The BroadcastChannel on which tabs announce sign-in, refresh and sign-out (messages carry no token). */
export const channelName = (issuer: string, clientId: string): string => nameOf(issuer, clientId);

/**
 * The BroadcastChannel on which a `loginWithPopup` window, back on the redirect URI, tells the page that opened
 * it how the sign-in ended (a success or an error code; never a token or a code). One per authorization request,
 * named for its `state`, so only the page waiting for that request listens.
 */
export const popupChannelName = (issuer: string, clientId: string, state: string): string =>
  nameOf('popup', issuer, clientId, state);
