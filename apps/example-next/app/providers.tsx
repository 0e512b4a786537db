'use client';
import type { ReactNode } from 'react';
import { TelnyxAuthProvider } from '@telnyx-oauth/react';

export function Providers({ children }: { children: ReactNode }) {
  return (
    <TelnyxAuthProvider
      issuer={process.env.NEXT_PUBLIC_TELNYX_ISSUER}
      clientId={process.env.NEXT_PUBLIC_TELNYX_CLIENT_ID!}
      redirectUri={process.env.NEXT_PUBLIC_TELNYX_REDIRECT_URI!}
      scope={process.env.NEXT_PUBLIC_TELNYX_SCOPE}
    >
      {children}
    </TelnyxAuthProvider>
  );
}
