// @vitest-environment node
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const srcDir = fileURLToPath(new URL('.', import.meta.url));

/** Bundles an app entry the way a production build would (minified, React external) and returns the code. */
async function bundle(entry: string): Promise<string> {
  const result = await build({
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
});
