import { describe, expect, it } from 'vitest';
import { classifyUnauthorized, parseBearerChallenge } from './bearer-challenge.js';

describe('parseBearerChallenge', () => {
  it('reads Telnyx challenges (quoted values, realm first)', () => {
    expect(parseBearerChallenge('Bearer realm="Telnyx API", error="invalid_token"')).toEqual({
      realm: 'Telnyx API',
      error: 'invalid_token',
    });
    expect(
      parseBearerChallenge(
        'Bearer error="insufficient_scope", error_description="needs more", scope="numbers.read  numbers.write"',
      ),
    ).toEqual({
      error: 'insufficient_scope',
      errorDescription: 'needs more',
      scope: ['numbers.read', 'numbers.write'],
    });
  });

  it('reads tokens without quotes, any case of the scheme, escaped quotes', () => {
    expect(parseBearerChallenge('bearer error=invalid_token')).toEqual({ error: 'invalid_token' });
    expect(parseBearerChallenge('BEARER realm="a \\"b\\""')).toEqual({ realm: 'a "b"' });
  });

  it('finds the Bearer challenge among several, and stops at the next scheme', () => {
    expect(
      parseBearerChallenge('Basic realm="x", Bearer error="insufficient_scope", DPoP algs="ES256"'),
    ).toEqual({ error: 'insufficient_scope' });
    expect(parseBearerChallenge('Bearer, Basic realm="x"')).toEqual({});
  });

  it('is null without a Bearer challenge', () => {
    expect(parseBearerChallenge(null)).toBeNull();
    expect(parseBearerChallenge('')).toBeNull();
    expect(parseBearerChallenge('Basic realm="x"')).toBeNull();
    expect(parseBearerChallenge('Bearerish error="invalid_token"')).toBeNull();
    expect(parseBearerChallenge('Basic realm="Bearer error=invalid_token"')).toBeNull();
  });
});

describe('classifyUnauthorized', () => {
  it('refreshes on invalid_token or a Bearer challenge without an error', () => {
    expect(classifyUnauthorized('Bearer realm="Telnyx API", error="invalid_token"')).toBe('refresh');
    expect(classifyUnauthorized('Bearer realm="Telnyx API"')).toBe('refresh');
  });

  it('never refreshes on insufficient_scope (Telnyx answers it with 401)', () => {
    expect(classifyUnauthorized('Bearer error="insufficient_scope", scope="numbers.read"')).toBe(
      'insufficient_scope',
    );
  });

  it('does nothing for a bare 401, another scheme or another error', () => {
    expect(classifyUnauthorized(null)).toBe('none');
    expect(classifyUnauthorized('Basic realm="x"')).toBe('none');
    expect(classifyUnauthorized('Bearer error="invalid_request"')).toBe('none');
  });
});
