/**
 * In-memory records of the dev server. Nothing persists: a restart (or `reset()`) goes back to the seed.
 * Records hold internal fields (secrets, owners, revocation flags); the `views.ts` functions decide what
 * the API shows.
 */
export type ClientType = 'public' | 'confidential';
/** The OAuth grant types (RFC 6749) a client may be allowed: the one definition the dev server uses. */
export type GrantType = 'authorization_code' | 'refresh_token' | 'client_credentials';
/** Every `GrantType`. */
export const GRANT_TYPES: readonly GrantType[] = [
  'authorization_code',
  'refresh_token',
  'client_credentials',
];

/** An OAuth client, with its secret and owner. */
export interface ClientRecord {
  client_id: string;
  name: string;
  org_id: string;
  /** Owner; null for clients created through dynamic registration (RFC 7591 has no user). */
  user_id: string | null;
  client_type: ClientType;
  client_secret: string | null;
  require_pkce: boolean;
  verified: boolean;
  allowed_grant_types: GrantType[];
  allowed_scopes: string[];
  redirect_uris: string[];
  logo_uri: string | null;
  tos_uri: string | null;
  policy_uri: string | null;
  created_at: string;
  updated_at: string;
  /** RFC 7591 fields echoed back for registered clients. */
  token_endpoint_auth_method: 'none' | 'client_secret_basic' | 'client_secret_post';
}

/** A user's authorization of a client (Telnyx's OAuthGrant): one per user and client. */
export interface GrantRecord {
  id: string;
  client_id: string;
  user_id: string;
  scopes: string[];
  created_at: string;
  last_used_at: string | null;
}

/** An authorization request waiting for the user on the consent page. */
export interface ConsentRecord {
  token: string;
  client_id: string;
  user_id: string;
  redirect_uri: string;
  /** Whether redirect_uri was sent (RFC 6749 §4.1.3: then the token request must repeat it). */
  redirect_uri_provided: boolean;
  scopes: string[];
  state: string | null;
  code_challenge: string | null;
  expires_at: number;
}

/** An authorization code (RFC 6749 §4.1.2). */
export interface CodeRecord {
  code: string;
  client_id: string;
  user_id: string;
  grant_id: string;
  redirect_uri: string;
  redirect_uri_provided: boolean;
  scopes: string[];
  code_challenge: string | null;
  expires_at: number;
  used: boolean;
  /** Token family issued from this code: a reused code revokes it (RFC 6749 §4.1.2, OAuth 2.1 §4.1.3). */
  family_id: string | null;
}

/** All refresh and access tokens descending from one authorization (or one client_credentials call). */
export interface FamilyRecord {
  id: string;
  client_id: string;
  user_id: string | null;
  grant_id: string | null;
  revoked: boolean;
  /**
   * No refresh token of this family lives past this instant (ms): set when its first refresh token is
   * issued, from `refreshTokenAbsoluteTtl`; null until then.
   */
  refresh_expires_at: number | null;
}

/** A refresh token of a family. */
export interface RefreshTokenRecord {
  token: string;
  family_id: string;
  client_id: string;
  scopes: string[];
  issued_at: number;
  expires_at: number;
  /** 'rotated' = already exchanged; presenting it again is reuse (RFC 9700 §4.14.2). */
  status: 'active' | 'rotated' | 'revoked';
  /** When it was exchanged (ms), for the `reuseGrace` window; null while active. */
  rotated_at: number | null;
  /** The refresh token issued in exchange for this one; null until rotated. */
  successor: string | null;
}

/** An access token (a JWT) of a family. */
export interface AccessTokenRecord {
  token: string;
  jti: string;
  family_id: string;
  client_id: string;
  /** The user the token acts for (the client's owner for client_credentials). */
  user_id: string | null;
  sub: string;
  scopes: string[];
  issued_at: number;
  expires_at: number;
  revoked: boolean;
}

/** Everything the server remembers; replaced wholesale on reset. */
export interface DevServerState {
  clients: Map<string, ClientRecord>;
  grants: Map<string, GrantRecord>;
  consents: Map<string, ConsentRecord>;
  codes: Map<string, CodeRecord>;
  families: Map<string, FamilyRecord>;
  refreshTokens: Map<string, RefreshTokenRecord>;
  accessTokens: Map<string, AccessTokenRecord>;
  /** Introspection rate limit windows per client. */
  introspectionWindows: Map<string, { startedAt: number; count: number }>;
}

/** A state with no records. */
export function emptyState(): DevServerState {
  return {
    clients: new Map(),
    grants: new Map(),
    consents: new Map(),
    codes: new Map(),
    families: new Map(),
    refreshTokens: new Map(),
    accessTokens: new Map(),
    introspectionWindows: new Map(),
  };
}

/** Revoke a token family: every refresh and access token in it stops working. */
export function revokeFamily(state: DevServerState, familyId: string): void {
  const family = state.families.get(familyId);
  if (family) family.revoked = true;
  for (const refresh of state.refreshTokens.values()) {
    if (refresh.family_id === familyId) refresh.status = 'revoked';
  }
  for (const access of state.accessTokens.values()) {
    if (access.family_id === familyId) access.revoked = true;
  }
}

/** Delete a grant and revoke every token issued under it. */
export function revokeGrant(state: DevServerState, grantId: string): GrantRecord | undefined {
  const grant = state.grants.get(grantId);
  if (!grant) return undefined;
  state.grants.delete(grantId);
  for (const family of state.families.values()) {
    if (family.grant_id === grantId) revokeFamily(state, family.id);
  }
  for (const code of [...state.codes.values()]) {
    if (code.grant_id === grantId) state.codes.delete(code.code);
  }
  return grant;
}

/** Delete a client with its grants and tokens. */
export function deleteClient(state: DevServerState, clientId: string): void {
  state.clients.delete(clientId);
  for (const grant of [...state.grants.values()]) {
    if (grant.client_id === clientId) revokeGrant(state, grant.id);
  }
  for (const family of state.families.values()) {
    if (family.client_id === clientId) revokeFamily(state, family.id);
  }
}

/** The user's grant for the client, if any. */
export function findGrant(state: DevServerState, userId: string, clientId: string): GrantRecord | undefined {
  for (const grant of state.grants.values()) {
    if (grant.user_id === userId && grant.client_id === clientId) return grant;
  }
  return undefined;
}

/** Unexpired, unrevoked, and its family not revoked. */
export function isAccessTokenActive(
  state: DevServerState,
  record: AccessTokenRecord,
  nowMs: number,
): boolean {
  if (record.revoked || record.expires_at <= nowMs) return false;
  const family = state.families.get(record.family_id);
  return family !== undefined && !family.revoked;
}

/** Active (not rotated or revoked), unexpired, and its family not revoked. */
export function isRefreshTokenActive(
  state: DevServerState,
  record: RefreshTokenRecord,
  nowMs: number,
): boolean {
  if (record.status !== 'active' || record.expires_at <= nowMs) return false;
  const family = state.families.get(record.family_id);
  return family !== undefined && !family.revoked;
}
