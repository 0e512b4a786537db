import { Window } from 'happy-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDevServer, type DevServer } from '../server.js';
import { authorizeUrl, DEMO_REDIRECT, pkce } from '../test-utils/flow.js';
import { CONSENT_SCRIPT } from './consent-script.js';

const windows: Window[] = [];

afterEach(async () => {
  await Promise.all(windows.splice(0).map((window) => window.happyDOM.close()));
});

/** Loads the consent page into happy-dom and runs /consent.js with fetch wired to the server in-process. */
async function openConsentPage(server: DevServer, scope = 'numbers.read billing.read') {
  const authorize = await server.fetch(authorizeUrl(server, { scope }, pkce().challenge));
  const pageUrl = authorize.headers.get('location') ?? '';
  const html = await (await server.fetch(pageUrl)).text();
  const window = new Window({ url: pageUrl });
  windows.push(window);
  window.document.write(html);
  const assign = vi.fn<(url: string) => void>();
  const fetch = (input: string, init?: RequestInit) => server.fetch(input, init);
  // The script only touches these globals; passing them as parameters keeps the test hermetic.
  new Function('window', 'document', 'fetch', CONSENT_SCRIPT)(
    { location: { assign } },
    window.document,
    fetch,
  );
  const byId = (id: string) =>
    window.document.getElementById(id) as unknown as HTMLElement & HTMLButtonElement;
  await vi.waitFor(() => expect(byId('allow').disabled).toBe(false));
  return { document: window.document, byId, assign };
}

describe('consent page script', () => {
  it('shows client name, verified badge, logo and requested scopes, then enables Allow and Deny', async () => {
    const server = createDevServer();
    const { byId, document } = await openConsentPage(server);
    expect(byId('client-name').textContent).toBe('Telnyx OAuth Demo');
    expect(byId('verified-badge').hidden).toBe(false);
    expect(byId('client-logo').getAttribute('src')).toBe(`${server.issuer}/assets/logo.svg`);
    const scopes = [...document.querySelectorAll('#scopes li')].map((item) =>
      item.getAttribute('data-scope'),
    );
    expect(scopes).toEqual(['numbers.read', 'billing.read']);
    expect(byId('redirect-note').textContent).toContain('http://localhost:5173');
    expect(byId('deny').disabled).toBe(false);
  });

  it('Allow posts the grant and follows the redirect with a code', async () => {
    const server = createDevServer();
    const { byId, assign } = await openConsentPage(server);
    byId('allow').click();
    await vi.waitFor(() => expect(assign).toHaveBeenCalledTimes(1));
    const url = new URL(assign.mock.calls[0]?.[0] ?? '');
    expect(`${url.origin}${url.pathname}`).toBe(DEMO_REDIRECT);
    expect(url.searchParams.get('code')).toBeTruthy();
    expect(server.counters.get('grants')).toBe(1);
  });

  it('Deny follows the redirect with error=access_denied', async () => {
    const server = createDevServer();
    const { byId, assign } = await openConsentPage(server);
    byId('deny').click();
    await vi.waitFor(() => expect(assign).toHaveBeenCalledTimes(1));
    expect(new URL(assign.mock.calls[0]?.[0] ?? '').searchParams.get('error')).toBe('access_denied');
  });

  it('shows an alert and keeps the buttons disabled for an invalid consent token', async () => {
    const server = createDevServer();
    const window = new Window({ url: `${server.issuer}/consent?consent_token=bogus` });
    windows.push(window);
    window.document.write(await (await server.fetch('/consent?consent_token=bogus')).text());
    const fetch = (input: string, init?: RequestInit) => server.fetch(input, init);
    new Function('window', 'document', 'fetch', CONSENT_SCRIPT)(
      { location: { assign: vi.fn() } },
      window.document,
      fetch,
    );
    const alert = window.document.getElementById('consent-error') as unknown as HTMLElement;
    await vi.waitFor(() => expect(alert.hidden).toBe(false));
    expect(alert.textContent).toContain('invalid or expired');
    expect((window.document.getElementById('allow') as unknown as HTMLButtonElement).disabled).toBe(true);
  });
});
