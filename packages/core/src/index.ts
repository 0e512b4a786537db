/**
 * @telnyx-oauth/core: "Sign in with Telnyx" for browser apps (OAuth 2.0 authorization code + PKCE, persisted
 * sessions, cross-tab refresh). The Telnyx OAuth HTTP API client has its own entry point, `@telnyx-oauth/core/api`.
 */
export { createTelnyxAuth } from './client.js';
export { TelnyxAuthError, isTelnyxAuthError, type TelnyxAuthErrorCode } from './errors.js';
export { createMemoryStorage } from './storage/memory.js';
export { createIdbStorage, type IdbStorageOptions } from './storage/idb.js';
export { createInMemoryLockManager } from './locks.js';
export { sanitizeReturnTo } from './return-to.js';
export { DEFAULT_ISSUER } from './names.js';
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
  RedirectResult,
  SignOutReason,
  StorageAdapter,
  TelnyxAuth,
  TelnyxAuthOptions,
} from './types.js';
