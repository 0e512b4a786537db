'use client';
import Link from 'next/link';
import { SignInWithTelnyx, useAuth } from '@telnyx-oauth/react';

export default function Home() {
  const { isAuthenticated, logout } = useAuth();
  return (
    <main>
      <h1>Home</h1>
      {isAuthenticated ? (
        <>
          <Link href="/account">Your account</Link>
          {/* Sign out where no <RequireAuth> is mounted: a guard whose session ends starts a new sign-in. */}
          <button onClick={() => logout()}>Sign out</button>
        </>
      ) : (
        <SignInWithTelnyx returnTo="/account" />
      )}
    </main>
  );
}
