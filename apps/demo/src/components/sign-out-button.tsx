import { useState } from 'react';
import { useAuth } from '@telnyx-oauth/react';
import { navigate } from '../lib/router.js';
import { Spinner } from './feedback.js';

/** Signs out (revoking the refresh token where the server supports it); other tabs follow. */
export function SignOutButton() {
  const { logout } = useAuth();
  const [pending, setPending] = useState(false);

  async function signOut() {
    setPending(true);
    try {
      await logout();
    } finally {
      setPending(false);
      navigate('/', { replace: true });
    }
  }

  return (
    <button type="button" className="button button--small" onClick={signOut} disabled={pending}>
      {pending ? <Spinner /> : null}
      Sign out
    </button>
  );
}
