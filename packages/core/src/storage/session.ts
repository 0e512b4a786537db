/** The persisted session record: one per issuer + client, shared by every tab of the origin. */
import { storageKeys } from '../names.js';
import type { ResolvedOptions } from '../options.js';
import type { TokenSet } from '../token-set.js';
import { readRecord, SCHEMA_VERSION, type SessionRecord } from './schema.js';

export interface SessionStorage {
  /** null when there is no session; throws `storage_error` when the record is unreadable, corrupt or foreign. */
  read(): Promise<TokenSet | null>;
  write(tokens: TokenSet): Promise<void>;
  clear(): Promise<void>;
  /**
   * Compare-and-set in one storage update: `decide` gets the stored tokens (null when signed out) and returns the
   * tokens to store, or null to end the session. Throws `storage_error` when the record is corrupt (nothing is
   * written) or storage fails (the decision still holds for this page; see guardStorage).
   */
  update(decide: (current: TokenSet | null) => TokenSet | null): Promise<void>;
}

export function createSessionStorage(o: ResolvedOptions): SessionStorage {
  const key = storageKeys(o.issuer, o.clientId).session;
  const read = (raw: unknown): TokenSet | null =>
    readRecord(raw, 'session', o.issuer, o.clientId)?.tokens ?? null;
  const record = (tokens: TokenSet | null): SessionRecord | undefined =>
    tokens
      ? { v: SCHEMA_VERSION, kind: 'session', issuer: o.issuer, clientId: o.clientId, tokens }
      : undefined;
  return {
    read: async () => read(await o.storage.get(key)),
    write: (tokens) => o.storage.set(key, record(tokens)),
    clear: () => o.storage.del(key),
    update: (decide) => o.storage.update(key, (raw) => record(decide(read(raw)))),
  };
}
