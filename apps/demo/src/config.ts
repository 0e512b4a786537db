/**
 * Where the demo signs in. By default the local dev server that `pnpm dev` starts next to Vite; set
 * VITE_TELNYX_ISSUER (and the client id, redirect URI and scope you registered) to use real Telnyx or any
 * standards-compliant authorization server. See apps/demo/README.md.
 */

import { DEFAULT_ISSUER } from '@telnyx-oauth/core';

declare const __TELNYX_DEV_SERVER_URL__: string | null;

export interface DemoConfig {
  issuer: string;
  clientId: string;
  redirectUri: string;
  scope: string[];
  /** Set when the demo talks to the bundled dev server (shows the sign-in hint). */
  devServerUrl: string | null;
}

/**
 * Read-only to start with: enough to show a session, introspect its token and list grants and clients. The
 * pages that change something ask for `account_management.write` (lib/with-scope.ts) the first time.
 */
const DEFAULT_SCOPE = 'account_management.read';

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() !== '' ? value.trim() : undefined;
}

export function readConfig(env: ImportMetaEnv = import.meta.env): DemoConfig {
  const devServerUrl = nonEmpty(env.VITE_TELNYX_ISSUER) ? null : __TELNYX_DEV_SERVER_URL__;
  return {
    issuer: nonEmpty(env.VITE_TELNYX_ISSUER) ?? devServerUrl ?? DEFAULT_ISSUER,
    clientId: nonEmpty(env.VITE_TELNYX_CLIENT_ID) ?? 'telnyx-oauth-demo',
    redirectUri: nonEmpty(env.VITE_TELNYX_REDIRECT_URI) ?? `${window.location.origin}/callback`,
    scope: (nonEmpty(env.VITE_TELNYX_SCOPE) ?? DEFAULT_SCOPE).split(/[\s,]+/).filter(Boolean),
    devServerUrl,
  };
}
