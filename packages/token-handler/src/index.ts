/**
 * `@telnyx-oauth/token-handler`: a token-mediating backend for "Sign in with Telnyx". A confidential
 * client's secret and each session's refresh token stay on the server (the refresh token in an encrypted
 * `HttpOnly` cookie); the browser gets short-lived access tokens only. One Web-standard handler; adapters
 * for Node (`/node`) and Vite (`/vite`). ESM only.
 *
 * @packageDocumentation
 */
export { createTokenHandler, type TokenHandler } from './handler.js';
export { tokenHandlerOptionsFromEnv, TOKEN_HANDLER_ENV, DEFAULT_ISSUER, type Env } from './env.js';
export type {
  AuthorizationServerMetadata,
  ClientAuthMethod,
  TokenHandlerEvent,
  TokenHandlerOptions,
} from './options.js';
export { generateCookieKey } from './key-ring.js';
export { CONTRACT_HEADER, CONTRACT_VERSION, type Endpoint } from './contract.js';
export { ERROR_STATUS, TOKEN_HANDLER_ERROR_CODES, type TokenHandlerErrorCode } from './errors.js';
export type { TokenResponseBody } from './responses.js';
