import type { DevServerConfig } from './config.js';
import type { Counters } from './counters.js';
import type { Faults } from './faults.js';
import type { KeyStore } from './signing-keys.js';
import type { DevServerState } from './state.js';

/** What every route reads at request time. `state` is replaced on reset, so never cache it. */
export interface ServerContext {
  config: DevServerConfig;
  state: DevServerState;
  keys: KeyStore;
  counters: Counters;
  faults: Faults;
}

/** The server's clock (`config.now`), in ms. */
export function nowMs(ctx: ServerContext): number {
  return ctx.config.now();
}
