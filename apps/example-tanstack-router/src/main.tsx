import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from '@tanstack/react-router';
import { TelnyxAuthProvider } from '@telnyx-oauth/react';
import { router } from './router';

// The provider goes outside <RouterProvider>, so every route can use the session.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <TelnyxAuthProvider
      issuer={import.meta.env.VITE_TELNYX_ISSUER}
      clientId={import.meta.env.VITE_TELNYX_CLIENT_ID}
      redirectUri={`${location.origin}/callback`}
      scope={import.meta.env.VITE_TELNYX_SCOPE}
    >
      <RouterProvider router={router} />
    </TelnyxAuthProvider>
  </StrictMode>,
);
