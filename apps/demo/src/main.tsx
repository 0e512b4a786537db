import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { TelnyxAuthProvider } from '@telnyx-oauth/react';
import { auth } from './auth.js';
import { App } from './app.js';
// The sign-in button's hover and focus states as a stylesheet file: the demo's CSP (style-src 'self') allows
// no inline <style>. Before the demo's own styles, which theme it (--telnyx-signin-focus-ring).
import '@telnyx-oauth/react/sign-in-with-telnyx.css';
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
