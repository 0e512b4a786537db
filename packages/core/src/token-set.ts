import type { TokenEndpointResponse } from 'oauth4webapi';

/** The tokens of one session, as stored. Never logged, never put in a URL or Web Storage. */
export interface TokenSet {
  readonly accessToken: string;
  /** Lower-cased `token_type` ('bearer'). */
  readonly tokenType: string;
  /**
   * Expiry in epoch ms, computed from `expires_in` against the LOCAL clock at receipt, so a skewed device clock
   * never makes a fresh token look expired (the server's clock is not involved). null when the server gave none.
   */
  readonly expiresAt: number | null;
  readonly refreshToken: string | null;
  readonly scope: readonly string[];
  readonly receivedAt: number;
}

export function parseScope(scope: string | readonly string[] | undefined): string[] {
  if (scope === undefined) return [];
  const parts = typeof scope === 'string' ? scope.split(' ') : [...scope];
  return [...new Set(parts.map((part) => part.trim()).filter((part) => part.length > 0))];
}

/**
 * Builds a TokenSet from a validated token endpoint response (RFC 6749 §5.1).
 * On refresh (RFC 6749 §6) a response without `refresh_token` keeps the previous one, and one without `scope`
 * keeps the previous scope; a rotated refresh token replaces the old one.
 */
export function tokenSetFromResponse(
  response: TokenEndpointResponse,
  receivedAt: number,
  fallback: { refreshToken: string | null; scope: readonly string[] },
): TokenSet {
  const expiresIn = response.expires_in;
  return {
    accessToken: response.access_token,
    tokenType: response.token_type,
    expiresAt:
      typeof expiresIn === 'number' && Number.isFinite(expiresIn) ? receivedAt + expiresIn * 1000 : null,
    refreshToken: response.refresh_token ?? fallback.refreshToken,
    scope: response.scope === undefined ? [...fallback.scope] : parseScope(response.scope),
    receivedAt,
  };
}

/**
 * When the access token is due for refresh: `leewayMs` before expiry, but never earlier than half its lifetime.
 * The cap matters for short-lived tokens: a 20 s token with a 60 s leeway would otherwise be "due" the moment it
 * arrives and every refresh would trigger the next one (a refresh loop). null when the expiry is unknown.
 */
export function refreshDueAt(tokens: TokenSet, leewayMs: number): number | null {
  if (tokens.expiresAt === null) return null;
  const lifetime = Math.max(0, tokens.expiresAt - tokens.receivedAt);
  return tokens.expiresAt - Math.min(leewayMs, lifetime / 2);
}

/** True when the token is due (see refreshDueAt) or expired. Unknown expiry never needs refresh. */
export function needsRefresh(tokens: TokenSet, now: number, leewayMs: number): boolean {
  const due = refreshDueAt(tokens, leewayMs);
  return due !== null && now >= due;
}

export function isExpired(tokens: TokenSet, now: number): boolean {
  return tokens.expiresAt !== null && now >= tokens.expiresAt;
}
