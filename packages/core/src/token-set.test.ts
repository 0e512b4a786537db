import { describe, expect, it } from 'vitest';
import {
  isExpired,
  needsRefresh,
  parseScope,
  refreshDueAt,
  tokenSetFromResponse,
  type TokenSet,
} from './token-set.js';

const base: TokenSet = {
  accessToken: 'a',
  tokenType: 'bearer',
  expiresAt: 1_000_000 + 1800_000,
  refreshToken: 'r',
  scope: [],
  receivedAt: 1_000_000,
};

describe('token set', () => {
  it('computes expiry from expires_in against the local clock at receipt', () => {
    const tokens = tokenSetFromResponse(
      { access_token: 'x', token_type: 'bearer', expires_in: 1800 } as never,
      5000,
      { refreshToken: 'old', scope: ['s'] },
    );
    expect(tokens).toMatchObject({
      expiresAt: 5000 + 1800_000,
      refreshToken: 'old',
      scope: ['s'],
      receivedAt: 5000,
    });
  });

  it('takes a rotated refresh token and a granted scope when the response has them', () => {
    const tokens = tokenSetFromResponse(
      { access_token: 'x', token_type: 'bearer', refresh_token: 'new', scope: 'a b' } as never,
      0,
      { refreshToken: 'old', scope: ['s'] },
    );
    expect(tokens).toMatchObject({ refreshToken: 'new', scope: ['a', 'b'], expiresAt: null });
  });

  it('is due refreshLeeway before expiry', () => {
    expect(refreshDueAt(base, 60_000)).toBe(base.receivedAt + 1800_000 - 60_000);
    expect(needsRefresh(base, base.receivedAt + 1739_999, 60_000)).toBe(false);
    expect(needsRefresh(base, base.receivedAt + 1740_000, 60_000)).toBe(true);
  });

  it('caps the leeway at half the lifetime so short-lived tokens do not loop', () => {
    const short = { ...base, expiresAt: base.receivedAt + 20_000 };
    expect(refreshDueAt(short, 60_000)).toBe(base.receivedAt + 10_000);
    expect(needsRefresh(short, base.receivedAt + 1, 60_000)).toBe(false);
  });

  it('never needs a refresh with an unknown expiry', () => {
    const unknown = { ...base, expiresAt: null };
    expect(needsRefresh(unknown, Number.MAX_SAFE_INTEGER, 60_000)).toBe(false);
    expect(isExpired(unknown, Number.MAX_SAFE_INTEGER)).toBe(false);
  });

  it('parses scopes from strings and arrays, dropping blanks and duplicates', () => {
    expect(parseScope(' a b  a ')).toEqual(['a', 'b']);
    expect(parseScope(['x', '', 'x'])).toEqual(['x']);
    expect(parseScope(undefined)).toEqual([]);
  });
});
