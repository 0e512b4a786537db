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
  /**
   * The base URL the server answers as, without a trailing slash: the `issuer` of its metadata and of its
   * access tokens (RFC 8414 §2, RFC 9068 §2.2). `startDevServer` sets it to the real
   * `http://127.0.0.1:<port>`; in-process it is the `issuer` option (default `http://127.0.0.1:4010`), and
   * relative URLs given to `fetch` resolve against it.
   */
  readonly issuer: string;
  /**
   * The Hono app itself, for mounting it in another Hono app or serving it with another adapter. Its `fetch`
   * does not resolve relative URLs and does not turn `drop`/`loseResponse` faults into a rejected promise
   * (they answer 502 with a marker header): prefer {@link DevServer.fetch} in tests.
   */
  readonly app: Hono<AppEnv>;
  /**
   * In-process, fetch-compatible. Relative URLs resolve against the issuer. Redirects are returned, not
   * followed. A `drop` fault makes it reject with TypeError('fetch failed') like a dropped connection.
   */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** Mutable at runtime, e.g. `server.config.accessTokenTtl = 5`. */
  readonly config: DevServerConfig;
  /** The seeded user (and its API key) and the two demo clients, with the credentials tests need. */
  readonly seed: Seed;
  /**
   * Calls per named endpoint since creation or the last reset (CORS preflights and the admin API are not
   * counted; faulted calls are), plus token calls per grant type (`token:refresh_token`) and protocol events
   * (`refresh_reuse_detected`, `refresh_reuse_within_grace`, `code_reuse_detected`). `get` answers 0 for a
   * name never counted; `snapshot` lists the non-zero ones, sorted by name.
   */
  readonly counters: {
    /** The count of `name`, 0 when never counted. */
    get(name: CounterName): number;
    /** Every non-zero count, by name, sorted. */
    snapshot(): Record<string, number>;
    /** Sets every count back to 0. */
    reset(): void;
  };
  /**
   * Faults armed for the next calls of an endpoint, applied in the order injected (the first armed fault
   * matching an endpoint is used). `inject` throws a TypeError for an invalid fault (the rules of
   * `POST /__admin/faults`); `clear` disarms them all.
   */
  readonly faults: {
    /** Arms `fault` for the next `fault.count` (default 1) calls; throws a TypeError when it is invalid. */
    inject(fault: Fault): void;
    /** Disarms every pending fault. */
    clear(): void;
  };
  /**
   * Acts as the signed-in seeded user in a browser: follows `authorizeUrl`, and when it leads to the consent
   * page, reads the consent (`GET /v2/oauth/consent/{consent_token}`) and posts the decision
   * (`POST /v2/oauth/grants`) as the consent page does.
   *
   * @param authorizeUrl - A full authorize URL, as the client under test built it.
   * @param options - `allowed: false` denies consent. Default: allowed.
   * @returns The final redirect: the client's redirect URI with `code` and `state` (and `iss` unless
   *   `issParameter` is off), with `error=access_denied` when denied, or an error redirect of authorize's
   *   (RFC 6749 §4.1.2.1). Without consent (an existing grant, `autoConsent`) authorize's own redirect.
   * @throws {@link AuthorizationFlowError} when authorize answers anything but a 302 (its HTML error
   *   pages for a bad request, an unknown client or an unregistered redirect URI), or the consent or grants
   *   call fails.
   */
  completeAuthorization(authorizeUrl: string | URL, options?: { allowed?: boolean }): Promise<string>;
  /**
   * Revokes the seeded user's grants, every one or only `clientId`'s, with every code, refresh token and
   * access token issued under them (as `DELETE /v2/oauth_grants/{id}` does): the next refresh answers
   * `invalid_grant` and the access tokens introspect as inactive. The next sign-in shows the consent page.
   */
  revokeGrants(clientId?: string): void;
  /**
   * Back to the start: the seed (every client, grant and token created since is gone), zero counters, no
   * faults, and the config as created (runtime changes undone; the issuer kept).
   */
  reset(): void;
}

/** `completeAuthorization` could not reach a redirect (authorize or consent answered an error page). */
export class AuthorizationFlowError extends Error {
  /** Always `'AuthorizationFlowError'`. */
  override readonly name = 'AuthorizationFlowError';
  /** Always `'authorization_flow_failed'`, a stable code to match on. */
  readonly code = 'authorization_flow_failed';
  constructor(
    message: string,
    /** The HTTP status of the failing answer (e.g. 400, 404 or 422 from authorize). */
    readonly status: number,
    /** The failing answer's body as text: authorize's HTML error page, or the consent API's JSON error. */
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
