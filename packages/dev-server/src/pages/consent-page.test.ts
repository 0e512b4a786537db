import { describe, expect, it } from 'vitest';
import { createDevServer } from '../server.js';

describe('consent page', () => {
  it('serves HTML under a strict CSP with the script and style as separate files', async () => {
    const server = createDevServer();
    const response = await server.fetch('/consent?consent_token=abc');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await response.text();
    expect(html).toContain('<script src="/consent.js" defer></script>');
    expect(html).not.toMatch(/<script>(?!<)/);
    expect(html).not.toContain('style=');
    expect(html).toMatch(/<button type="button" id="allow"[^>]*>Allow<\/button>/);
    expect(html).toMatch(/<button type="button" id="deny"[^>]*>Deny<\/button>/);
    expect(html).toContain('data-consent-token="abc"');
  });

  it('escapes the consent token into the page', async () => {
    const html = await (await createDevServer().fetch('/consent?consent_token=%22%3E%3Cscript%3E')).text();
    expect(html).not.toContain('"><script>');
  });

  it('serves the script, the stylesheet and the demo logo with their types', async () => {
    const server = createDevServer();
    const script = await server.fetch('/consent.js');
    expect(script.headers.get('content-type')).toContain('text/javascript');
    const source = await script.text();
    expect(source).toContain('/v2/oauth/consent/');
    expect(source).toContain('/v2/oauth/grants');
    expect(() => new Function(source)).not.toThrow();
    expect((await server.fetch('/consent.css')).headers.get('content-type')).toContain('text/css');
    expect((await server.fetch('/assets/logo.svg')).headers.get('content-type')).toBe('image/svg+xml');
  });
});
