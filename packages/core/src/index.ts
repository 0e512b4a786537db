/**
 * @telnyx-oauth/core: "Sign in with Telnyx" for browser apps (OAuth 2.0 authorization code + PKCE, persisted
 * sessions, cross-tab refresh). Tree-shakable: what an app does not import is not in its bundle. Other entries:
 * `@telnyx-oauth/core/api` (the Telnyx OAuth HTTP API client), `@telnyx-oauth/core/token-handler` (the
 * transport for `@telnyx-oauth/token-handler`), `@telnyx-oauth/core/popup` (popup sign-in),
 * `@telnyx-oauth/core/shared` (the HTTP rules).
 */
export { createTelnyxAuth } from './client.js';
export { createAuthFetch, type AuthFetchOptions } from './auth-fetch.js';
export {
  TelnyxAuthError,
  isTelnyxAuthError,
  type TelnyxAuthErrorCode,
  type TelnyxAuthErrorOptions,
} from './errors.js';
export { createSnapshotStore, LOADING_SNAPSHOT, type SnapshotFields, type SnapshotStore } from './store.js';
export { createMemoryStorage } from './storage/memory.js';
export { createIdbStorage, type IdbStorageOptions } from './storage/idb.js';
export { createInMemoryLockManager } from './locks.js';
export { sanitizeReturnTo } from './return-to.js';
export { DEFAULT_ISSUER } from './names.js';
export { missingScopes, parseScope, type TokenSet } from './token-set.js';
export type {
  AuthEvent,
  AuthSnapshot,
  AuthStatus,
  BroadcastChannelLike,
  EndpointOverrides,
  GetAccessTokenOptions,
  LockManagerLike,
  LoginOptions,
  LogoutOptions,
  PendingSignIn,
  PopupContext,
  PopupLoginOptions,
  PopupSupport,
  RedirectResult,
  SignOutReason,
  StorageAdapter,
  TelnyxAuth,
  TelnyxAuthOptions,
  TokenResponse,
  Transport,
  TransportContext,
} from './types.js';
