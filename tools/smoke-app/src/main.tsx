// The React README's quick start, compiled against the packed packages as a new user installs them.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { TelnyxAuthProvider } from '@telnyx-oauth/react';
import { App } from './app.js';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <TelnyxAuthProvider
      clientId="your-client-id"
      redirectUri={`${location.origin}/callback`}
      scope={['account_management.read']}
    >
      <App />
    </TelnyxAuthProvider>
  </StrictMode>,
);
