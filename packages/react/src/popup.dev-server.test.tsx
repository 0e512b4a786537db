/**
 * Popup sign-in and incremental scopes with React, under StrictMode, against the in-process dev server: the
 * opener's button (`useAuth().login({ popup: true, scope })`, `<SignInWithTelnyx popup>`) opens the window
 * inside the click, the window's page (`<AuthCallback>` with its own client on the same storage, locks and
 * channels) completes once, reports and closes without rendering the app, and the opener carries on. Every
 * failure leaves the session as it was.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { StrictMode, useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import type { TelnyxAuthError } from '@telnyx-oauth/core';
import { popupSupport } from '@telnyx-oauth/core/popup';
import { fakeHost, type FakeHost, type FakePopup } from '../../core/src/test-utils/fake-popup.js';
import { AuthCallback } from './auth-callback.js';
import { TelnyxAuthProvider } from './provider.js';
import { SignInWithTelnyx } from './sign-in-with-telnyx.js';
import { browserPerTest, createTestServer, signIn, type Tab } from './test-utils/dev-server-harness.js';
import { useAuth } from './use-auth.js';
import { useHasScope } from './use-has-scope.js';
import { useTelnyxAPI } from './use-telnyx-api.js';

const server = createTestServer();
const browser = browserPerTest(server);
const READ = 'account_management.read';
const WRITE = 'account_management.write';

let windowClose: MockInstance<() => void>;
beforeEach(() => {
  windowClose = vi.spyOn(window, 'close').mockImplementation(() => undefined);
});
afterEach(() => windowClose.mockRestore());

/** The opener tab, with popup support on a fake host. */
function openerTab(timeout?: number): Tab & { host: FakeHost } {
  const host = fakeHost();
  const popup = popupSupport({ host, pollInterval: 5, ...(timeout === undefined ? {} : { timeout }) });
  return Object.assign(browser.tab({ popup }), { host });
}

/**
 * The popup window's page: the user decides on the consent page, the window lands on the redirect URI and
 * the app there renders `<AuthCallback>` (StrictMode, its own client on this browser's storage).
 */
async function popupPage(popup: FakePopup, allowed = true): Promise<Tab> {
  const callbackUrl = await server.completeAuthorization(await popup.navigated, { allowed });
  const page = browser.tab();
  page.window.location.href = callbackUrl;
  const successes: string[] = [];
  render(
    <StrictMode>
      <TelnyxAuthProvider client={page}>
        <AuthCallback fallback={<p>Finishing…</p>} onSuccess={(returnTo) => successes.push(returnTo)} />
      </TelnyxAuthProvider>
    </StrictMode>,
  );
  await screen.findByText('You can close this window.');
  expect(windowClose).toHaveBeenCalledTimes(1);
  expect(successes).toEqual([]); // never navigates into the app inside the window
  return page;
}

/** The opener's page: the granted scopes, and a button asking for write with a popup. */
function Editor({ onError }: { onError: (error: TelnyxAuthError) => void }) {
  const { status, login } = useAuth();
  const canWrite = useHasScope(WRITE);
  const [saved, setSaved] = useState(false);
  const save = () => {
    if (canWrite) return setSaved(true);
    login({ popup: true, scope: WRITE }).then(() => setSaved(true), onError);
  };
  return (
    <>
      <p>{`${status} ${canWrite ? 'can write' : 'read only'}${saved ? ' saved' : ''}`}</p>
      <button type="button" onClick={save}>
        Save
      </button>
    </>
  );
}

function renderOpener(tab: Tab) {
  const errors: TelnyxAuthError[] = [];
  render(
    <StrictMode>
      <TelnyxAuthProvider client={tab}>
        <Editor onError={(error) => errors.push(error)} />
      </TelnyxAuthProvider>
    </StrictMode>,
  );
  return errors;
}

describe('asking for a scope with a popup, under StrictMode', () => {
  it('opens the window in the click, gets the scope, carries on; every tab has it after one token request', async () => {
    const tab = openerTab();
    await signIn(server, tab);
    const other = browser.tab();
    await other.ready();
    server.counters.reset();
    renderOpener(tab);
    await screen.findByText('authenticated read only');

    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(tab.host.windows).toHaveLength(1); // synchronously, inside the click
    const popup = tab.host.windows[0]!;
    expect(new URL(await popup.navigated).searchParams.get('scope')).toBe(`${WRITE} ${READ}`);
    await popupPage(popup);

    await screen.findByText('authenticated can write saved');
    await waitFor(() => expect(other.hasScope([READ, WRITE])).toBe(true));
    expect(server.counters.get('token')).toBe(1);
  });

  it('keeps the session as it was when the user closes the window', async () => {
    const tab = openerTab();
    await signIn(server, tab);
    const errors = renderOpener(tab);
    await screen.findByText('authenticated read only');
    const before = tab.getSnapshot();

    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const popup = tab.host.windows[0]!;
    await popup.navigated;
    popup.closed = true;
    await waitFor(() => expect(errors.map((error) => error.code)).toEqual(['popup_closed']));
    expect(tab.getSnapshot()).toMatchObject({
      status: before.status,
      scope: before.scope,
      expiresAt: before.expiresAt,
      error: null,
      pending: null,
    });
    expect(screen.getByText('authenticated read only')).toBeTruthy();
  });

  it('keeps the session as it was when the user chooses Deny in the window, which closes itself', async () => {
    const tab = openerTab();
    await signIn(server, tab);
    const errors = renderOpener(tab);
    await screen.findByText('authenticated read only');
    server.counters.reset();

    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const page = await popupPage(tab.host.windows[0]!, false);
    await waitFor(() => expect(errors.map((error) => error.code)).toEqual(['authorization_denied']));
    expect(page.getSnapshot().error).toBeNull(); // the window shows no error: its opener does
    expect(tab.getSnapshot()).toMatchObject({ status: 'authenticated', scope: [READ], error: null });
    expect(server.counters.get('token')).toBe(0);
  });

  it('times out with popup_timeout and keeps the session', async () => {
    const tab = openerTab(30);
    await signIn(server, tab);
    const errors = renderOpener(tab);
    await screen.findByText('authenticated read only');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(errors.map((error) => error.code)).toEqual(['popup_timeout']));
    expect(tab.getSnapshot()).toMatchObject({ status: 'authenticated', scope: [READ] });
  });

  it('focuses the open window on a second click and rejects it with popup_in_progress', async () => {
    const tab = openerTab();
    await signIn(server, tab);
    const errors = renderOpener(tab);
    await screen.findByText('authenticated read only');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(errors.map((error) => error.code)).toEqual(['popup_in_progress']));
    expect(tab.host.windows).toHaveLength(1);
    expect(tab.host.windows[0]!.focusCalls).toBe(1);
    await popupPage(tab.host.windows[0]!);
    await screen.findByText('authenticated can write saved');
  });
});

describe('<SignInWithTelnyx popup>, under StrictMode', () => {
  function renderButton(tab: Tab, props: { redirectIfBlocked?: boolean } = {}) {
    const errors: string[] = [];
    render(
      <StrictMode>
        <TelnyxAuthProvider client={tab}>
          <SignInWithTelnyx popup onError={(error) => errors.push(error.code)} {...props} />
        </TelnyxAuthProvider>
      </StrictMode>,
    );
    return errors;
  }

  it('signs in through the window; the button is busy while it is open', async () => {
    const tab = openerTab();
    renderButton(tab);
    await act(() => tab.ready());
    const button = screen.getByRole('button', { name: 'Sign in with Telnyx' });
    fireEvent.click(button);
    await waitFor(() => expect(button.getAttribute('aria-busy')).toBe('true'));
    expect((button as HTMLButtonElement).disabled).toBe(true);
    await popupPage(tab.host.windows[0]!);
    await waitFor(() => expect(tab.getSnapshot().status).toBe('authenticated'));
    await waitFor(() => expect(button.getAttribute('aria-busy')).toBe('false'));
  });

  it('reports popup_blocked when the browser blocks the window', async () => {
    const tab = openerTab();
    tab.host.blocked = true;
    const errors = renderButton(tab);
    await act(() => tab.ready());
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Telnyx' }));
    await waitFor(() => expect(errors).toEqual(['popup_blocked']));
    expect(tab.window.assigned).toEqual([]);
  });

  it('falls back to a redirect when the window is blocked and redirectIfBlocked is set', async () => {
    const tab = openerTab();
    tab.host.blocked = true;
    const errors = renderButton(tab, { redirectIfBlocked: true });
    await act(() => tab.ready());
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Telnyx' }));
    await waitFor(() => expect(tab.window.assigned).toHaveLength(1));
    expect(errors).toEqual([]);
    expect(tab.getSnapshot().pending).toBe('redirecting');
  });
});

/** The API client calls the in-process dev server (a stable object: useTelnyxAPI keys its client on it). */
const API_OPTIONS = { fetch: server.fetch };

describe('useTelnyxAPI and a missing scope', () => {
  it('turns Telnyx’s 401 insufficient_scope into InsufficientScopeError naming the scope, with no refresh', async () => {
    const tab = browser.tab();
    await signIn(server, tab); // account_management.read only
    server.counters.reset();
    const outcomes: string[] = [];
    function Remove() {
      const api = useTelnyxAPI(API_OPTIONS);
      const remove = () =>
        api.oauthClients.delete('any-client').then(
          () => outcomes.push('deleted'),
          (error: { name: string; code: string; scopes?: readonly string[] }) =>
            outcomes.push(`${error.name} ${error.code} ${error.scopes?.join(' ')}`),
        );
      return (
        <button type="button" onClick={() => void remove()}>
          Delete
        </button>
      );
    }
    render(
      <StrictMode>
        <TelnyxAuthProvider client={tab}>
          <Remove />
        </TelnyxAuthProvider>
      </StrictMode>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(outcomes).toEqual([`InsufficientScopeError insufficient_scope ${WRITE}`]));
    expect(server.counters.get('token')).toBe(0); // never taken for an expired token
    expect(tab.getSnapshot()).toMatchObject({ status: 'authenticated', error: null });
  });
});
