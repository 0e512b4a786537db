import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { TelnyxAuthProvider } from '@telnyx-oauth/react';
import { App } from './app';

// <BrowserRouter> goes outside the provider, so everything under it can use the router.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter>
      <TelnyxAuthProvider
        issuer={import.meta.env.VITE_TELNYX_ISSUER}
        clientId={import.meta.env.VITE_TELNYX_CLIENT_ID}
        redirectUri={`${location.origin}/callback`}
        scope={import.meta.env.VITE_TELNYX_SCOPE}
      >
        <App />
      </TelnyxAuthProvider>
    </BrowserRouter>
  </StrictMode>,
);
