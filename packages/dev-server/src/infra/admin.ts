import { Hono } from 'hono';
import { PATCHABLE_CONFIG_KEYS, type DevServerConfig } from './config.js';
import type { ServerContext } from './context.js';
import { json } from './http.js';
import { isLoopbackOrigin } from './loopback.js';
import { validateFault, type Fault } from './faults.js';
import { readBody } from './request-body.js';

/** Server-level operations the admin API exposes (the same ones the programmatic API has). */
export interface AdminActions {
  reset(): void;
  revokeGrants(clientId?: string): void;
}

function adminError(status: number, detail: string): Response {
  return json({ error: 'invalid_request', error_description: detail }, status);
}

/** The JSON-visible part of the config (the clock is a function and stays out). */
export function publicConfig(config: DevServerConfig): Record<string, unknown> {
  const { now: _now, ...rest } = config;
  return rest;
}

const isPositiveInteger = (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1;
const isNonNegativeInteger = (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;

function checkConfigValue(key: string, value: unknown): string | undefined {
  switch (key) {
    case 'accessTokenTtl':
    case 'refreshTokenTtl':
    case 'refreshTokenAbsoluteTtl':
    case 'authorizationCodeTtl':
      return isPositiveInteger(value) ? undefined : `${key} must be a positive integer (seconds)`;
    case 'latencyMs':
      return isNonNegativeInteger(value) ? undefined : 'latencyMs must be a non-negative integer';
    case 'reuseGrace':
      return isNonNegativeInteger(value) ? undefined : 'reuseGrace must be a non-negative integer (seconds)';
    case 'introspectionRateLimit': {
      const limit = value as { limit?: unknown; windowSeconds?: unknown } | null;
      return typeof limit === 'object' &&
        limit !== null &&
        isPositiveInteger(limit.limit) &&
        isPositiveInteger(limit.windowSeconds)
        ? undefined
        : 'introspectionRateLimit must be { limit, windowSeconds } with positive integers';
    }
    default:
      return typeof value === 'boolean' ? undefined : `${key} must be a boolean`;
  }
}

/**
 * Whether a request may use the admin API. Browsers send `Origin` on every cross-origin request and on
 * every POST, PUT, PATCH and DELETE, so a web page is recognised by it: only loopback origins (browser tests
 * of an app on this machine) pass; `null` (sandboxed frames, privacy-stripped redirects) does not. Without
 * `Origin` the caller is a non-browser client (Node tests, the CLI, curl, Playwright's request API) or a
 * browser's own same-origin GET; `Sec-Fetch-Site: cross-site` still marks a browser request from
 * another site (an image or a navigation), which is refused too.
 */
function adminCallerAllowed(headers: { get(name: string): string | null }): boolean {
  const origin = headers.get('origin');
  if (origin !== null) return isLoopbackOrigin(origin);
  return headers.get('sec-fetch-site') !== 'cross-site';
}

/**
 * HTTP admin API for browser tests: counters, faults, config, reset. Never counted or faulted. Refuses
 * web pages not served from a loopback origin (403), so no site on the internet can reset or fault it.
 */
export function adminRoutes(ctx: ServerContext, actions: AdminActions): Hono {
  const app = new Hono();
  app.use('/__admin/*', async (c, next) => {
    if (adminCallerAllowed(c.req.raw.headers)) return next();
    return json(
      {
        error: 'access_denied',
        error_description: 'The admin API answers only loopback origins and clients that send no Origin.',
      },
      403,
    );
  });
  app.get('/__admin/counters', () => json({ counters: ctx.counters.snapshot() }));
  app.post('/__admin/counters/reset', () => {
    ctx.counters.reset();
    return new Response(null, { status: 204 });
  });
  app.get('/__admin/faults', () => json({ faults: ctx.faults.pending() }));
  app.post('/__admin/faults', async (c) => {
    const body = await readBody(c, ['json']);
    if (!body.ok) return adminError(400, body.detail);
    const problem = validateFault(body.params);
    if (problem) return adminError(400, problem);
    ctx.faults.inject(body.params as unknown as Fault);
    return json({ faults: ctx.faults.pending() }, 201);
  });
  app.delete('/__admin/faults', () => {
    ctx.faults.clear();
    return new Response(null, { status: 204 });
  });
  app.get('/__admin/config', () => json({ config: publicConfig(ctx.config) }));
  app.patch('/__admin/config', async (c) => {
    const body = await readBody(c, ['json']);
    if (!body.ok) return adminError(400, body.detail);
    const patchable: readonly string[] = PATCHABLE_CONFIG_KEYS;
    for (const [key, value] of Object.entries(body.params)) {
      if (!patchable.includes(key))
        return adminError(400, `${key} cannot be changed; use one of ${patchable.join(', ')}`);
      const problem = checkConfigValue(key, value);
      if (problem) return adminError(400, problem);
    }
    Object.assign(ctx.config, body.params);
    return json({ config: publicConfig(ctx.config) });
  });
  app.post('/__admin/reset', () => {
    actions.reset();
    return new Response(null, { status: 204 });
  });
  app.post('/__admin/grants/revoke', async (c) => {
    const hasBody =
      (c.req.header('content-length') ?? '0') !== '0' || c.req.header('content-type') !== undefined;
    let clientId: string | undefined;
    if (hasBody) {
      const body = await readBody(c, ['json']);
      if (!body.ok) return adminError(400, body.detail);
      const value = body.params['client_id'];
      if (value !== undefined && typeof value !== 'string')
        return adminError(400, 'client_id must be a string');
      clientId = value;
    }
    actions.revokeGrants(clientId);
    return new Response(null, { status: 204 });
  });
  return app;
}
