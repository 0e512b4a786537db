import { ALL_SCOPES } from '../protocol/scopes.js';
import {
  emptyState,
  type ClientRecord,
  type DevServerState,
  type GrantRecord,
  type GrantType,
} from './state.js';

/** Fixed seed: documented in the README; tests and the demo rely on these exact values. */
export const SEED_USER = {
  /** The user id: `user_id` of every seeded client and grant. */
  id: 'usr_dev',
  /** Shown on the consent page. */
  email: 'dev@example.com',
  /** The user's API key (bearer) for the management API and the consent endpoints. */
  apiKey: 'KEYdevserver_0123456789abcdef',
  /** The `org_id` of every seeded client. */
  orgId: 'org_dev',
} as const;

/** The demo app: a public client with PKCE. */
export const PUBLIC_CLIENT_ID = 'telnyx-oauth-demo';
/** A confidential client (secret below), for server-side flows and a token handler. */
export const CONFIDENTIAL_CLIENT_ID = 'telnyx-oauth-confidential';
/** The confidential client's secret. */
export const CONFIDENTIAL_CLIENT_SECRET = 'dev-confidential-secret';
/** The demo's dev (5173) and preview (4173) callbacks. */
export const PUBLIC_CLIENT_REDIRECT_URIS: readonly string[] = [
  'http://localhost:5173/callback',
  'http://127.0.0.1:5173/callback',
  'http://localhost:4173/callback',
  'http://127.0.0.1:4173/callback',
];
/** Its own server's callbacks, plus the demo's dev and preview origins (where a token handler runs). */
export const CONFIDENTIAL_CLIENT_REDIRECT_URIS: readonly string[] = [
  'http://localhost:3000/oauth/callback',
  'http://127.0.0.1:3000/oauth/callback',
  'http://127.0.0.1:5173/callback',
  'http://localhost:5173/callback',
  'http://127.0.0.1:4173/callback',
  'http://localhost:4173/callback',
];
/** How many more clients the user owns (pagination and filters have something to walk). */
export const EXTRA_CLIENT_COUNT = 250;
/** How many of those the user has authorized. */
export const SEEDED_GRANT_COUNT = 30;

/** Seeded records are dated from this instant so listings are the same on every run. */
const SEED_EPOCH = Date.UTC(2025, 0, 1);
const HOUR = 60 * 60 * 1000;

/** The seeded credentials a test or the demo needs, as `server.seed` shows them. */
export interface Seed {
  /**
   * The signed-in user every flow acts as (`usr_dev`, `dev@example.com`). `apiKey` is its bearer credential
   * for the management API and the consent endpoints.
   */
  user: {
    /** `usr_dev`: the `user_id` of every seeded client and grant. */
    id: string;
    /** `dev@example.com`, shown on the consent page. */
    email: string;
    /** The user's Telnyx-style API key: `Authorization: Bearer <apiKey>`. */
    apiKey: string;
  };
  /**
   * The demo app: public, PKCE required, `authorization_code` and `refresh_token`, every scope; redirect URIs
   * on ports 5173 and 4173 of `localhost` and `127.0.0.1`, plus the `extraRedirectUris` option.
   */
  publicClient: {
    /** `telnyx-oauth-demo`. */
    client_id: string;
    /** Its registered redirect URIs, compared exactly at authorize. */
    redirect_uris: string[];
    /** Every scope the server knows. */
    allowed_scopes: string[];
  };
  /**
   * A confidential client with a secret (`client_secret_basic` or `client_secret_post`) and all three grant
   * types, for server-side flows and a token handler.
   */
  confidentialClient: {
    /** `telnyx-oauth-confidential`. */
    client_id: string;
    /** `dev-confidential-secret`. */
    client_secret: string;
    /**
     * `/oauth/callback` on port 3000 of `localhost` and `127.0.0.1`, plus the demo's callbacks and the
     * `extraRedirectUris` option (the demo signs in with either client: the confidential one through its
     * token handler).
     */
    redirect_uris: string[];
  };
}

/** The seed as `server.seed` shows it. */
export function describeSeed(extraRedirectUris: readonly string[]): Seed {
  return {
    user: { id: SEED_USER.id, email: SEED_USER.email, apiKey: SEED_USER.apiKey },
    publicClient: {
      client_id: PUBLIC_CLIENT_ID,
      redirect_uris: [...PUBLIC_CLIENT_REDIRECT_URIS, ...extraRedirectUris],
      allowed_scopes: [...ALL_SCOPES],
    },
    confidentialClient: {
      client_id: CONFIDENTIAL_CLIENT_ID,
      client_secret: CONFIDENTIAL_CLIENT_SECRET,
      redirect_uris: [...CONFIDENTIAL_CLIENT_REDIRECT_URIS, ...extraRedirectUris],
    },
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Deterministic UUID-shaped ids, so tests can name seeded records. */
export function seededClientId(index: number): string {
  return `5eed0c1e-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
}

/** The id of the `index`-th seeded grant (1-based). */
export function seededGrantId(index: number): string {
  return `5eed06a7-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
}

const NAME_STEMS = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Hooli',
  'Stark',
  'Wayne',
  'Tyrell',
  'Cyberdyne',
  'Soylent',
];
const NAME_KINDS = ['Dialer', 'CRM Sync', 'SMS Bot', 'Analytics', 'Backup'];

/** Grant-type mixes for the extra clients; client_credentials only ever on confidential clients. */
function grantTypesFor(index: number, clientType: 'public' | 'confidential'): GrantType[] {
  if (clientType === 'public') {
    return index % 2 === 0 ? ['authorization_code', 'refresh_token'] : ['authorization_code'];
  }
  const mixes: GrantType[][] = [
    ['client_credentials'],
    ['authorization_code', 'refresh_token'],
    ['authorization_code', 'refresh_token', 'client_credentials'],
  ];
  // index is a multiple of 3 for confidential clients: divide first so every mix occurs.
  return mixes[Math.floor(index / 3) % mixes.length] ?? ['client_credentials'];
}

function extraClient(index: number, issuer: string): ClientRecord {
  const clientType = index % 3 === 0 ? 'confidential' : 'public';
  const grantTypes = grantTypesFor(index, clientType);
  const stem = NAME_STEMS[index % NAME_STEMS.length] ?? 'Acme';
  const kind = NAME_KINDS[Math.floor(index / NAME_STEMS.length) % NAME_KINDS.length] ?? 'App';
  const created = iso(SEED_EPOCH + (index + 2) * HOUR);
  const scopeCount = 2 + (index % 6);
  return {
    client_id: seededClientId(index),
    name: `${stem} ${kind} ${String(index).padStart(3, '0')}`,
    org_id: SEED_USER.orgId,
    user_id: SEED_USER.id,
    client_type: clientType,
    client_secret: clientType === 'confidential' ? `seeded-secret-${index}` : null,
    require_pkce: clientType === 'public',
    verified: index % 4 === 0,
    allowed_grant_types: grantTypes,
    allowed_scopes: ALL_SCOPES.slice(0, scopeCount),
    redirect_uris: grantTypes.includes('authorization_code')
      ? [`https://app-${String(index).padStart(3, '0')}.example.com/callback`]
      : [],
    logo_uri: index % 5 === 0 ? `${issuer}/assets/logo.svg` : null,
    tos_uri: null,
    policy_uri: null,
    created_at: created,
    updated_at: created,
    token_endpoint_auth_method: clientType === 'public' ? 'none' : 'client_secret_basic',
  };
}

/** A fresh state with the seed (logo URIs point at `issuer`). */
export function seedState(issuer: string, extraRedirectUris: readonly string[]): DevServerState {
  const state = emptyState();
  const seed = describeSeed(extraRedirectUris);
  const first = iso(SEED_EPOCH);
  const second = iso(SEED_EPOCH + HOUR);
  state.clients.set(PUBLIC_CLIENT_ID, {
    client_id: PUBLIC_CLIENT_ID,
    name: 'Telnyx OAuth Demo',
    org_id: SEED_USER.orgId,
    user_id: SEED_USER.id,
    client_type: 'public',
    client_secret: null,
    require_pkce: true,
    verified: true,
    allowed_grant_types: ['authorization_code', 'refresh_token'],
    allowed_scopes: [...ALL_SCOPES],
    redirect_uris: seed.publicClient.redirect_uris,
    logo_uri: `${issuer}/assets/logo.svg`,
    tos_uri: 'https://telnyx.com/terms-and-conditions-of-service',
    policy_uri: 'https://telnyx.com/privacy-policy',
    created_at: first,
    updated_at: first,
    token_endpoint_auth_method: 'none',
  });
  state.clients.set(CONFIDENTIAL_CLIENT_ID, {
    client_id: CONFIDENTIAL_CLIENT_ID,
    name: 'Telnyx OAuth Confidential Demo',
    org_id: SEED_USER.orgId,
    user_id: SEED_USER.id,
    client_type: 'confidential',
    client_secret: CONFIDENTIAL_CLIENT_SECRET,
    require_pkce: false,
    verified: true,
    allowed_grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
    allowed_scopes: [...ALL_SCOPES],
    redirect_uris: seed.confidentialClient.redirect_uris,
    logo_uri: null,
    tos_uri: null,
    policy_uri: null,
    created_at: second,
    updated_at: second,
    token_endpoint_auth_method: 'client_secret_basic',
  });
  const extras: ClientRecord[] = [];
  for (let index = 1; index <= EXTRA_CLIENT_COUNT; index += 1) {
    const client = extraClient(index, issuer);
    state.clients.set(client.client_id, client);
    extras.push(client);
  }
  const grantable = extras.filter((client) => client.allowed_grant_types.includes('authorization_code'));
  for (let index = 1; index <= SEEDED_GRANT_COUNT; index += 1) {
    const client = grantable[index - 1];
    if (!client) break;
    const grant: GrantRecord = {
      id: seededGrantId(index),
      client_id: client.client_id,
      user_id: SEED_USER.id,
      scopes: client.allowed_scopes.slice(0, 1 + (index % client.allowed_scopes.length)),
      created_at: iso(SEED_EPOCH + (300 + index) * HOUR),
      last_used_at: index % 3 === 0 ? null : iso(SEED_EPOCH + (600 + index) * HOUR),
    };
    state.grants.set(grant.id, grant);
  }
  return state;
}
