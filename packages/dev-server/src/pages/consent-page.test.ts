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

describe('favicon', () => {
  it('serves /favicon.ico at the server root: an ICO holding a 32×32 PNG', async () => {
    const response = await createDevServer().fetch('/favicon.ico');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/x-icon');
    const bytes = new Uint8Array(await response.arrayBuffer());
    const view = new DataView(bytes.buffer);
    expect([view.getUint16(0, true), view.getUint16(2, true), view.getUint16(4, true)]).toEqual([0, 1, 1]);
    expect([bytes[6], bytes[7]]).toEqual([32, 32]);
    const offset = view.getUint32(18, true);
    expect([...bytes.subarray(offset, offset + 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    expect(view.getUint32(14, true)).toBe(bytes.length - offset);
  });

  it('links an SVG icon from the consent page, loadable under its CSP', async () => {
    const server = createDevServer();
    const page = await server.fetch('/consent?consent_token=abc');
    const html = await page.text();
    expect(html).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml">');
    expect(page.headers.get('content-security-policy')).toMatch(/img-src 'self'/);
    const icon = await server.fetch('/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(await icon.text()).toMatch(/^<svg /);
  });
});

describe('dark mode', () => {
  it('declares both color schemes and a prefers-color-scheme: dark palette', async () => {
    const server = createDevServer();
    expect(await (await server.fetch('/consent?consent_token=abc')).text()).toContain(
      '<meta name="color-scheme" content="light dark">',
    );
    const css = await (await server.fetch('/consent.css')).text();
    expect(css).toContain('color-scheme: light dark');
    expect(css).toMatch(/@media \(prefers-color-scheme: dark\) \{\s*:root \{/);
  });
});
