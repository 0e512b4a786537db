import { describe, expect, it } from 'vitest';
import { isLoopbackHost, isSecureOrLoopback } from './loopback.js';

describe('isLoopbackHost', () => {
  it.each(['localhost', '127.0.0.1', '127.1.2.3', '[::1]'])('accepts %s', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each(['example.com', '128.0.0.1', '127.0.0.1.example.com', 'localhost.evil', '::1', '0.0.0.0'])(
    'refuses %s',
    (host) => {
      expect(isLoopbackHost(host)).toBe(false);
    },
  );

  it('agrees with how URL spells hostnames', () => {
    expect(isLoopbackHost(new URL('http://[::1]:4010/').hostname)).toBe(true);
    expect(isLoopbackHost(new URL('http://LOCALHOST/').hostname)).toBe(true);
  });
});

describe('isSecureOrLoopback', () => {
  it('allows https anywhere and http on loopback only', () => {
    expect(isSecureOrLoopback(new URL('https://api.telnyx.com'))).toBe(true);
    expect(isSecureOrLoopback(new URL('http://127.0.0.1:4010'))).toBe(true);
    expect(isSecureOrLoopback(new URL('http://api.telnyx.com'))).toBe(false);
    expect(isSecureOrLoopback(new URL('ftp://localhost'))).toBe(false);
  });
});
