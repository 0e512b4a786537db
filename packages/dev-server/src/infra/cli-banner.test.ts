import { describe, expect, it } from 'vitest';
import { resolveConfig } from './config.js';
import { bannerLines } from './cli-banner.js';

describe('the CLI banner', () => {
  it('shows where the server is, the credentials and every effective switch', () => {
    const text = bannerLines(
      'http://127.0.0.1:4010',
      resolveConfig({ issuer: 'http://127.0.0.1:4010' }),
    ).join('\n');
    expect(text).toContain('listening on http://127.0.0.1:4010');
    expect(text).toContain('KEYdevserver_0123456789abcdef');
    expect(text).toContain('telnyx-oauth-demo');
    expect(text).toContain('telnyx-oauth-confidential / dev-confidential-secret');
    expect(text).toContain('profile standard');
    expect(text).toMatch(/revocation on, iss on, CORS on token\/revoke on, refresh for public clients on/);
    expect(text).toMatch(/rotation on, reuse grace 0s/);
  });

  it('shows what the telnyx profile switched off, and overrides', () => {
    const config = resolveConfig({ profile: 'telnyx', publicClientRefresh: true, reuseGrace: 10 });
    const text = bannerLines('http://127.0.0.1:4010', config).join('\n');
    expect(text).toContain('profile telnyx');
    expect(text).toMatch(/revocation off, iss off, CORS on token\/revoke off, refresh for public clients on/);
    expect(text).toContain('reuse grace 10s');
  });
});
