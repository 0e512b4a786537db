// @vitest-environment-options { "url": "http://localhost:5173/" }
import { act, render, screen, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { createTelnyxAuth } from '@telnyx-oauth/core';
import { AuthCallback } from './auth-callback.js';
import { TelnyxAuthProvider } from './provider.js';
import { browserPerTest, consent, createTestServer } from './test-utils/dev-server-harness.js';
import { useAuth } from './use-auth.js';

const server = createTestServer();
const browser = browserPerTest(server);

function Status() {
  const { status } = useAuth();
  return <p>{`status: ${status}`}</p>;
}

describe('AuthCallback against the dev server', () => {
  it('exchanges the code with exactly one token request under StrictMode and calls onSuccess once', async () => {
    const before = browser.tab();
    await before.loginWithRedirect({ returnTo: '/projects?tab=keys#top', appState: { from: 'nav' } });
    const callbackUrl = await consent(server, before);

    // Back from Telnyx: a fresh page load at the callback URL, so a new client over the same storage,
    // using this page's real location and history (core cleans the URL after handling it).
    window.history.replaceState(null, '', callbackUrl);
    const page = createTelnyxAuth({ ...browser.options(), window });
    const successes: unknown[] = [];
    render(
      <StrictMode>
        <TelnyxAuthProvider client={page}>
          <AuthCallback
            fallback={<p>Signing you in…</p>}
            onSuccess={(returnTo, appState) => successes.push({ returnTo, appState })}
          />
          <Status />
        </TelnyxAuthProvider>
      </StrictMode>,
    );
    expect(screen.getByText('Signing you in…')).toBeTruthy();
    await waitFor(() => expect(successes).toHaveLength(1));
    expect(successes).toEqual([{ returnTo: '/projects?tab=keys#top', appState: { from: 'nav' } }]);
    expect(server.counters.get('token')).toBe(1);
    expect(server.counters.get('token:authorization_code')).toBe(1);
    expect(screen.getByText('status: authenticated')).toBeTruthy();
    expect(window.location.href).toBe('http://localhost:5173/callback');
    // Settle anything StrictMode's second mount could still start: still one exchange, one navigation.
    await act(async () => {});
    expect(server.counters.get('token')).toBe(1);
    expect(successes).toHaveLength(1);
    page.destroy();
  });

  it('gives a remounted callback route the same outcome without exchanging again', async () => {
    const tab = browser.tab();
    await tab.loginWithRedirect({ returnTo: '/billing' });
    const callbackUrl = await consent(server, tab);
    const page = browser.tab();
    const outcomes: string[] = [];
    const route = (key: string) => (
      <TelnyxAuthProvider client={page}>
        <AuthCallback
          key={key}
          url={callbackUrl}
          onSuccess={(returnTo) => outcomes.push(returnTo)}
          errorFallback={(error) => <p role="alert">{error.code}</p>}
        />
      </TelnyxAuthProvider>
    );
    const view = render(route('first'));
    await waitFor(() => expect(outcomes).toEqual(['/billing']));
    // A router re-keying the route (or a Suspense retry) mounts a new instance on the same URL.
    view.rerender(route('second'));
    await waitFor(() => expect(outcomes).toEqual(['/billing', '/billing']));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(server.counters.get('token')).toBe(1);
  });

  it('renders errorFallback with the typed error when the user denied access', async () => {
    const tab = browser.tab();
    await tab.loginWithRedirect();
    const callbackUrl = await consent(server, tab, false);
    render(
      <StrictMode>
        <TelnyxAuthProvider client={browser.tab()}>
          <AuthCallback
            url={callbackUrl}
            onSuccess={() => {
              throw new Error('must not succeed');
            }}
            errorFallback={(error) => <p role="alert">{`${error.code}: ${error.oauthError}`}</p>}
          />
        </TelnyxAuthProvider>
      </StrictMode>,
    );
    expect((await screen.findByRole('alert')).textContent).toBe('authorization_denied: access_denied');
    expect(server.counters.get('token')).toBe(0);
  });

  it('reports a replayed callback (spent state) as unknown_state instead of exchanging again', async () => {
    const tab = browser.tab();
    await tab.loginWithRedirect();
    const callbackUrl = await consent(server, tab);
    await tab.handleRedirectCallback(callbackUrl);
    render(
      <TelnyxAuthProvider client={browser.tab()}>
        <AuthCallback url={callbackUrl} errorFallback={(error) => <p role="alert">{error.code}</p>} />
      </TelnyxAuthProvider>,
    );
    expect((await screen.findByRole('alert')).textContent).toBe('unknown_state');
    expect(server.counters.get('token')).toBe(1);
  });
});
