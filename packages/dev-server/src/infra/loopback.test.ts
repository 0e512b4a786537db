import { describe, expect, it } from 'vitest';
import { isLoopbackHost, isLoopbackOrigin } from './loopback.js';

describe('loopback rule (the same as core/src/shared/loopback.ts)', () => {
  it.each(['localhost', '127.0.0.1', '127.0.0.2', '127.255.255.254', '[::1]'])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each(['localhost.evil.example', '128.0.0.1', '10.0.0.1', '0.0.0.0', '[::2]', '127.0.0.1.nip.io', ''])(
    '%s is not',
    (host) => {
      expect(isLoopbackHost(host)).toBe(false);
    },
  );

  it('reads origins: http(s) on a loopback host only', () => {
    expect(isLoopbackOrigin('http://127.0.0.2:9999')).toBe(true);
    expect(isLoopbackOrigin('https://localhost')).toBe(true);
    expect(isLoopbackOrigin('http://[::1]:3000')).toBe(true);
    expect(isLoopbackOrigin('null')).toBe(false);
    expect(isLoopbackOrigin('file://localhost')).toBe(false);
    expect(isLoopbackOrigin('https://evil.example')).toBe(false);
    expect(isLoopbackOrigin('http://localhost.evil.example')).toBe(false);
  });
});
