export { createDevServer, AuthorizationFlowError, type DevServer } from './server.js';
export { startDevServer, type RunningDevServer, type StartOptions } from './start.js';
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
