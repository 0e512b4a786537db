/** Node `(req, res)` plumbing shared by the Node entry and the Vite plugin, through @hono/node-server. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { isUnderBasePath } from './contract.js';
import type { TokenHandler } from './handler.js';

/** A Node `http.createServer` request listener. */
export type NodeListener = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/** A Connect / Express / Vite middleware. */
export type NodeMiddleware = (
  request: IncomingMessage & { originalUrl?: string },
  response: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/**
 * Every request to the handler (which answers 404 outside its base path). Leaves Node's globals alone.
 *
 * When the handler answered without reading the whole request body (a refused request, a body over the
 * limit), the rest of it is still on the connection and the adapter closes the socket once its drain gives
 * up; over HTTP/1.x the answer says `Connection: close` so the client does not reuse that socket for its
 * next request (RFC 9112 §9.6). HTTP/2 forbids the header and has no such problem.
 */
export function listenerFor(handler: TokenHandler): NodeListener {
  return getRequestListener(
    async (request, { incoming }) => {
      const response = await handler(request);
      if ('httpVersionMajor' in incoming && incoming.httpVersionMajor === 1 && !incoming.readableEnded) {
        response.headers.set('connection', 'close');
      }
      return response;
    },
    { overrideGlobalObjects: false },
  );
}

/** The path of a request target: origin-form (`/a?b`) or absolute-form (`http://host/a`, from proxies). */
function pathnameOf(target: string): string {
  if (target.startsWith('/')) return target.split(/[?#]/, 1)[0] as string;
  try {
    return new URL(target).pathname;
  } catch {
    return '';
  }
}

/**
 * Requests under the handler's base path go to the handler; all others to `next()`. Express strips the
 * mount path from `req.url`; `originalUrl` keeps it, so the handler sees the full path either way. The
 * handler is asked for at the first request (once its server's URLs are known), and kept.
 */
export function middlewareFor(basePath: string, handler: () => TokenHandler): NodeMiddleware {
  let listener: NodeListener | undefined;
  return (request, response, next) => {
    const target = request.originalUrl ?? request.url ?? '/';
    if (!isUnderBasePath(pathnameOf(target), basePath)) {
      next();
      return;
    }
    try {
      listener ??= listenerFor(handler());
    } catch (error) {
      next(error);
      return;
    }
    request.url = target;
    listener(request, response).catch(next);
  };
}
