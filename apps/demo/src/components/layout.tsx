/** The frame around every screen: brand, navigation (when signed in), account area, footer. */
import type { ReactNode } from 'react';
import { useAuth } from '@telnyx-oauth/react';
import { config } from '../auth.js';
import { Link, useLocation } from '../lib/router.js';
import { SignOutButton } from './sign-out-button.js';

const NAV = [
  { to: '/', label: 'Session' },
  { to: '/connected-apps', label: 'Connected apps' },
  { to: '/clients', label: 'OAuth clients' },
] as const;

function isCurrent(to: string, pathname: string): boolean {
  return to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
}

export function Layout({ children }: { children: ReactNode }) {
  const { isAuthenticated, status } = useAuth();
  const { pathname } = useLocation();

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="header">
        <div className="header__inner">
          <Link to="/" className="brand">
            <span className="brand__mark" aria-hidden="true">
              T
            </span>
            Telnyx OAuth Demo
          </Link>
          {isAuthenticated ? (
            <nav className="nav" aria-label="Main">
              {NAV.map((item) => (
                <Link
                  key={item.to}
                  to={item.to}
                  aria-current={isCurrent(item.to, pathname) ? 'page' : undefined}
                >
                  {item.label}
                </Link>
              ))}
            </nav>
          ) : null}
          <div className="account">
            {status === 'refreshing' ? (
              <span className="badge">Renewing…</span>
            ) : isAuthenticated ? (
              <span className="badge badge--ok">Connected</span>
            ) : null}
            {isAuthenticated ? <SignOutButton /> : null}
          </div>
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="footer">
        {config.devServerUrl ? (
          <>
            Signing in against the local dev server at <code>{config.devServerUrl}</code>.{' '}
          </>
        ) : (
          <>
            Signing in against <code>{config.issuer}</code>.{' '}
          </>
        )}
        Built with <code>@telnyx-oauth/react</code>.
      </footer>
    </div>
  );
}
