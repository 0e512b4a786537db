/**
 * `@telnyx-oauth/core/api`: the typed Telnyx OAuth API client ({@link TelnyxOAuthAPI}), with the resource
 * names, errors, retries and pagination of Telnyx's own SDKs. Independent of the sign-in runtime, so an app
 * that only signs in never loads it, and vice versa; it needs no browser types, so it runs in Node too.
 *
 * @example
 * ```ts
 * import { TelnyxOAuthAPI, NotFoundError } from '@telnyx-oauth/core/api';
 *
 * const api = new TelnyxOAuthAPI(); // API key from TELNYX_API_KEY
 * try {
 *   const { data: client } = await api.oauthClients.retrieve(clientId);
 *   console.log(client.name, client.allowed_scopes);
 * } catch (error) {
 *   if (error instanceof NotFoundError) console.log('no such client');
 *   else throw error;
 * }
 * ```
 *
 * @packageDocumentation
 */
export {
  TelnyxOAuthAPI,
  createTelnyxOAuthAPI,
  DEFAULT_BASE_URL,
  DEFAULT_TIMEOUT_MS,
  type AccessTokenSource,
  type ClientOptions,
} from './client.js';
export {
  TelnyxError,
  ValidationError,
  APIError,
  APIUserAbortError,
  APIConnectionError,
  APIConnectionTimeoutError,
  BadRequestError,
  AuthenticationError,
  InsufficientScopeError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  type APIErrorDetail,
  type TelnyxAPIErrorCode,
} from './errors.js';
export { Page, PagePromise } from './pagination.js';
export type { ClientAuthOptions, IntrospectOptions, RequestOptions } from './request.js';
export { DEFAULT_MAX_RETRIES } from './retry.js';
export type { WellKnown } from './resources/well-known.js';
export type { OAuth } from './resources/oauth.js';
export type { OAuthClients } from './resources/oauth-clients.js';
export type { OAuthGrants } from './resources/oauth-grants.js';
export * from './types.js';
