/**
 * Stand-ins for the reader's own components, for the README code blocks that `pnpm check:readme` typechecks:
 * a block imports them from './components' as an app imports its own. Nothing else is declared for blocks.
 */
import type { ReactNode } from 'react';
import type { TelnyxAuthError } from '@telnyx-oauth/react';

export function Spinner(): ReactNode {
  return <p>Loading…</p>;
}

export function SignInFailed({ error, onRetry }: { error: TelnyxAuthError; onRetry: () => void }): ReactNode {
  return (
    <p role="alert">
      {error.code} <button onClick={onRetry}>Try again</button>
    </p>
  );
}

export function Settings(): ReactNode {
  return <h1>Settings</h1>;
}

export function SettingsPage(): ReactNode {
  return <Settings />;
}

export function Header(): ReactNode {
  return <header />;
}

export function App(): ReactNode {
  return <main />;
}
