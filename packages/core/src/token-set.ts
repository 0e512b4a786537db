/** The tokens of one session and the rules about their lifetime. Never logged, put in a URL or Web Storage. */
import type { TokenResponse } from './types.js';

/** The tokens of one session, as stored (and as a `Transport` refreshes them). */
export interface TokenSet {
  /** The access token, sent as `Authorization: Bearer` (RFC 6750). */
  readonly accessToken: string;
  /** Lower-cased `token_type` ('bearer'). */
  readonly tokenType: string;
  /**
   * Expiry in epoch ms, computed from `expires_in` against the LOCAL clock at receipt, so a skewed device clock
   * never makes a fresh token look expired (the server's clock is not involved). null when the server gave none.
   */
  readonly expiresAt: number | null;
  /** The refresh token (direct transport); always null through a token handler, which keeps it in a cookie. */
  readonly refreshToken: string | null;
  /** Granted scopes (from the token response, else the requested ones). */
  readonly scope: readonly string[];
  /** When the token response arrived, epoch ms by the local clock. */
  readonly receivedAt: number;
  /** Set by a token handler: whether it holds a refresh token for this session (its `refresh` flag). */
  readonly refreshable?: boolean;
}

/** Scopes from a space-separated string or an array: trimmed, without blanks or duplicates (RFC 6749 §3.3). */
export function parseScope(scope: string | readonly string[] | undefined): string[] {
  const parts = typeof scope === 'string' ? scope.split(' ') : (scope ?? []);
  return [...new Set(parts.map((part) => part.trim()).filter(Boolean))];
}

/**
 * The scopes of `asked` (string or array, read by {@link parseScope}) that `granted` does not hold: empty when
 * the session may do what `asked` names (`hasScope`, `useHasScope`).
 *
 * @see RFC 6749 §3.3
 */
export const missingScopes = (
  granted: readonly string[],
  asked: string | readonly string[] | undefined,
): string[] => parseScope(asked).filter((scope) => !granted.includes(scope));

/**
 * Builds a TokenSet from a validated token response (RFC 6749 §5.1). On refresh (RFC 6749 §6) a response
 * without `refresh_token` keeps the previous one, and one without `scope` keeps the previous scope; a rotated
 * refresh token replaces the old one.
 */
export function tokenSetFromResponse(
  response: TokenResponse,
  receivedAt: number,
  previous: Pick<TokenSet, 'refreshToken' | 'scope' | 'refreshable'>,
): TokenSet {
  const expiresIn = response.expires_in;
  const refreshable = response.refresh ?? previous.refreshable;
  return {
    accessToken: response.access_token,
    tokenType: response.token_type,
    expiresAt: Number.isFinite(expiresIn) ? receivedAt + (expiresIn as number) * 1000 : null,
    refreshToken: response.refresh_token ?? previous.refreshToken,
    scope: response.scope === undefined ? [...previous.scope] : parseScope(response.scope),
    receivedAt,
    ...(refreshable === undefined ? {} : { refreshable }),
  };
}

/** True when the session can be renewed: a refresh token here, or one a token handler holds for it. */
export const canRefresh = (tokens: TokenSet): boolean => !!tokens.refreshToken || !!tokens.refreshable;

/**
 * When the access token is due for refresh: `leewayMs` before expiry, but never earlier than half its lifetime.
 * The cap matters for short-lived tokens: a 20 s token with a 60 s leeway would otherwise be "due" the moment it
 * arrives and every refresh would trigger the next one (a refresh loop). null when the expiry is unknown.
 */
export function refreshDueAt(tokens: TokenSet, leewayMs: number): number | null {
  const { expiresAt, receivedAt } = tokens;
  return expiresAt === null ? null : expiresAt - Math.min(leewayMs, Math.max(0, expiresAt - receivedAt) / 2);
}

/** True when the token is due (see refreshDueAt) or expired. Unknown expiry never needs refresh. */
export function needsRefresh(tokens: TokenSet, now: number, leewayMs: number): boolean {
  const due = refreshDueAt(tokens, leewayMs);
  return due !== null && now >= due;
}

/** True once the access token's expiry has passed (never for an unknown expiry). */
export const isExpired = (tokens: TokenSet, now: number): boolean =>
  tokens.expiresAt !== null && now >= tokens.expiresAt;
