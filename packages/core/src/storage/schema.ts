/**
 * Versioned shapes of everything the library persists, and one strict reader for them. Storage is input like
 * any other: a record may be corrupt, from another client or issuer, or from a future version of this library.
 * The reader never trusts it; it returns a typed record or throws `storage_error`.
 */
import { DEV, TelnyxAuthError } from '../errors.js';
import type { TokenSet } from '../token-set.js';

export const SCHEMA_VERSION = 1;

interface Envelope<Kind extends string> {
  readonly v: typeof SCHEMA_VERSION;
  readonly kind: Kind;
  readonly issuer: string;
}

/** The session of one issuer + client, shared by every tab of the origin. */
export interface SessionRecord extends Envelope<'session'> {
  readonly clientId: string;
  readonly tokens: TokenSet;
}

/** One login waiting for its authorization response, keyed by its `state`. */
export interface TransactionRecord extends Envelope<'transaction'> {
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
  /** Set for a `loginWithPopup` window: the callback reports its outcome to the opener instead of throwing. */
  readonly popup?: true;
}

/** Cached authorization server metadata, per issuer. */
export interface DiscoveryRecord extends Envelope<'discovery'> {
  readonly fetchedAt: number;
  readonly metadata: Record<string, unknown>;
}

interface Records {
  session: SessionRecord;
  transaction: TransactionRecord;
  discovery: DiscoveryRecord;
}

type Check = (value: unknown) => boolean;
const text: Check = (value) => typeof value === 'string';
const nonEmpty: Check = (value) => text(value) && value !== '';
const time: Check = (value) => Number.isFinite(value);
const texts: Check = (value) => Array.isArray(value) && value.every(text);
const object = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
/** `check`, or exactly `alternative` (null, or undefined for an optional field). */
const or =
  (check: Check, alternative: null | undefined): Check =>
  (value) =>
    value === alternative || check(value);
const valid = (value: unknown, shape: Record<string, Check>): boolean =>
  object(value) && Object.entries(shape).every(([key, check]) => check(value[key]));

const TOKENS = {
  accessToken: nonEmpty,
  tokenType: nonEmpty,
  expiresAt: or(time, null),
  refreshToken: or(nonEmpty, null),
  scope: texts,
  receivedAt: time,
  refreshable: or((value) => typeof value === 'boolean', undefined),
};

const SHAPES: Record<keyof Records, Record<string, Check>> = {
  session: { tokens: (value) => valid(value, TOKENS) },
  transaction: {
    state: nonEmpty,
    codeVerifier: nonEmpty,
    redirectUri: nonEmpty,
    returnTo: text,
    scope: texts,
    createdAt: time,
    claimedAt: or(time, undefined),
    popup: or((value) => value === true, undefined),
  },
  discovery: { fetchedAt: time, metadata: object },
};

/**
 * The stored value as a record of `kind` belonging to `issuer` (and `clientId`, for per-client records):
 * undefined (nothing stored) is null; anything else that is not exactly such a record is `storage_error`.
 */
export function readRecord<Kind extends keyof Records>(
  raw: unknown,
  kind: Kind,
  issuer: string,
  clientId?: string,
): Records[Kind] | null {
  if (raw === undefined) return null;
  if (
    !object(raw) ||
    raw.v !== SCHEMA_VERSION ||
    raw.kind !== kind ||
    raw.issuer !== issuer ||
    (clientId !== undefined && raw.clientId !== clientId) ||
    !valid(raw, SHAPES[kind])
  )
    throw new TelnyxAuthError(
      'storage_error',
      // What is wrong, in development builds only (production builds leave the whole message out).
      DEV &&
        `Stored ${kind} is unusable (${
          !object(raw)
            ? 'not an object'
            : raw.v !== SCHEMA_VERSION
              ? `schema version ${String(raw.v)}, expected ${SCHEMA_VERSION}`
              : 'another kind, issuer or client, or malformed fields'
        }); it was ignored.`,
      { recoverable: false },
    );
  return raw as unknown as Records[Kind];
}
