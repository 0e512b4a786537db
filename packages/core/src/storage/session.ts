/** The persisted session record: one per issuer + client, shared by every tab of the origin. */
import { storageKeys } from '../names.js';
import type { ResolvedOptions } from '../options.js';
import type { TokenSet } from '../token-set.js';
import { readRecord, SCHEMA_VERSION, type SessionRecord } from './schema.js';

const key = (o: ResolvedOptions): string => storageKeys(o.issuer, o.clientId).session;

/** The tokens in a stored value: null when there is none; `storage_error` when it is not a usable record. */
const tokensOf = (o: ResolvedOptions, raw: unknown): TokenSet | null =>
  readRecord(raw, 'session', o.issuer, o.clientId)?.tokens ?? null;

const recordOf = (o: ResolvedOptions, tokens: TokenSet | null): SessionRecord | undefined =>
  tokens ? { v: SCHEMA_VERSION, kind: 'session', issuer: o.issuer, clientId: o.clientId, tokens } : undefined;

/** The stored session; null when there is none. Throws `storage_error` for an unreadable, corrupt or foreign record. */
export const readSession = async (o: ResolvedOptions): Promise<TokenSet | null> =>
  tokensOf(o, await o.storage.get(key(o)));

/** Stores `tokens` as the session, or deletes it (null). */
export const writeSession = (o: ResolvedOptions, tokens: TokenSet | null): Promise<void> =>
  o.storage.set(key(o), recordOf(o, tokens));

/**
 * Compare-and-set in one storage update: `decide` gets the stored tokens (null when signed out) and returns the
 * tokens to store, or null to end the session. Throws `storage_error` when the record is corrupt (nothing is
 * written) or storage fails (the decision still holds for this page; see guardStorage).
 */
export const updateSession = (
  o: ResolvedOptions,
  decide: (current: TokenSet | null) => TokenSet | null,
): Promise<void> => o.storage.update(key(o), (raw) => recordOf(o, decide(tokensOf(o, raw))));
