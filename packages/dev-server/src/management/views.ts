import type { ClientRecord, GrantRecord } from '../infra/state.js';

/** OAuthClient as the management API shows it; the secret appears only in the create response. */
export function clientView(
  client: ClientRecord,
  options: { withSecret?: boolean } = {},
): Record<string, unknown> {
  return {
    record_type: 'oauth_client',
    client_id: client.client_id,
    name: client.name,
    org_id: client.org_id,
    user_id: client.user_id,
    client_type: client.client_type,
    require_pkce: client.require_pkce,
    created_at: client.created_at,
    updated_at: client.updated_at,
    allowed_grant_types: [...client.allowed_grant_types],
    allowed_scopes: [...client.allowed_scopes],
    redirect_uris: [...client.redirect_uris],
    client_secret: options.withSecret ? client.client_secret : null,
    logo_uri: client.logo_uri,
    tos_uri: client.tos_uri,
    policy_uri: client.policy_uri,
  };
}

/** OAuthGrant as the management API shows it. */
export function grantView(grant: GrantRecord): Record<string, unknown> {
  return {
    record_type: 'oauth_grant',
    id: grant.id,
    client_id: grant.client_id,
    created_at: grant.created_at,
    scopes: [...grant.scopes],
    last_used_at: grant.last_used_at,
  };
}

/** Newest first, ties broken by id so pages never overlap. */
export function newestFirst<T extends { created_at: string }>(items: T[], id: (item: T) => string): T[] {
  return items.sort((a, b) => b.created_at.localeCompare(a.created_at) || id(a).localeCompare(id(b)));
}
