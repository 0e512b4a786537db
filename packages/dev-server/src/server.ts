import type { Hono } from 'hono';
import { createApp, type AppEnv } from './app.js';
import { resolveConfig, type DevServerConfig, type DevServerOptions } from './infra/config.js';
import type { ServerContext } from './infra/context.js';
import { createCounters } from './infra/counters.js';
import type { CounterName } from './infra/endpoints.js';
import { createFaults, type Fault } from './infra/faults.js';
import { DROPPED_HEADER } from './infra/instrument.js';
import { createKeyStore } from './infra/signing-keys.js';
import { describeSeed, seedState, SEED_USER, type Seed } from './infra/seed.js';
import { revokeGrant } from './infra/state.js';

/** A dev server: an in-process `fetch`, its config, seed, counters and faults, and test helpers. */
export interface DevServer {
  readonly issuer: string;
  readonly app: Hono<AppEnv>;
  /**
   * In-process, fetch-compatible. Relative URLs resolve against the issuer. Redirects are returned, not
   * followed. A `drop` fault makes it reject with TypeError('fetch failed') like a dropped connection.
   */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** Mutable at runtime, e.g. `server.config.accessTokenTtl = 5`. */
  readonly config: DevServerConfig;
  readonly seed: Seed;
  readonly counters: {
    get(name: CounterName): number;
    snapshot(): Record<string, number>;
    reset(): void;
  };
  readonly faults: {
    inject(fault: Fault): void;
    clear(): void;
  };
  completeAuthorization(authorizeUrl: string | URL, options?: { allowed?: boolean }): Promise<string>;
  revokeGrants(clientId?: string): void;
  reset(): void;
}

/** `completeAuthorization` could not reach a redirect (authorize or consent answered an error page). */
export class AuthorizationFlowError extends Error {
  override readonly name = 'AuthorizationFlowError';
  readonly code = 'authorization_flow_failed';
  constructor(
    message: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(message);
  }
}

function toRequest(issuer: string, input: RequestInfo | URL, init?: RequestInit): Request {
  if (typeof input === 'string' && input.startsWith('/')) return new Request(`${issuer}${input}`, init);
  return new Request(input, init);
}

/**
 * A dev server answering in-process (no sockets); see `startDevServer` for HTTP. Throws a TypeError for an
 * unknown profile.
 */
export function createDevServer(options: DevServerOptions = {}): DevServer {
  const initial = resolveConfig(options);
  const config: DevServerConfig = { ...initial };
  const ctx: ServerContext = {
    config,
    state: seedState(config.issuer, config.extraRedirectUris),
    keys: createKeyStore(config.signingAlg),
    counters: createCounters(),
    faults: createFaults(),
  };

  const revokeGrants = (clientId?: string) => {
    for (const grant of [...ctx.state.grants.values()]) {
      if (grant.user_id === SEED_USER.id && (clientId === undefined || grant.client_id === clientId)) {
        revokeGrant(ctx.state, grant.id);
      }
    }
  };
  const reset = () => {
    Object.assign(config, initial, { issuer: config.issuer });
    ctx.state = seedState(config.issuer, config.extraRedirectUris);
    ctx.counters.reset();
    ctx.faults.clear();
  };
  const app = createApp(ctx, { reset, revokeGrants });

  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const response = await app.fetch(toRequest(config.issuer, input, init), {});
    if (response.headers.has(DROPPED_HEADER)) {
      throw new TypeError('fetch failed', { cause: new Error('other side closed (dev-server drop fault)') });
    }
    return response;
  };

  /** Acts as the signed-in seeded user: authorize -> consent JSON -> grants, as the consent page does. */
  const completeAuthorization = async (authorizeUrl: string | URL, flow: { allowed?: boolean } = {}) => {
    const authorize = await fetch(String(authorizeUrl), { redirect: 'manual' });
    const location = authorize.headers.get('location');
    if (authorize.status !== 302 || !location) {
      throw new AuthorizationFlowError(
        `authorize answered ${authorize.status} instead of a redirect`,
        authorize.status,
        await authorize.text(),
      );
    }
    const target = new URL(location);
    const consentToken = target.searchParams.get('consent_token');
    if (target.origin !== new URL(config.issuer).origin || target.pathname !== '/consent' || !consentToken) {
      return location; // straight back to the client: a code (existing grant, autoConsent) or an error
    }
    const headers = { Authorization: `Bearer ${SEED_USER.apiKey}` };
    const consent = await fetch(`/v2/oauth/consent/${encodeURIComponent(consentToken)}`, { headers });
    if (!consent.ok) {
      throw new AuthorizationFlowError(
        `consent answered ${consent.status}`,
        consent.status,
        await consent.text(),
      );
    }
    const decision = await fetch('/v2/oauth/grants', {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ allowed: flow.allowed ?? true, consent_token: consentToken }),
    });
    const text = await decision.text();
    if (!decision.ok)
      throw new AuthorizationFlowError(`grants answered ${decision.status}`, decision.status, text);
    return (JSON.parse(text) as { redirect_uri: string }).redirect_uri;
  };

  return {
    get issuer() {
      return config.issuer;
    },
    app,
    fetch,
    config,
    seed: describeSeed(config.extraRedirectUris),
    counters: { get: ctx.counters.get, snapshot: ctx.counters.snapshot, reset: ctx.counters.reset },
    faults: { inject: ctx.faults.inject, clear: ctx.faults.clear },
    completeAuthorization,
    revokeGrants,
    reset,
  };
}
