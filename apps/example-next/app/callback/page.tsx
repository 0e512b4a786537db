'use client';
import { useRouter } from 'next/navigation';
import { AuthCallback } from '@telnyx-oauth/react';

export default function Callback() {
  const router = useRouter();
  return (
    <AuthCallback onSuccess={(returnTo) => router.replace(returnTo)} fallback={<p>Signing you in…</p>} />
  );
}
