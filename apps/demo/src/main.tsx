import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { TelnyxAuthProvider } from '@telnyx-oauth/react';
import { auth } from './auth.js';
import { App } from './app.js';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// StrictMode on purpose: the callback must survive React running effects twice (peer-pitfalls.md).
createRoot(root).render(
  <StrictMode>
    <TelnyxAuthProvider client={auth}>
      <App />
    </TelnyxAuthProvider>
  </StrictMode>,
);
