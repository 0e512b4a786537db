/**
 * `@telnyx-oauth/dev-server`: a local stand-in for Telnyx's OAuth service (discovery, authorize and consent,
 * token, introspection, revocation, registration, JWKS, and the `oauth_clients` / `oauth_grants` management
 * API), faithful to the standards and to what the real service answers. It runs in-process
 * ({@link createDevServer}: a `fetch` function, no sockets) or over HTTP ({@link startDevServer}), starts
 * from a fixed seed (a user with an API key, a public and a confidential demo client, 250 more clients,
 * 30 grants), and offers counters, fault injection and runtime config for tests.
 *
 * @packageDocumentation
 */
export { createDevServer, AuthorizationFlowError, type DevServer } from './server.js';
export { startDevServer, type RunningDevServer, type StartOptions } from './start.js';
export { parseCliArgs, USAGE, type CliResult } from './infra/cli-args.js';
export type { DevServerOptions, DevServerConfig, DevServerProfile } from './infra/config.js';
export type { CounterName, EndpointName } from './infra/endpoints.js';
export type { Fault } from './infra/faults.js';
export type { Seed } from './infra/seed.js';
export {
  SEED_USER,
  PUBLIC_CLIENT_ID,
  CONFIDENTIAL_CLIENT_ID,
  CONFIDENTIAL_CLIENT_SECRET,
  EXTRA_CLIENT_COUNT,
  SEEDED_GRANT_COUNT,
  seededClientId,
  seededGrantId,
} from './infra/seed.js';
export { ALL_SCOPES, SCOPE_CATALOG } from './protocol/scopes.js';
