import { defineConfig, loadEnv, type PluginOption } from 'vite';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicy } from './vite/content-security-policy.js';
import { devServerSettings, telnyxDevServer } from './vite/dev-server-plugin.js';
import { demoTokenHandler, planTokenHandler, tokenHandlerBanner } from './vite/token-handler.js';

export default defineConfig(async ({ command, mode }) => {
  // VITE_* reach the browser bundle; TELNYX_* stay in this process (the dev server's flags, the handler's
  // secret and keys). loadEnv reads the process environment first, then .env, .env.local, .env.[mode].
  const env = loadEnv(mode, import.meta.dirname, ['VITE_', 'TELNYX_']);
  const embedded = env.VITE_TELNYX_ISSUER ? null : await devServerSettings(env.TELNYX_DEV_SERVER_ARGS);
  const issuer = env.VITE_TELNYX_ISSUER || embedded?.url || 'https://api.telnyx.com';
  // The token handler runs on the dev and preview servers only; a build just bakes its path into the app.
  const handler = command === 'serve' ? planTokenHandler(env, embedded) : null;
  const plugins: PluginOption[] = [
    react(),
    telnyxDevServer({
      settings: embedded,
      extraRedirectUris: env.VITE_TELNYX_REDIRECT_URI ? [env.VITE_TELNYX_REDIRECT_URI] : [],
      bannerLines: handler ? tokenHandlerBanner(handler) : [],
    }),
  ];
  if (handler) plugins.push(demoTokenHandler(handler, embedded === null));
  return {
    plugins,
    // The seeded demo clients register exactly these origins' /callback as redirect URIs (another port
    // registers its own with the embedded dev server: see vite/dev-server-plugin.ts).
    server: { host: '127.0.0.1', port: 5173, strictPort: true },
    preview: {
      host: '127.0.0.1',
      port: 4173,
      strictPort: true,
      // Dev mode needs inline scripts (React Refresh); the production build runs under a strict CSP.
      headers: {
        'Content-Security-Policy': contentSecurityPolicy(issuer, env.VITE_TELNYX_TOKEN_HANDLER),
      },
    },
    build: { sourcemap: true },
  };
});
