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
          {/* Sign out anywhere: a mounted <RequireAuth> then offers to sign in again, never silently. */}
          <button onClick={() => logout()}>Sign out</button>
        </>
      ) : (
        <SignInWithTelnyx returnTo="/account" />
      )}
    </main>
  );
}
