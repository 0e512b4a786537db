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
}

export function createSessionStorage(options: ResolvedOptions): SessionStorage {
  const key = storageKeys(options.issuer, options.clientId).session;
  const owner = { issuer: options.issuer, clientId: options.clientId };
  return {
    read: async () => readSessionRecord(await options.storage.get(key), owner),
    write: (tokens) => {
      const record: SessionRecord = { v: SCHEMA_VERSION, kind: 'session', ...owner, tokens };
      return options.storage.set(key, record);
    },
    clear: () => options.storage.del(key),
  };
}
