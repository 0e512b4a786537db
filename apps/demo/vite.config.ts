import { defineConfig, loadEnv } from 'vite';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicy } from './vite/content-security-policy.js';
import { DEV_SERVER_URL, telnyxDevServer } from './vite/dev-server-plugin.js';

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, import.meta.dirname, 'VITE_');
  return {
    plugins: [react(), telnyxDevServer(!env.VITE_TELNYX_ISSUER)],
    // The seeded demo client registers exactly these origins' /callback as redirect URIs.
    server: { host: '127.0.0.1', port: 5173, strictPort: true },
    preview: {
      host: '127.0.0.1',
      port: 4173,
      strictPort: true,
      // Dev mode needs inline scripts (React Refresh); the production build runs under a strict CSP.
      headers: { 'Content-Security-Policy': contentSecurityPolicy(env.VITE_TELNYX_ISSUER || DEV_SERVER_URL) },
    },
    build: { sourcemap: true },
  };
});
