/**
 * Which named endpoint a path belongs to: the names of counters and fault targets, and which error
 * shape the endpoint speaks (so a 413 or an injected 503 looks like the real endpoint's errors).
 */
import type { GrantType } from './state.js';

/** The named endpoints: counter names and fault targets. */
export type EndpointName =
  | 'authorization_server_metadata'
  | 'protected_resource_metadata'
  | 'authorize'
  | 'consent'
  | 'grants'
  | 'token'
  | 'introspect'
  | 'jwks'
  | 'register'
  | 'revoke'
  | 'oauth_clients'
  | 'oauth_grants';

/** Endpoint calls, token calls per grant type, and protocol events worth asserting on. */
export type CounterName =
  | EndpointName
  | `token:${GrantType}`
  /** A rotated refresh token was presented again: the family was revoked. */
  | 'refresh_reuse_detected'
  /** A rotated refresh token was presented again within `reuseGrace`: its successor was handed out again. */
  | 'refresh_reuse_within_grace'
  /** A used authorization code was presented again: the tokens issued from it were revoked. */
  | 'code_reuse_detected';

/** Every `EndpointName`, for validating faults from the admin API. */
export const ENDPOINT_NAMES: readonly EndpointName[] = [
  'authorization_server_metadata',
  'protected_resource_metadata',
  'authorize',
  'consent',
  'grants',
  'token',
  'introspect',
  'jwks',
  'register',
  'revoke',
  'oauth_clients',
  'oauth_grants',
];

/** The error body an endpoint speaks: RFC 6749 JSON, Telnyx's envelope, or authorize's HTML. */
export type ErrorShape = 'oauth' | 'telnyx' | 'html';

const ROUTES: ReadonlyArray<readonly [RegExp, EndpointName]> = [
  [/^\/\.well-known\/oauth-authorization-server$/, 'authorization_server_metadata'],
  [/^\/\.well-known\/oauth-protected-resource$/, 'protected_resource_metadata'],
  [/^\/v2\/oauth\/authorize$/, 'authorize'],
  [/^\/v2\/oauth\/consent\/[^/]+$/, 'consent'],
  [/^\/v2\/oauth\/grants$/, 'grants'],
  [/^\/v2\/oauth\/token$/, 'token'],
  [/^\/v2\/oauth\/introspect$/, 'introspect'],
  [/^\/v2\/oauth\/jwks$/, 'jwks'],
  [/^\/v2\/oauth\/register$/, 'register'],
  [/^\/v2\/oauth\/revoke$/, 'revoke'],
  [/^\/v2\/oauth_clients(\/[^/]+)?$/, 'oauth_clients'],
  [/^\/v2\/oauth_grants(\/[^/]+)?$/, 'oauth_grants'],
];

/** The endpoint a path belongs to, or undefined (consent page, admin API, unknown paths). */
export function endpointFor(pathname: string): EndpointName | undefined {
  return ROUTES.find(([pattern]) => pattern.test(pathname))?.[1];
}

const OAUTH_SHAPED = new Set<EndpointName>(['token', 'introspect', 'register', 'revoke', 'jwks']);

/** The error shape of the endpoint a path belongs to (Telnyx's envelope for unknown paths). */
export function errorShapeFor(pathname: string): ErrorShape {
  const endpoint = endpointFor(pathname);
  if (endpoint === 'authorize') return 'html';
  if (endpoint && OAUTH_SHAPED.has(endpoint)) return 'oauth';
  return 'telnyx';
}
