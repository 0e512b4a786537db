import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { AuthCallback } from './auth-callback.js';
import { TelnyxAuthProvider } from './provider.js';
import { RequireAuth } from './require-auth.js';
import { browserPerTest, consent, createTestServer, signIn } from './test-utils/dev-server-harness.js';

const server = createTestServer();
const browser = browserPerTest(server);
beforeEach(() => {
  window.history.replaceState(null, '', '/reports/42?range=7d#chart');
});

const page0ClientId = 'telnyx-oauth-demo';
const errorFallback = (error: { code: string }) => <p role="alert">{`sign-in failed: ${error.code}`}</p>;

describe('RequireAuth against the dev server', () => {
  it('redirects once to the authorization endpoint with returnTo = the current path, then lets the user in', async () => {
    const tab = browser.tab();
    tab.window.location.href = 'http://localhost:5173/reports/42?range=7d#chart'; // where the guard is
    const first = render(
      <StrictMode>
        <TelnyxAuthProvider client={tab}>
          <RequireAuth fallback={<p>Redirecting…</p>}>
            <p>report</p>
          </RequireAuth>
          <RequireAuth fallback={<p>Redirecting too…</p>}>
            <p>sidebar</p>
          </RequireAuth>
        </TelnyxAuthProvider>
      </StrictMode>,
    );
    expect(screen.getByText('Redirecting…')).toBeTruthy();
    await waitFor(() => expect(tab.window.assigned).toHaveLength(1));
    const authorize = new URL(tab.window.assigned[0] ?? '');
    expect(authorize.origin).toBe(server.issuer);
    expect(authorize.searchParams.get('client_id')).toBe(page0ClientId);
    await act(async () => {});
    expect(tab.window.assigned).toHaveLength(1);

    // Telnyx sends the user back; the callback page of a new page load completes the sign-in.
    first.unmount();
    const callbackUrl = await consent(server, tab);
    const returned: string[] = [];
    const page = browser.tab();
    const view = render(
      <TelnyxAuthProvider client={page}>
        <AuthCallback url={callbackUrl} onSuccess={(returnTo) => returned.push(returnTo)} />
      </TelnyxAuthProvider>,
    );
    await waitFor(() => expect(returned).toEqual(['/reports/42?range=7d#chart']));
    view.rerender(
      <TelnyxAuthProvider client={page}>
        <RequireAuth fallback={<p>Redirecting…</p>}>
          <p>report</p>
        </RequireAuth>
      </TelnyxAuthProvider>,
    );
    expect(screen.getByText('report')).toBeTruthy();
    expect(page.window.assigned).toEqual([]);
  });

  it('shows the error after a failed sign-in instead of redirecting again', async () => {
    const tab = browser.tab();
    render(
      <TelnyxAuthProvider client={tab}>
        <RequireAuth errorFallback={errorFallback}>
          <p>report</p>
        </RequireAuth>
      </TelnyxAuthProvider>,
    );
    await waitFor(() => expect(tab.window.assigned).toHaveLength(1));
    const deniedUrl = await consent(server, tab, false);
    cleanup();

    // A new page load at the callback URL whose app renders both the callback route and a guard.
    const page = browser.tab();
    render(
      <StrictMode>
        <TelnyxAuthProvider client={page}>
          <AuthCallback url={deniedUrl} errorFallback={() => null} />
          <RequireAuth errorFallback={errorFallback}>
            <p>report</p>
          </RequireAuth>
        </TelnyxAuthProvider>
      </StrictMode>,
    );
    expect((await screen.findByRole('alert')).textContent).toBe('sign-in failed: authorization_denied');
    await act(async () => {});
    expect(page.window.assigned).toEqual([]);
    expect(screen.queryByText('report')).toBeNull();
  });

  it('shows the error when the authorization server cannot be discovered, and does not retry by itself', async () => {
    server.faults.inject({ endpoint: 'authorization_server_metadata', status: 500, count: 100 });
    const tab = browser.tab();
    render(
      <StrictMode>
        <TelnyxAuthProvider client={tab}>
          <RequireAuth errorFallback={errorFallback}>
            <p>report</p>
          </RequireAuth>
        </TelnyxAuthProvider>
      </StrictMode>,
    );
    expect((await screen.findByRole('alert')).textContent).toBe('sign-in failed: discovery_failed');
    const discoveries = server.counters.get('authorization_server_metadata');
    await act(async () => {});
    expect(server.counters.get('authorization_server_metadata')).toBe(discoveries);
    expect(tab.window.assigned).toEqual([]);
  });

  it('after a logout, here or in another tab, shows the signed-out state instead of signing straight back in', async () => {
    const [here, there] = [browser.tab(), browser.tab()];
    await signIn(server, here);
    const guarded = (tab: typeof here, name: string) => (
      <TelnyxAuthProvider client={tab}>
        <RequireAuth
          fallback={<p>{`${name}: wait`}</p>}
          signedOutFallback={(again) => (
            <button type="button" onClick={again}>{`${name}: signed out`}</button>
          )}
        >
          <p>{`${name}: report`}</p>
        </RequireAuth>
      </TelnyxAuthProvider>
    );
    render(
      <>
        {guarded(here, 'here')}
        {guarded(there, 'there')}
      </>,
    );
    await screen.findByText('here: report');
    await screen.findByText('there: report');
    const redirects = [here.window.assigned.length, there.window.assigned.length];

    await act(() => here.logout());
    await screen.findByRole('button', { name: 'here: signed out' });
    await screen.findByRole('button', { name: 'there: signed out' }); // the other tab heard it
    await act(async () => {});
    // A remembered grant would have signed the user straight back in: no guard started a sign-in.
    expect([here.window.assigned.length, there.window.assigned.length]).toEqual(redirects);

    fireEvent.click(screen.getByRole('button', { name: 'there: signed out' }));
    await waitFor(() => expect(there.window.assigned).toHaveLength(redirects[1]! + 1));
  });

  it('renders a default signed-out state with a sign-in button', async () => {
    const tab = browser.tab();
    await signIn(server, tab);
    render(
      <TelnyxAuthProvider client={tab}>
        <RequireAuth>
          <p>report</p>
        </RequireAuth>
      </TelnyxAuthProvider>,
    );
    await screen.findByText('report');
    await act(() => tab.logout());
    expect(screen.getByRole('status').textContent).toContain('You are signed out.');
    const before = tab.window.assigned.length;
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Telnyx' }));
    await waitFor(() => expect(tab.window.assigned).toHaveLength(before + 1));
  });
});
