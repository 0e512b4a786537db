import { describe, expect, it } from 'vitest';
import { createAuthFetch, TelnyxAuthError, type AuthEvent } from '@telnyx-oauth/core';
import { createMockTelnyxAuth } from './mock-auth.js';
import { mockAuthState } from './mock-auth-state.js';

describe('createMockTelnyxAuth', () => {
  it('records every call with its arguments, in order', async () => {
    const mock = createMockTelnyxAuth(mockAuthState.authenticated({ accessToken: 'tok' }));
    await mock.loginWithRedirect({ returnTo: '/a', scope: ['x'] });
    await expect(mock.getAccessToken({ forceRefresh: true })).resolves.toBe('tok');
    await mock.logout({ revoke: false });
    expect(mock.calls.loginWithRedirect).toEqual([{ returnTo: '/a', scope: ['x'] }]);
    expect(mock.calls.getAccessToken).toEqual([{ forceRefresh: true }]);
    expect(mock.calls.logout).toEqual([{ revoke: false }]);
  });

  it('signs out on logout and then rejects getAccessToken with login_required', async () => {
    const mock = createMockTelnyxAuth(mockAuthState.authenticated());
    await mock.logout();
    expect(mock.getSnapshot()).toMatchObject({ status: 'unauthenticated', signOutReason: 'logout' });
    await expect(mock.getAccessToken()).rejects.toMatchObject({ code: 'login_required' });
  });

  it('notifies subscribers only when the snapshot changed and keeps its identity otherwise', () => {
    const mock = createMockTelnyxAuth(mockAuthState.unauthenticated());
    let notified = 0;
    mock.subscribe(() => (notified += 1));
    const before = mock.getSnapshot();
    mock.setState(mockAuthState.unauthenticated());
    expect(notified).toBe(0);
    expect(mock.getSnapshot()).toBe(before);
    mock.setState(mockAuthState.authenticated());
    expect(notified).toBe(1);
    expect(mock.getSnapshot()).not.toBe(before);
  });

  it('emits the event a real session would for each state change', () => {
    const mock = createMockTelnyxAuth(mockAuthState.unauthenticated());
    const events: AuthEvent[] = [];
    mock.on((event) => events.push(event));
    mock.setState(mockAuthState.authenticated({ expiresAt: 1_000 }));
    mock.setState(mockAuthState.authenticated({ expiresAt: 2_000 }));
    mock.setState(mockAuthState.unauthenticated('remote_logout'));
    expect(events).toEqual([
      { type: 'signed_in' },
      { type: 'refreshed', expiresAt: 2_000 },
      { type: 'signed_out', reason: 'remote_logout' },
    ]);
  });

  it('completes a callback by signing in, or fails it with the configured error', async () => {
    const ok = createMockTelnyxAuth(mockAuthState.unauthenticated(), {
      callback: { returnTo: '/after', appState: { tab: 2 } },
    });
    await expect(ok.handleRedirectCallback('http://localhost/cb?code=c&state=s')).resolves.toEqual({
      returnTo: '/after',
      appState: { tab: 2 },
    });
    expect(ok.getSnapshot().isAuthenticated).toBe(true);

    const denied = new TelnyxAuthError('authorization_denied', 'denied');
    const failing = createMockTelnyxAuth(mockAuthState.unauthenticated(), { callback: denied });
    await expect(
      failing.handleRedirectCallback('http://localhost/cb?error=access_denied&state=s'),
    ).rejects.toBe(denied);
    expect(failing.getSnapshot().error).toBe(denied);
  });

  it('works with createAuthFetch: its token on the request, which goes to the fetch given', async () => {
    const seen: Headers[] = [];
    const mock = createMockTelnyxAuth(mockAuthState.authenticated({ accessToken: 'abc' }));
    const authFetch = createAuthFetch(mock, {
      fetch: async (input) => {
        seen.push(new Request(input).headers);
        return new Response('{}', { status: 200 });
      },
    });
    const response = await authFetch('https://api.telnyx.com/v2/x', {
      headers: { Accept: 'application/json' },
    });
    expect(response.status).toBe(200);
    expect(seen[0]?.get('authorization')).toBe('Bearer abc');
    expect(seen[0]?.get('accept')).toBe('application/json');
    expect(mock.calls.getAccessToken).toHaveLength(1);
  });

  it('resolves ready() once the state leaves loading', async () => {
    const mock = createMockTelnyxAuth(mockAuthState.loading());
    const ready = mock.ready();
    mock.setState(mockAuthState.authenticated());
    await expect(ready).resolves.toMatchObject({ status: 'authenticated' });
  });

  it('keeps the session on a recoverable error preset and drops it on a sign-in failure preset', () => {
    expect(mockAuthState.error('refresh_failed')).toMatchObject({ status: 'error', isAuthenticated: true });
    expect(mockAuthState.error('authorization_denied')).toMatchObject({
      status: 'unauthenticated',
      isAuthenticated: false,
      error: { code: 'authorization_denied' },
    });
  });

  it('answers getServerMetadata with a document under its issuer, or the configured one or error', async () => {
    const plain = createMockTelnyxAuth(undefined, { issuer: 'https://auth.example' });
    const document = await plain.getServerMetadata();
    expect(document).toMatchObject({
      issuer: 'https://auth.example',
      token_endpoint: 'https://auth.example/oauth/token',
    });
    expect(Object.isFrozen(document)).toBe(true);
    const custom = createMockTelnyxAuth(undefined, {
      metadata: { introspection_endpoint: 'https://x/introspect' },
    });
    await expect(custom.getServerMetadata()).resolves.toMatchObject({
      introspection_endpoint: 'https://x/introspect',
    });
    const failing = createMockTelnyxAuth(undefined, {
      metadata: new TelnyxAuthError('discovery_failed', 'down'),
    });
    await expect(failing.getServerMetadata()).rejects.toMatchObject({ code: 'discovery_failed' });
  });

  it('signs in with a popup, adding the scopes asked for to those held, and says what it holds', async () => {
    const mock = createMockTelnyxAuth(mockAuthState.authenticated({ scope: ['account_management.read'] }));
    expect(mock.hasScope('account_management.write')).toBe(false);
    await expect(mock.getAccessToken({ scope: 'account_management.write' })).rejects.toMatchObject({
      code: 'insufficient_scope',
      scopes: ['account_management.write'],
    });
    const login = mock.loginWithPopup({ scope: 'account_management.write' });
    expect(mock.getSnapshot().pending).toBe('popup');
    await login;
    expect(mock.calls.loginWithPopup).toEqual([{ scope: 'account_management.write' }]);
    expect(mock.getSnapshot()).toMatchObject({
      pending: null,
      scope: ['account_management.write', 'account_management.read'],
    });
    expect(mock.hasScope('account_management.read account_management.write')).toBe(true);
    await expect(mock.getAccessToken({ scope: ['account_management.write'] })).resolves.toBeTruthy();
  });

  it('fails a popup sign-in with popupError, keeping the session as it was', async () => {
    const mock = createMockTelnyxAuth(mockAuthState.authenticated({ scope: ['a'] }), {
      popupError: new TelnyxAuthError('popup_closed', 'closed'),
    });
    const before = mock.getSnapshot();
    await expect(mock.loginWithPopup({ scope: 'b' })).rejects.toMatchObject({ code: 'popup_closed' });
    expect(mock.getSnapshot()).toMatchObject({ status: 'authenticated', scope: before.scope, pending: null });
  });
});
