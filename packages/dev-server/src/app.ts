import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { HttpBindings } from '@hono/node-server';
import type { ServerContext } from './infra/context.js';
import { cors } from './infra/cors.js';
import { errorShapeFor } from './infra/endpoints.js';
import { TELNYX_CODES, notFound, telnyxError, telnyxErrorItem } from './management/telnyx-errors.js';
import { htmlError, oauthError } from './protocol/oauth-errors.js';
import { instrument } from './infra/instrument.js';
import { adminRoutes, type AdminActions } from './infra/admin.js';
import { authorizeRoutes } from './protocol/authorize.js';
import { consentPageRoutes } from './pages/consent-page.js';
import { consentRoutes } from './protocol/consent.js';
import { introspectRoutes } from './protocol/introspect.js';
import { jwksRoutes } from './protocol/jwks.js';
import { oauthClientRoutes } from './management/oauth-clients.js';
import { oauthGrantRoutes } from './management/oauth-grants.js';
import { registerRoutes } from './protocol/register.js';
import { revokeRoutes } from './protocol/revoke.js';
import { tokenRoutes } from './protocol/token/endpoint.js';
import { wellKnownRoutes } from './protocol/well-known.js';

/** Hono environment: over HTTP the Node bindings (the socket, for `drop` faults); in-process none. */
export type AppEnv = { Bindings: Partial<HttpBindings> };

/** 64 KiB is far above any legitimate OAuth request and keeps abuse cheap. */
export const MAX_BODY_BYTES = 64 * 1024;

function errorFor(pathname: string, status: number, code: string, title: string, detail: string): Response {
  const shape = errorShapeFor(pathname);
  if (shape === 'html')
    return htmlError(
      status,
      code === TELNYX_CODES.payloadTooLarge ? 'invalid_request' : 'server_error',
      detail,
    );
  if (shape === 'oauth') {
    return oauthError(status, status >= 500 ? 'server_error' : 'invalid_request', detail);
  }
  return telnyxError(status, [telnyxErrorItem(code, title, detail)]);
}

/** The Hono app: middleware order is CORS, admin (unmetered), counters/faults, body cap, routes. */
export function createApp(ctx: ServerContext, actions: AdminActions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError((error, c) => {
    console.error('[dev-server] unhandled error', error);
    return errorFor(
      c.req.path,
      500,
      TELNYX_CODES.server,
      'Internal error',
      'The dev server failed to handle this request.',
    );
  });
  app.notFound((c) => notFound(c.req.path));
  app.use('*', cors(ctx));
  app.route('/', adminRoutes(ctx, actions));
  app.use('*', instrument(ctx));
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        errorFor(
          c.req.path,
          413,
          TELNYX_CODES.payloadTooLarge,
          'Payload too large',
          `The request body exceeds ${MAX_BODY_BYTES} bytes.`,
        ),
    }),
  );
  app.route('/', wellKnownRoutes(ctx));
  app.route('/', authorizeRoutes(ctx));
  app.route('/', consentRoutes(ctx));
  app.route('/', tokenRoutes(ctx));
  app.route('/', jwksRoutes(ctx));
  app.route('/', introspectRoutes(ctx));
  app.route('/', revokeRoutes(ctx));
  app.route('/', registerRoutes(ctx));
  app.route('/', oauthClientRoutes(ctx));
  app.route('/', oauthGrantRoutes(ctx));
  app.route('/', consentPageRoutes());
  return app;
}
