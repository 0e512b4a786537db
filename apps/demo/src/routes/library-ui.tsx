/**
 * `/library-ui`: what @telnyx-oauth/react renders when an app does not customise it. The rest of the demo
 * gives <AuthCallback> and <RequireAuth> its own `errorFallback` and styles the button itself; this page
 * shows the library's defaults side by side, so they can be seen (and checked for accessibility) in the
 * demo's look and in both colour schemes:
 * - the default, self-styled <SignInWithTelnyx /> button;
 * - <AuthCallback> without `errorFallback`, given a callback URL whose `state` this browser never issued
 *   (a forged link: the library refuses it with `unknown_state` and sends no token request);
 * - <RequireAuth> without `errorFallback`: after that failed sign-in it shows the failure instead of
 *   redirecting to Telnyx again (when signed in, it shows its children instead).
 */
import { AuthCallback, RequireAuth, SignInWithTelnyx } from '@telnyx-oauth/react';
import { config } from '../auth.js';

/** A well-formed callback URL for this app that no sign-in of this browser started. */
function forgedCallbackUrl(): string {
  const url = new URL(config.redirectUri);
  url.searchParams.set('code', 'library-ui-example');
  url.searchParams.set('state', 'library-ui-example');
  return url.toString();
}

export function LibraryUIPage() {
  return (
    <>
      <div className="page-header">
        <div>
          <h1>The library&apos;s default UI</h1>
          <p>
            What <code>@telnyx-oauth/react</code> shows when an app passes no <code>errorFallback</code> and
            no styles of its own. The other pages of this demo customise all three.
          </p>
        </div>
      </div>
      <div className="grid">
        <section className="card" aria-labelledby="default-button">
          <h2 id="default-button">
            <code>&lt;SignInWithTelnyx /&gt;</code>
          </h2>
          <p className="muted small">The button with its built-in look. Pressing it signs you in.</p>
          <SignInWithTelnyx />
        </section>
        <section className="card" aria-labelledby="default-callback-error">
          <h2 id="default-callback-error">
            <code>&lt;AuthCallback /&gt;</code> error
          </h2>
          <p className="muted small">
            Given a sign-in link this browser never started, it refuses the link (<code>unknown_state</code>)
            and offers to try again.
          </p>
          <div data-testid="default-callback-error">
            <AuthCallback url={forgedCallbackUrl()} />
          </div>
        </section>
        <section className="card" aria-labelledby="default-guard-error">
          <h2 id="default-guard-error">
            <code>&lt;RequireAuth /&gt;</code> error
          </h2>
          <p className="muted small">
            After that failed sign-in, a guarded page shows the failure instead of sending you to Telnyx
            again.
          </p>
          <div data-testid="default-guard-error">
            <RequireAuth>
              <p>You are signed in, so the guard shows the page it protects.</p>
            </RequireAuth>
          </div>
        </section>
      </div>
    </>
  );
}
