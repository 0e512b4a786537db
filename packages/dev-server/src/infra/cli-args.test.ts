import { describe, expect, it } from 'vitest';
import { USAGE, parseCliArgs } from './cli-args.js';

describe('parseCliArgs', () => {
  it('defaults to 127.0.0.1:4010 and leaves every switch to the (standard) profile', () => {
    expect(parseCliArgs([])).toEqual({
      help: false,
      options: {
        port: 4010,
        host: '127.0.0.1',
        autoConsent: false,
        extraRedirectUris: [],
      },
    });
  });

  it('--profile telnyx sets the profile and nothing that would override it', () => {
    expect(parseCliArgs(['--profile', 'telnyx'])).toEqual({
      help: false,
      options: {
        port: 4010,
        host: '127.0.0.1',
        profile: 'telnyx',
        autoConsent: false,
        extraRedirectUris: [],
      },
    });
  });

  it('reads --no-cors and --no-public-refresh', () => {
    const result = parseCliArgs(['--no-cors', '--no-public-refresh']);
    expect(result).toMatchObject({ options: { cors: false, publicClientRefresh: false } });
  });

  it('reads every flag, skipping the -- that pnpm passes through', () => {
    const result = parseCliArgs([
      '--',
      '--port',
      '4011',
      '--access-token-ttl',
      '5',
      '--latency',
      '20',
      '--no-rotation',
      '--reuse-grace',
      '10',
      '--no-revocation',
      '--no-iss',
      '--no-cors',
      '--no-public-refresh',
      '--profile',
      'standard',
      '--auto-consent',
      '--redirect-uri',
      'http://localhost:1/cb',
      '--redirect-uri',
      'http://localhost:2/cb',
    ]);
    expect(result).toEqual({
      help: false,
      options: {
        port: 4011,
        host: '127.0.0.1',
        accessTokenTtl: 5,
        latencyMs: 20,
        reuseGrace: 10,
        rotateRefreshTokens: false,
        revocationEndpoint: false,
        issParameter: false,
        cors: false,
        publicClientRefresh: false,
        profile: 'standard',
        autoConsent: true,
        extraRedirectUris: ['http://localhost:1/cb', 'http://localhost:2/cb'],
      },
    });
  });

  it('asks for help', () => {
    expect(parseCliArgs(['--help'])).toEqual({ help: true });
  });

  it('names the published bin in its usage line, and the workspace script after it', () => {
    const [first, second] = USAGE.split('\n');
    expect(first).toBe('Usage: telnyx-oauth-dev-server [options]');
    expect(second).toContain('pnpm dev-server');
  });

  it.each([
    [['--port', 'abc']],
    [['--port', '70000']],
    [['--access-token-ttl', '0']],
    [['--reuse-grace', '-1']],
    [['--reuse-grace', '1.5']],
    [['--profile', 'auth0']],
    [['--profile']],
    [['--bogus']],
    [['stray']],
  ])('refuses %j', (args) => {
    expect(() => parseCliArgs(args)).toThrow();
  });
});
