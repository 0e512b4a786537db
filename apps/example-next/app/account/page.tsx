'use client';
import Link from 'next/link';
import { RequireAuth, useAuth } from '@telnyx-oauth/react';

function Account() {
  const { scope } = useAuth();
  return (
    <main>
      <h1>Signed in</h1>
      <p>Granted scope: {scope.join(' ')}</p>
      <Link href="/">Home</Link>
    </main>
  );
}

export default function AccountPage() {
  return (
    <RequireAuth fallback={<p>Loading…</p>}>
      <Account />
    </RequireAuth>
  );
}
