/** The persisted session record: one per issuer + client, shared by every tab of the origin. */
import type { ResolvedOptions } from './options.js';
import { storageKeys } from './names.js';
import { readSessionRecord, SCHEMA_VERSION, type SessionRecord } from './storage/schema.js';
import type { TokenSet } from './token-set.js';

export interface SessionStorage {
  /** null when there is no session; throws `storage_error` when the record is unreadable, corrupt or foreign. */
  read(): Promise<SessionRecord | null>;
  write(tokens: TokenSet): Promise<void>;
  clear(): Promise<void>;
  /**
   * Compare-and-set in one storage update: `decide` gets the stored tokens (null when signed out) and returns the
   * tokens to store, or null to end the session. Throws `storage_error` when the record is corrupt (nothing is
   * written) or storage fails (the decision still holds for this page; see guardStorage).
   */
  update(decide: (current: TokenSet | null) => TokenSet | null): Promise<void>;
}

export function createSessionStorage(options: ResolvedOptions): SessionStorage {
  const key = storageKeys(options.issuer, options.clientId).session;
  const owner = { issuer: options.issuer, clientId: options.clientId };
  const recordOf = (tokens: TokenSet): SessionRecord => ({
    v: SCHEMA_VERSION,
    kind: 'session',
    ...owner,
    tokens,
  });
  return {
    read: async () => readSessionRecord(await options.storage.get(key), owner),
    write: (tokens) => options.storage.set(key, recordOf(tokens)),
    clear: () => options.storage.del(key),
    update: (decide) =>
      options.storage.update(key, (raw) => {
        const next = decide(readSessionRecord(raw, owner)?.tokens ?? null);
        return next ? recordOf(next) : undefined;
      }),
  };
}
