import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { TelnyxAuthProvider } from './provider.js';
import { browserPerTest, createTestServer, signIn } from './test-utils/dev-server-harness.js';
import { useAccessToken } from './use-access-token.js';
import { useTelnyxAPI } from './use-telnyx-api.js';
import type { TelnyxOAuthAPI } from '@telnyx-oauth/core/api';

const server = createTestServer();
const browser = browserPerTest(server);

function Token() {
  const { token, error, isLoading } = useAccessToken();
  return (
    <p data-testid="token">{isLoading ? 'loading' : error ? `error ${error.code}` : (token ?? 'none')}</p>
  );
}
/**
 * Runs fake timers, React work and real I/O (the dev server signs tokens with WebCrypto, which completes
 * on its own schedule) until `done()` holds, a bounded number of rounds.
 */
async function settleUntil(done: () => boolean, rounds = 200): Promise<void> {
  for (let i = 0; i < rounds && !done(); i += 1) {
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1);
      await new Promise((resolve) => setImmediate(resolve));
    });
  }
}
const isToken = (text: string | null | undefined) => /^[\w.-]{20,}$/.test(text ?? '');
const shown = () => screen.getByTestId('token').textContent;

describe('useAccessToken', () => {
  it('returns a valid token, a new one after a refresh, and none after logout', async () => {
    const tab = browser.tab();
    render(
      <TelnyxAuthProvider client={tab}>
        <Token />
      </TelnyxAuthProvider>,
    );
    await waitFor(() => expect(shown()).toBe('none'));

    await act(() => signIn(server, tab));
    await waitFor(() => expect(shown()).toMatch(/^[\w.-]{20,}$/));
    const first = shown();
    const introspection = await server.fetch(`${server.issuer}/v2/oauth/introspect`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: first ?? '', client_id: tab.clientId }),
    });
    expect(await introspection.json()).toMatchObject({ active: true });

    server.config.accessTokenTtl = 900;
    await act(() => tab.getAccessToken({ forceRefresh: true }));
    await waitFor(() => expect(shown()).not.toBe(first));
    expect(shown()).toBe(await tab.getAccessToken());

    await act(() => tab.logout());
    await waitFor(() => expect(shown()).toBe('none'));
  });

  it('follows the session when core renews the token before it expires', async () => {
    server.config.accessTokenTtl = 60;
    await signIn(server, browser.tab());
    // Fake clock from here on (core and the dev server both read Date.now): no wall-clock waiting. The tab
    // under test reads the stored session now, so core's timer runs on the fake clock.
    vi.useFakeTimers({ now: Date.now(), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const tab = browser.tab({ refreshLeeway: 1, autoRefresh: true });
    try {
      render(
        <TelnyxAuthProvider client={tab}>
          <Token />
        </TelnyxAuthProvider>,
      );
      await settleUntil(() => isToken(shown()));
      const first = shown();
      expect(first).toMatch(/^[\w.-]{20,}$/);
      server.config.accessTokenTtl = 1800;
      // Core's timer renews it a second before it expires; the hook has no timer of its own.
      await act(() => vi.advanceTimersByTimeAsync(58_000));
      await settleUntil(() => shown() !== first, 20);
      expect(shown()).toBe(first);
      await act(() => vi.advanceTimersByTimeAsync(2_000));
      await settleUntil(() => isToken(shown()) && shown() !== first);
      expect(shown()).not.toBe(first);
      expect(shown()).toMatch(/^[\w.-]{20,}$/);
      expect(server.counters.get('token:refresh_token')).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('useTelnyxAPI', () => {
  it('calls the Telnyx API with the session token, one client per provider and options', async () => {
    const tab = browser.tab();
    await signIn(server, tab);
    const apis: TelnyxOAuthAPI[] = [];
    const options = { fetch: server.fetch, maxRetries: 0 };
    function Grants() {
      const api = useTelnyxAPI(options);
      apis.push(api);
      return null;
    }
    function Shared() {
      apis.push(useTelnyxAPI());
      return null;
    }
    const view = render(
      <TelnyxAuthProvider client={tab}>
        <Grants />
        <Shared />
        <Shared />
      </TelnyxAuthProvider>,
    );
    view.rerender(
      <TelnyxAuthProvider client={tab}>
        <Grants />
        <Shared />
        <Shared />
      </TelnyxAuthProvider>,
    );
    const [withOptions, sharedA, sharedB, withOptionsAgain, sharedC] = apis;
    expect(withOptionsAgain).toBe(withOptions);
    expect(sharedB).toBe(sharedA);
    expect(sharedC).toBe(sharedA);
    expect(withOptions?.baseURL).toBe(server.issuer);

    const page = await withOptions!.oauthGrants.list();
    expect(page.data.some((grant) => grant.client_id === tab.clientId)).toBe(true);
  });
});
