import type { Context } from 'hono';
import { constantTimeEqual } from '../infra/crypto.js';
import type { ServerContext } from '../infra/context.js';
import { oauthError } from './oauth-errors.js';
import type { ClientRecord } from '../infra/state.js';

/** The authenticated client, or the 400/401 to answer. */
export type ClientAuthResult = { ok: true; client: ClientRecord } | { ok: false; response: Response };

/** RFC 6749 §2.3.1: Basic credentials are form-urlencoded before base64. */
function parseBasic(header: string): { id: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=._~-]+)\s*$/i.exec(header);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    return {
      id: decodeURIComponent(decoded.slice(0, colon).replaceAll('+', ' ')),
      secret: decodeURIComponent(decoded.slice(colon + 1).replaceAll('+', ' ')),
    };
  } catch {
    return undefined;
  }
}

/**
 * Client authentication at the token, introspection and revocation endpoints: client_secret_basic,
 * client_secret_post, or `none` (public clients send only client_id).
 */
export function authenticateClient(
  ctx: ServerContext,
  c: Context,
  params: Record<string, unknown>,
): ClientAuthResult {
  const header = c.req.header('authorization');
  const bodyId = typeof params['client_id'] === 'string' ? params['client_id'] : undefined;
  const bodySecret = typeof params['client_secret'] === 'string' ? params['client_secret'] : undefined;
  const fail = (description: string, basic: boolean): ClientAuthResult => ({
    ok: false,
    // RFC 6749 §5.2: 401 with WWW-Authenticate when the client tried the Authorization header.
    response: oauthError(
      401,
      'invalid_client',
      description,
      basic ? { 'WWW-Authenticate': 'Basic realm="Telnyx OAuth"' } : {},
    ),
  });
  let id: string | undefined;
  let secret: string | undefined;
  let basic = false;
  if (header !== undefined && /^basic\s/i.test(header)) {
    const credentials = parseBasic(header);
    if (!credentials) return fail('The Basic authorization header is malformed.', true);
    if (bodySecret !== undefined) {
      return {
        ok: false,
        response: oauthError(400, 'invalid_request', 'Use only one client authentication method.'),
      };
    }
    if (bodyId !== undefined && bodyId !== credentials.id) {
      return {
        ok: false,
        response: oauthError(400, 'invalid_request', 'client_id does not match the Basic credentials.'),
      };
    }
    ({ id, secret } = credentials);
    basic = true;
  } else {
    id = bodyId;
    secret = bodySecret;
  }
  if (!id) return fail('Client authentication failed: no client_id.', basic);
  const client = ctx.state.clients.get(id);
  if (!client) return fail('Client authentication failed: unknown client.', basic);
  if (client.client_type === 'confidential') {
    if (secret === undefined)
      return fail('Client authentication failed: a client_secret is required.', basic);
    if (client.client_secret === null || !constantTimeEqual(client.client_secret, secret)) {
      return fail('Client authentication failed: wrong client_secret.', basic);
    }
  } else if (secret !== undefined && secret !== '') {
    return fail('Client authentication failed: public clients have no secret.', basic);
  }
  return { ok: true, client };
}
