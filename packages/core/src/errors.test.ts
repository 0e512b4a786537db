import { describe, expect, it } from 'vitest';
import { isNetworkFailure, TelnyxAuthError } from './errors.js';

describe('TelnyxAuthError.from', () => {
  it('passes a TelnyxAuthError through unchanged', () => {
    const error = new TelnyxAuthError('lock_timeout', 'x');
    expect(TelnyxAuthError.from(error)).toBe(error);
  });

  it.each([
    ['fetch failing (TypeError)', new TypeError('Failed to fetch')],
    ['an aborted request', new DOMException('aborted', 'AbortError')],
    ['a timed-out request', new DOMException('timed out', 'TimeoutError')],
  ])('makes %s a recoverable network_error', (_label, cause) => {
    expect(TelnyxAuthError.from(cause)).toMatchObject({ code: 'network_error', recoverable: true });
  });

  it('makes anything else a non-recoverable invalid_response with the fallback message', () => {
    for (const cause of [new Error('boom'), 'a string', 42, null, undefined, { any: 'object' }]) {
      expect(TelnyxAuthError.from(cause, 'Fallback.')).toMatchObject({
        code: 'invalid_response',
        recoverable: false,
        message: 'Fallback.',
      });
    }
  });

  it("does not take oauth4webapi's validation TypeErrors (they carry a code) for network failures", () => {
    const validation = Object.assign(new TypeError('"response" body "scope" property must be a string'), {
      code: 'OAUTH_INVALID_RESPONSE',
    });
    expect(isNetworkFailure(validation)).toBe(false);
    expect(TelnyxAuthError.from(validation).code).toBe('invalid_response');
  });
});

describe('new TelnyxAuthError', () => {
  it('defaults recoverable by code, and lets the thrower decide', () => {
    expect(new TelnyxAuthError('refresh_failed', 'x').recoverable).toBe(true);
    expect(new TelnyxAuthError('storage_error', 'x').recoverable).toBe(true);
    expect(new TelnyxAuthError('refresh_rejected', 'x').recoverable).toBe(false);
    expect(new TelnyxAuthError('storage_unavailable', 'x').recoverable).toBe(false);
    expect(new TelnyxAuthError('network_error', 'x', { recoverable: false }).recoverable).toBe(false);
  });

  it('keeps only the name and message of a third-party cause', () => {
    const body = { access_token: 'secret-access-token', refresh_token: 'secret-refresh-token' };
    const cause = Object.assign(new TypeError('"response" body "scope" property must be a string'), {
      code: 'OAUTH_INVALID_RESPONSE',
      cause: { body },
      response: new Response(JSON.stringify(body)),
    });
    const error = new TelnyxAuthError('invalid_response', 'Unusable response.', { cause });
    expect(error.cause).toBeInstanceOf(Error);
    expect(error.cause).toMatchObject({ name: 'TypeError', message: cause.message });
    expect(Object.keys(error.cause as object)).toEqual(['name']);
    expect((error.cause as Error).cause).toBeUndefined();
    expect(JSON.stringify(error)).not.toContain('secret');
  });

  it('keeps a TelnyxAuthError cause as it is (already summarised)', () => {
    const inner = new TelnyxAuthError('discovery_failed', 'x', { cause: new Error('y') });
    expect(new TelnyxAuthError('refresh_failed', 'z', { cause: inner }).cause).toBe(inner);
  });
});
