/**
 * Authorization transactions: one per login, keyed by its random `state` (so two tabs can sign in at once),
 * holding the PKCE verifier (RFC 7636), redirect URI, returnTo and appState. Single use: `claimTransaction`
 * takes one atomically for one code exchange, `finishTransaction` deletes it. Stale ones expire.
 */
import { calculatePKCECodeChallenge, generateRandomCodeVerifier, generateRandomState } from 'oauth4webapi';
import { DEV, TelnyxAuthError } from './errors.js';
import { storageKeys } from './names.js';
import type { ResolvedOptions } from './options.js';
import { readRecord, SCHEMA_VERSION, type TransactionRecord } from './storage/schema.js';

const keyOf = (o: ResolvedOptions, state: string): string =>
  storageKeys(o.issuer, o.clientId).transaction(state);
const read = (o: ResolvedOptions, raw: unknown): TransactionRecord | null =>
  readRecord(raw, 'transaction', o.issuer, o.clientId);
const isExpired = (o: ResolvedOptions, { createdAt }: TransactionRecord): boolean =>
  Date.now() - createdAt > o.transactionTtl || createdAt > Date.now() + 60_000;

/** Stores a new transaction; resolves to it and its S256 code challenge. */
export async function createTransaction(
  o: ResolvedOptions,
  fields: Pick<TransactionRecord, 'returnTo' | 'appState' | 'scope' | 'popup'>,
): Promise<{ record: TransactionRecord; codeChallenge: string }> {
  const record: TransactionRecord = {
    v: SCHEMA_VERSION,
    kind: 'transaction',
    issuer: o.issuer,
    clientId: o.clientId,
    state: generateRandomState(),
    codeVerifier: generateRandomCodeVerifier(),
    redirectUri: o.redirectUri,
    createdAt: Date.now(),
    ...fields,
  };
  await o.storage.set(keyOf(o, record.state), record).catch((cause: unknown) => {
    throw new TelnyxAuthError(
      'storage_error',
      DEV && 'Could not store the login transaction (is appState cloneable?).',
      {
        cause,
      },
    );
  });
  return { record, codeChallenge: await calculatePKCECodeChallenge(record.codeVerifier) };
}

/**
 * The transaction for `state` as it is now, without consuming it; null when there is none or it is unusable.
 * A caller that saw it before another client consumed it was concurrent with that client (see callback.ts).
 */
export const peekTransaction = (o: ResolvedOptions, state: string): Promise<TransactionRecord | null> =>
  o.storage
    .get(keyOf(o, state))
    .then((raw) => {
      const record = read(o, raw);
      return record?.state === state ? record : null;
    })
    .catch(() => null);

/**
 * Takes the transaction for `state` for this client's code exchange, atomically (one storage update: two tabs
 * can never both take it). Resolves to the record, or to null when there is none (never created, already
 * consumed, or forged). A transaction another client took and has not finished, an expired one and an
 * unusable one give `unknown_state` (the last two are deleted). The caller deletes it with `finishTransaction`.
 */
export async function claimTransaction(o: ResolvedOptions, state: string): Promise<TransactionRecord | null> {
  let claimed: TransactionRecord | null = null;
  let problem: string | false | undefined;
  await o.storage
    .update(keyOf(o, state), (raw) => {
      claimed = null;
      problem = undefined;
      let record: TransactionRecord | null;
      try {
        record = read(o, raw);
      } catch {
        problem = DEV && 'The stored login transaction for this state is unusable';
        return undefined;
      }
      if (record?.state !== state) return raw; // none (or one filed under another state's key: not ours)
      if (record.claimedAt !== undefined) {
        problem = DEV && 'This authorization response is being completed by another tab';
        return raw;
      }
      if (isExpired(o, record)) {
        problem = DEV && 'The login transaction for this state expired';
        return undefined;
      }
      claimed = record;
      return { ...record, claimedAt: Date.now() };
    })
    // Storage that read the transaction but refused the mark (a full quota) must not make sign-in
    // impossible: this page goes on (tabs racing for this very response are then not excluded).
    .catch((error: unknown) => {
      if (!claimed) throw error;
    });
  if (problem !== undefined)
    throw new TelnyxAuthError('unknown_state', DEV && `${problem as string}; start the sign-in again.`);
  return claimed;
}

/** Deletes the transaction once its code exchange is over, whatever the outcome (a code is single use). */
export const finishTransaction = (o: ResolvedOptions, state: string): Promise<void> =>
  o.storage.del(keyOf(o, state)).catch(() => undefined);

/**
 * Deletes the transaction for `state` unless a client has already taken it for its exchange: the popup that
 * started it was closed or timed out, so an answer arriving later must not sign anyone in.
 */
export const abandonTransaction = (o: ResolvedOptions, state: string): Promise<void> =>
  o.storage
    .update(keyOf(o, state), (raw) =>
      (raw as { claimedAt?: unknown } | undefined)?.claimedAt === undefined ? undefined : raw,
    )
    .catch(() => undefined);

/** Best effort: deletes expired and unreadable transactions (needs an adapter with `keys`). */
export async function pruneTransactions(o: ResolvedOptions): Promise<void> {
  for (const key of await o.storage.keys(storageKeys(o.issuer, o.clientId).transactionPrefix)) {
    const record = await o.storage
      .get(key)
      .then((raw) => read(o, raw))
      .catch(() => null);
    if (!record || isExpired(o, record)) await o.storage.del(key);
  }
}
