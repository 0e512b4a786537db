/**
 * Authorization transactions: one per `loginWithRedirect`, keyed by its random `state` (so two tabs can sign in
 * at once), holding the PKCE verifier (RFC 7636), redirect URI, returnTo and appState. Single use: `take` reads
 * and deletes. Stale ones expire.
 */
import { calculatePKCECodeChallenge, generateRandomCodeVerifier, generateRandomState } from 'oauth4webapi';
import { TelnyxAuthError } from './errors.js';
import type { ResolvedOptions } from './options.js';
import { storageKeys } from './names.js';
import { readTransactionRecord, SCHEMA_VERSION, type TransactionRecord } from './storage/schema.js';

export interface NewTransaction {
  record: TransactionRecord;
  codeChallenge: string;
}

export function createTransactions(options: ResolvedOptions, now: () => number) {
  const keys = storageKeys(options.issuer, options.clientId);
  const owner = { issuer: options.issuer, clientId: options.clientId };

  const isExpired = (record: TransactionRecord): boolean =>
    now() - record.createdAt > options.transactionTtlMs || record.createdAt > now() + 60_000;

  return {
    async create(fields: {
      returnTo: string;
      appState: unknown;
      scope: readonly string[];
    }): Promise<NewTransaction> {
      const codeVerifier = generateRandomCodeVerifier();
      const record: TransactionRecord = {
        v: SCHEMA_VERSION,
        kind: 'transaction',
        ...owner,
        state: generateRandomState(),
        codeVerifier,
        redirectUri: options.redirectUri,
        returnTo: fields.returnTo,
        appState: fields.appState,
        scope: fields.scope,
        createdAt: now(),
      };
      try {
        await options.storage.set(keys.transaction(record.state), record);
      } catch (cause) {
        if (cause instanceof TelnyxAuthError && cause.code === 'storage_error') {
          throw new TelnyxAuthError(
            'storage_error',
            'Could not store the login transaction (is appState cloneable?).',
            {
              cause,
            },
          );
        }
        throw cause;
      }
      return { record, codeChallenge: await calculatePKCECodeChallenge(codeVerifier) };
    },

    /**
     * Reads and deletes the transaction for `state`. Unknown, foreign, corrupt and expired transactions all give
     * `unknown_state` (with a message that says which), and a corrupt one is left for `prune` to remove.
     */
    async take(state: string): Promise<TransactionRecord> {
      const key = keys.transaction(state);
      let record: TransactionRecord | null;
      try {
        record = readTransactionRecord(await options.storage.get(key), owner);
      } catch (cause) {
        throw new TelnyxAuthError(
          'unknown_state',
          'The stored login transaction for this state is unusable; start the sign-in again.',
          {
            cause,
          },
        );
      }
      if (!record || record.state !== state) {
        throw new TelnyxAuthError(
          'unknown_state',
          'No login is waiting for this state: it was already used, expired, forged, or started in another browser or origin. Start the sign-in again.',
        );
      }
      await options.storage.del(key);
      if (isExpired(record)) {
        throw new TelnyxAuthError(
          'unknown_state',
          'The login transaction for this state expired; start the sign-in again.',
        );
      }
      return record;
    },

    /** Best effort: deletes expired and unreadable transactions (needs an adapter with `keys`). */
    async prune(): Promise<void> {
      const stateKeys = await options.storage.keys(keys.transactionPrefix);
      for (const key of stateKeys) {
        let expired: boolean;
        try {
          const record = readTransactionRecord(await options.storage.get(key), owner);
          expired = record === null || isExpired(record);
        } catch {
          expired = true;
        }
        if (expired) await options.storage.del(key);
      }
    },
  };
}

export type Transactions = ReturnType<typeof createTransactions>;
