/** `/`: the landing page when signed out, the session page when signed in. */
import { SignInWithTelnyx, useAuth, useAuthState } from '@telnyx-oauth/react';
import { config } from '../auth.js';
import { ErrorAlert, Loading, Notice } from '../components/feedback.js';
import { describeSignOut } from '../lib/activity.js';
import { SessionPage } from './session.js';

export function HomePage() {
  const { isAuthenticated, isLoading } = useAuth();
  if (isLoading) return <Loading label="Checking your session…" page />;
  if (isAuthenticated) return <SessionPage />;
  return <SignedOutHome />;
}

function SignOutNotice() {
  const reason = useAuthState((snapshot) => snapshot.signOutReason);
  const error = useAuthState((snapshot) => snapshot.error);
  if (reason === 'logout') {
    return <Notice tone="success">You are signed out. Your refresh token was revoked.</Notice>;
  }
  if (reason === 'remote_logout') {
    return <Notice tone="info">You signed out in another tab, so this tab signed out too.</Notice>;
  }
  if (reason) {
    return (
      <Notice tone="warning" title="Your session has ended">
        <p>{describeSignOut(reason)} Sign in again to continue.</p>
      </Notice>
    );
  }
  if (error) return <ErrorAlert error={error} />;
  return null;
}

function SignedOutHome() {
  return (
    <section className="hero" aria-labelledby="home-title">
      <div>
        <span className="hero__eyebrow">OAuth 2.0 · PKCE · no backend</span>
        <h1 id="home-title">Your Telnyx account, in any web app</h1>
        <p className="hero__lead">
          This sample app signs you in with Telnyx, keeps the session fresh in the background, and lets you
          manage the apps connected to your account.
        </p>
        <SignOutNotice />
        <div className="hero__actions">
          <SignInWithTelnyx unstyled className="button button--signin" />
          {/* The same sign-in in a small window, for a page with work in progress; a blocked window redirects. */}
          <SignInWithTelnyx popup redirectIfBlocked unstyled className="button">
            Sign in without leaving this page
          </SignInWithTelnyx>
          <span className="muted small">
            You will be asked to allow access to: {config.scope.join(', ')}.
          </span>
        </div>
        {config.devServerUrl ? (
          <p className="dev-hint muted">
            Using the local dev server: you are signed in there as <code>dev@example.com</code>, so you only
            need to press Allow.
          </p>
        ) : null}
      </div>
      <div className="card">
        <h2>What this demo shows</h2>
        <ul className="checklist">
          <li>Sign-in with PKCE: no client secret in the browser.</li>
          <li>Tokens kept out of URLs, localStorage and sessionStorage.</li>
          <li>Silent renewal before the access token expires, once for all your tabs.</li>
          <li>Sign out in one tab and every tab follows.</li>
          <li>Your connected apps and OAuth clients, through the typed API client.</li>
        </ul>
      </div>
    </section>
  );
}
