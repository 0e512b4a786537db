import { act, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import type { AuthEvent, TelnyxAuth } from '@telnyx-oauth/core';
import { useTelnyxAuthClient } from './context.js';
import { TelnyxAuthProvider } from './provider.js';
import { browserPerTest, createTestServer, signIn } from './test-utils/dev-server-harness.js';
import { useAuth } from './use-auth.js';

const server = createTestServer();
const browser = browserPerTest(server);

describe('TelnyxAuthProvider', () => {
  it('creates its client from options once, loads the session after mount and destroys it on unmount only', async () => {
    const seen = new Set<TelnyxAuth>();
    function Probe() {
      seen.add(useTelnyxAuthClient());
      return <p>{useAuth().status}</p>;
    }
    const app = () => (
      <StrictMode>
        {/* A new options object on every render, as inline JSX props are. */}
        <TelnyxAuthProvider {...browser.options()}>
          <Probe />
        </TelnyxAuthProvider>
      </StrictMode>
    );
    const view = render(app());
    await screen.findByText('unauthenticated');
    view.rerender(app());
    view.rerender(app());
    await act(async () => {});
    expect(seen.size).toBe(1);
    // StrictMode's unmount/remount of effects did not destroy the client (it would close its channel).
    expect(browser.closedChannels()).toBe(0);

    view.unmount();
    await act(async () => {});
    expect(browser.closedChannels()).toBe(1);
  });

  it('uses a client passed in and leaves its lifetime to the app', async () => {
    const tab = browser.tab();
    const view = render(
      <TelnyxAuthProvider client={tab}>
        <p>app</p>
      </TelnyxAuthProvider>,
    );
    await act(() => tab.ready());
    view.unmount();
    await act(async () => {});
    expect(browser.closedChannels()).toBe(0);
  });

  it('passes session events to onEvent, with the latest handler', async () => {
    const tab = browser.tab();
    const events: Array<[string, AuthEvent['type']]> = [];
    const app = (name: string) => (
      <TelnyxAuthProvider client={tab} onEvent={(event) => events.push([name, event.type])}>
        <p>app</p>
      </TelnyxAuthProvider>
    );
    const view = render(app('first'));
    view.rerender(app('second'));
    await act(() => signIn(server, tab));
    await act(() => tab.logout());
    expect(events).toEqual([
      ['second', 'signed_in'],
      ['second', 'signed_out'],
    ]);
  });
});
