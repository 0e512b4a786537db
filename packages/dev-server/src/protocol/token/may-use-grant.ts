import type { ServerContext } from '../../infra/context.js';
import type { ClientRecord, GrantType } from '../../infra/state.js';

/**
 * Whether `client` may use the grant `type`: it is among the client's `allowed_grant_types`, and for
 * `refresh_token` the client is confidential or `publicClientRefresh` is on (the telnyx profile turns it off).
 * The token endpoint refuses other grants with it, and a code exchange hands out a refresh token only under it.
 */
export function mayUseGrant(ctx: ServerContext, client: ClientRecord, type: GrantType): boolean {
  return (
    client.allowed_grant_types.includes(type) &&
    (type !== 'refresh_token' || client.client_type === 'confidential' || ctx.config.publicClientRefresh)
  );
}
