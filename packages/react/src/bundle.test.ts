// @vitest-environment node
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const srcDir = fileURLToPath(new URL('.', import.meta.url));

/** Bundles an app entry the way a production build would (minified, React external) and returns the code. */
async function bundle(entry: string, define: Record<string, string> = {}): Promise<string> {
  const result = await build({
    define,
    stdin: { contents: entry, loader: 'tsx', resolveDir: srcDir },
    bundle: true,
    write: false,
    format: 'esm',
    minify: true,
    jsx: 'automatic',
    external: ['react', 'react-dom'],
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

describe('bundling', () => {
  it('leaves the Telnyx API client out of apps that do not call useTelnyxAPI', async () => {
    const signInOnly = await bundle(`
      import { TelnyxAuthProvider, useAuth, RequireAuth, AuthCallback, SignInWithTelnyx } from './index.js';
      export { TelnyxAuthProvider, useAuth, RequireAuth, AuthCallback, SignInWithTelnyx };
    `);
    const withApi = await bundle(`
      import { TelnyxAuthProvider, useTelnyxAPI } from './index.js';
      export { TelnyxAuthProvider, useTelnyxAPI };
    `);
    // The API client's resource paths are plain strings, so they survive minification.
    expect(withApi).toContain('/v2/oauth_grants');
    expect(signInOnly).not.toContain('/v2/oauth_grants');
    expect(signInOnly).not.toContain('/v2/oauth_clients');
  });

  it('leaves the mock provider out of the main entry point', async () => {
    const app = await bundle(`export { TelnyxAuthProvider, useAuth } from './index.js';`);
    expect(app).not.toContain('mock-access-token');
  });

  it('leaves the token-handler transport and authenticated fetch out of apps that do not import them', async () => {
    const signInOnly = await bundle(`
      import { createTelnyxAuth } from '@telnyx-oauth/core';
      import { TelnyxAuthProvider, useAuth, RequireAuth, AuthCallback } from './index.js';
      export { createTelnyxAuth, TelnyxAuthProvider, useAuth, RequireAuth, AuthCallback };
    `);
    const withHandler = await bundle(`
      import { createTelnyxAuth, createAuthFetch } from '@telnyx-oauth/core';
      import { tokenHandler } from '@telnyx-oauth/core/token-handler';
      export const auth = createTelnyxAuth({ clientId: 'c', redirectUri: 'https://a.example/cb', transport: tokenHandler() });
      export const authFetch = createAuthFetch(auth);
    `);
    // The contract header and the Bearer challenge parser's pattern survive minification. (The error code
    // `insufficient_scope` itself is on the sign-in path: getAccessToken({ scope }) throws it.)
    expect(withHandler).toContain('x-telnyx-auth');
    expect(withHandler).toContain('bearer(?=');
    expect(signInOnly).not.toContain('x-telnyx-auth');
    expect(signInOnly).not.toContain('bearer(?=');
  });

  it('keeps the token-handler transport codes but not its developer sentences in a production build', async () => {
    const entry = `export { tokenHandler } from '@telnyx-oauth/core/token-handler';`;
    const production = await bundle(entry, { 'process.env.NODE_ENV': '"production"' });
    const development = await bundle(entry, { 'process.env.NODE_ENV': '"development"' });
    expect(development).toContain('TELNYX_TOKEN_HANDLER_ALLOWED_ORIGINS');
    expect(production).not.toContain('TELNYX_TOKEN_HANDLER_ALLOWED_ORIGINS');
    expect(production).not.toContain('a proxy in between');
    expect(production).toContain('origin_not_allowed');
  });

  it('leaves the popup opener out of apps that only redirect', async () => {
    const redirectOnly = await bundle(`
      import { createTelnyxAuth } from '@telnyx-oauth/core';
      import { TelnyxAuthProvider, useAuth, RequireAuth, AuthCallback, SignInWithTelnyx } from './index.js';
      export { createTelnyxAuth, TelnyxAuthProvider, useAuth, RequireAuth, AuthCallback, SignInWithTelnyx };
    `);
    const withPopup = await bundle(`
      import { createTelnyxAuth } from '@telnyx-oauth/core';
      import { popupSupport } from '@telnyx-oauth/core/popup';
      import { TelnyxAuthProvider, useAuth, AuthCallback } from './index.js';
      export { createTelnyxAuth, popupSupport, TelnyxAuthProvider, useAuth, AuthCallback };
    `);
    // window.open's features, the focus check that tolerates COOP, the popup error codes: plain strings.
    // (popup_closed and popup_blocked have a sentence in the default error UI, so they are on the sign-in path.)
    for (const opener of ['popup,width=', 'hasFocus', 'popup_timeout', 'popup_in_progress']) {
      expect(withPopup).toContain(opener);
      expect(redirectOnly).not.toContain(opener);
    }
    // The callback side is on the sign-in path: a popup window reports on its channel and closes itself.
    expect(redirectOnly).toContain('You can close this window.');
  });
});
