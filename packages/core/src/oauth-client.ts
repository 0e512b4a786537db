import type { Client } from 'oauth4webapi';
import type { ResolvedOptions } from './options.js';

/** The oauth4webapi client record: a public client (no secret; `None()` client authentication, RFC 6749 §2.1). */
export function oauthClient(options: ResolvedOptions): Client {
  return { client_id: options.clientId, token_endpoint_auth_method: 'none' };
}
