/**
 * `@telnyx-oauth/token-handler/node`: the token handler on a Node HTTP server, or as Connect / Express
 * middleware, through `@hono/node-server`. Mount it before any body parser: it reads the raw body itself.
 *
 * @packageDocumentation
 */
import { createTokenHandler, type TokenHandler } from './handler.js';
import { listenerFor, middlewareFor, type NodeListener, type NodeMiddleware } from './node-adapter.js';
import type { TokenHandlerOptions } from './options.js';

export type { NodeListener, NodeMiddleware } from './node-adapter.js';

function handlerOf(handlerOrOptions: TokenHandler | TokenHandlerOptions): TokenHandler {
  return typeof handlerOrOptions === 'function' ? handlerOrOptions : createTokenHandler(handlerOrOptions);
}

/**
 * A request listener for `http.createServer` / `https.createServer` that answers every request with the
 * token handler (JSON 404 outside its base path).
 *
 * @throws TypeError when given options that are invalid (see `createTokenHandler`).
 */
export function createNodeListener(handlerOrOptions: TokenHandler | TokenHandlerOptions): NodeListener {
  return listenerFor(handlerOf(handlerOrOptions));
}

/**
 * A Connect / Express middleware: requests under the base path go to the token handler, all others to
 * `next()`. Mount it at the app's root (or anywhere: Express's `originalUrl` is used), before body parsers.
 *
 * @throws TypeError when given options that are invalid (see `createTokenHandler`).
 */
export function createNodeMiddleware(handlerOrOptions: TokenHandler | TokenHandlerOptions): NodeMiddleware {
  const handler = handlerOf(handlerOrOptions);
  return middlewareFor(handler.basePath, () => handler);
}
