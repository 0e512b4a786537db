/**
 * Authorization transactions: one per `loginWithRedirect`, keyed by its random `state` (so two tabs can sign in
 * at once), holding the PKCE verifier (RFC 7636), redirect URI, returnTo and appState. Single use: `claim` takes
 * one atomically for one code exchange, `finish` deletes it. Stale ones expire.
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
     * The transaction for `state` as it is now, without consuming it; null when there is none or it is unusable.
     * A caller that saw it before another client consumed it was concurrent with that client (see callback.ts).
     */
    async peek(state: string): Promise<TransactionRecord | null> {
      try {
        const record = readTransactionRecord(await options.storage.get(keys.transaction(state)), owner);
        return record?.state === state ? record : null;
      } catch {
        return null;
      }
    },

    /**
     * Takes the transaction for `state` for this client's code exchange, atomically (one storage update: two tabs
     * can never both take it). Resolves to the record, or to null when there is none (never created, already
     * consumed, or forged). A transaction another client took and has not finished, an expired one and an
     * unusable one give `unknown_state` (the last two are deleted). The caller deletes it with `finish`.
     */
    async claim(state: string): Promise<TransactionRecord | null> {
      let claimed: TransactionRecord | null = null;
      let problem: string | undefined;
      const claiming = options.storage.update(keys.transaction(state), (raw) => {
        claimed = null;
        problem = undefined;
        let record: TransactionRecord | null;
        try {
          record = readTransactionRecord(raw, owner);
        } catch {
          problem = 'The stored login transaction for this state is unusable';
          return undefined;
        }
        if (record?.state !== state) return raw; // none (or one filed under another state's key: not ours)
        if (record.claimedAt !== undefined) {
          problem = 'This authorization response is being completed by another tab';
          return raw;
        }
        if (isExpired(record)) {
          problem = 'The login transaction for this state expired';
          return undefined;
        }
        claimed = record;
        return { ...record, claimedAt: now() } satisfies TransactionRecord;
      });
      // Storage that read the transaction but refused the mark (a full quota) must not make sign-in
      // impossible: this page goes on (tabs racing for this very response are then not excluded).
      await claiming.catch((error: unknown) => {
        if (!claimed) throw error;
      });
      if (problem) throw new TelnyxAuthError('unknown_state', `${problem}; start the sign-in again.`);
      return claimed;
    },

    /** Deletes the transaction once its code exchange is over, whatever the outcome (a code is single use). */
    finish: (state: string): Promise<void> => options.storage.del(keys.transaction(state)),

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
