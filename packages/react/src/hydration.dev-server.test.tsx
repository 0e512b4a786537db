import { act } from '@testing-library/react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TelnyxAuthProvider } from './provider.js';
import { RequireAuth } from './require-auth.js';
import { SignInWithTelnyx } from './sign-in-with-telnyx.js';
import { browserPerTest, createTestServer, signIn } from './test-utils/dev-server-harness.js';
import { useAuth } from './use-auth.js';
import { useIsAuthenticated } from './use-is-authenticated.js';
import { useAccessToken } from './use-access-token.js';

const server = createTestServer();
const browser = browserPerTest(server);

function Page() {
  const { status } = useAuth();
  const signedIn = useIsAuthenticated();
  const { token } = useAccessToken();
  return (
    <main>
      <p>{`status=${status} signedIn=${signedIn} token=${token === null ? 'none' : 'yes'}`}</p>
      {signedIn ? null : <SignInWithTelnyx />}
      <RequireAuth fallback={<p>checking</p>}>
        <p>private</p>
      </RequireAuth>
    </main>
  );
}

describe('hydration', () => {
  it('hydrates server HTML without a mismatch, then shows the stored session', async () => {
    const tab = browser.tab();
    await signIn(server, tab);
    const page = browser.tab(); // the page load being hydrated: a new client over the stored session
    const html = renderToString(
      <TelnyxAuthProvider client={page}>
        <Page />
      </TelnyxAuthProvider>,
    );
    expect(html).toContain('status=loading signedIn=false token=none');

    const container = document.createElement('div');
    container.innerHTML = html;
    document.body.append(container);
    const recoverable: unknown[] = [];
    const root = await act(async () =>
      hydrateRoot(
        container,
        <TelnyxAuthProvider client={page}>
          <Page />
        </TelnyxAuthProvider>,
        { onRecoverableError: (error) => recoverable.push(error) },
      ),
    );
    await act(() => page.ready());
    await act(async () => {});
    expect(recoverable).toEqual([]);
    expect(container.textContent).toContain('status=authenticated signedIn=true token=yes');
    expect(container.textContent).toContain('private');
    act(() => root.unmount());
    container.remove();
  });
});
