/**
 * Versioned shapes of everything the library persists, and strict readers for them. Storage is input like any
 * other: a record may be corrupt, from another client or issuer, or from a future version of this library. The
 * readers never trust it; they return a typed record or throw `storage_error`.
 */
import { TelnyxAuthError } from '../errors.js';
import type { TokenSet } from '../token-set.js';

export const SCHEMA_VERSION = 1;

export interface SessionRecord {
  readonly v: typeof SCHEMA_VERSION;
  readonly kind: 'session';
  readonly issuer: string;
  readonly clientId: string;
  readonly tokens: TokenSet;
}

export interface TransactionRecord {
  readonly v: typeof SCHEMA_VERSION;
  readonly kind: 'transaction';
  readonly issuer: string;
  readonly clientId: string;
  readonly state: string;
  readonly codeVerifier: string;
  readonly redirectUri: string;
  readonly returnTo: string;
  readonly appState: unknown;
  readonly scope: readonly string[];
  readonly createdAt: number;
  /** Set when a client took this transaction to exchange its code; deleted when that exchange is over. */
  readonly claimedAt?: number;
}

export interface DiscoveryRecord {
  readonly v: typeof SCHEMA_VERSION;
  readonly kind: 'discovery';
  readonly issuer: string;
  readonly fetchedAt: number;
  readonly metadata: Record<string, unknown>;
}

type Owner = { issuer: string; clientId: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);

function corrupt(what: string, reason: string): TelnyxAuthError {
  return new TelnyxAuthError('storage_error', `Stored ${what} is unusable (${reason}); it was ignored.`, {
    recoverable: false,
  });
}

function checkEnvelope(
  raw: unknown,
  kind: string,
  owner: Owner | { issuer: string },
): Record<string, unknown> {
  if (!isObject(raw)) throw corrupt(kind, 'not an object');
  if (raw.v !== SCHEMA_VERSION)
    throw corrupt(kind, `schema version ${String(raw.v)}, expected ${SCHEMA_VERSION}`);
  if (raw.kind !== kind) throw corrupt(kind, 'wrong record kind');
  if (raw.issuer !== owner.issuer) throw corrupt(kind, 'belongs to another issuer');
  if ('clientId' in owner && raw.clientId !== owner.clientId)
    throw corrupt(kind, 'belongs to another client');
  return raw;
}

export function readTokenSet(raw: unknown): TokenSet | null {
  if (!isObject(raw)) return null;
  const { accessToken, tokenType, expiresAt, refreshToken, scope, receivedAt } = raw;
  if (!isNonEmptyString(accessToken) || !isNonEmptyString(tokenType)) return null;
  if (expiresAt !== null && !isTime(expiresAt)) return null;
  if (refreshToken !== null && !isNonEmptyString(refreshToken)) return null;
  if (!isStringArray(scope) || !isTime(receivedAt)) return null;
  return { accessToken, tokenType, expiresAt, refreshToken, scope, receivedAt };
}

/** undefined in storage -> null (no session); anything unusable -> storage_error. */
export function readSessionRecord(raw: unknown, owner: Owner): SessionRecord | null {
  if (raw === undefined) return null;
  const record = checkEnvelope(raw, 'session', owner);
  const tokens = readTokenSet(record.tokens);
  if (!tokens) throw corrupt('session', 'malformed token set');
  return { v: SCHEMA_VERSION, kind: 'session', issuer: owner.issuer, clientId: owner.clientId, tokens };
}

export function readTransactionRecord(raw: unknown, owner: Owner): TransactionRecord | null {
  if (raw === undefined) return null;
  const record = checkEnvelope(raw, 'transaction', owner);
  const { state, codeVerifier, redirectUri, returnTo, scope, createdAt } = record;
  if (!isNonEmptyString(state) || !isNonEmptyString(codeVerifier) || !isNonEmptyString(redirectUri)) {
    throw corrupt('transaction', 'missing state, verifier or redirect URI');
  }
  const { claimedAt } = record;
  if (
    !isString(returnTo) ||
    !isStringArray(scope) ||
    !isTime(createdAt) ||
    (claimedAt !== undefined && !isTime(claimedAt))
  ) {
    throw corrupt('transaction', 'malformed fields');
  }
  return {
    v: SCHEMA_VERSION,
    kind: 'transaction',
    issuer: owner.issuer,
    clientId: owner.clientId,
    state,
    codeVerifier,
    redirectUri,
    returnTo,
    appState: record.appState,
    scope,
    createdAt,
    ...(claimedAt === undefined ? {} : { claimedAt: claimedAt as number }),
  };
}

export function readDiscoveryRecord(raw: unknown, issuer: string): DiscoveryRecord | null {
  if (raw === undefined) return null;
  const record = checkEnvelope(raw, 'discovery', { issuer });
  if (!isTime(record.fetchedAt) || !isObject(record.metadata)) throw corrupt('discovery', 'malformed fields');
  return {
    v: SCHEMA_VERSION,
    kind: 'discovery',
    issuer,
    fetchedAt: record.fetchedAt,
    metadata: record.metadata,
  };
}
