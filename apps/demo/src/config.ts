/**
 * Where the demo signs in. By default the local dev server that `pnpm dev` starts next to Vite; set
 * VITE_TELNYX_ISSUER (and the client id, redirect URI and scope you registered) to use real Telnyx or any
 * standards-compliant authorization server. VITE_TELNYX_TOKEN_HANDLER (e.g. `/api/auth`) sends the code
 * exchange, refreshes and logout through a token handler on this origin instead. See apps/demo/README.md.
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
  /** The token handler's path (VITE_TELNYX_TOKEN_HANDLER), or null: the browser talks to the server itself. */
  tokenHandler: string | null;
  /** What the pages call the authorization server: "Telnyx" for Telnyx, else the issuer's host. */
  serverName: string;
}

/**
 * Read-only to start with: enough to show a session, introspect its token and list grants and clients. The
 * pages that change something ask for `account_management.write` (lib/with-scope.ts) the first time.
 */
const DEFAULT_SCOPE = 'account_management.read';

/** The dev server's seeded clients: the public one, and the confidential one a token handler uses. */
const PUBLIC_CLIENT_ID = 'telnyx-oauth-demo';
const CONFIDENTIAL_CLIENT_ID = 'telnyx-oauth-confidential';

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() !== '' ? value.trim() : undefined;
}

/** "Telnyx" when the issuer is Telnyx's, otherwise its host (a dev server, another provider). */
export function serverNameOf(issuer: string): string {
  const host = new URL(issuer).host;
  return /(^|\.)telnyx\.com$/.test(host) ? 'Telnyx' : host;
}

export function readConfig(env: ImportMetaEnv = import.meta.env): DemoConfig {
  const devServerUrl = nonEmpty(env.VITE_TELNYX_ISSUER) ? null : __TELNYX_DEV_SERVER_URL__;
  const tokenHandler = nonEmpty(env.VITE_TELNYX_TOKEN_HANDLER) ?? null;
  const issuer = nonEmpty(env.VITE_TELNYX_ISSUER) ?? devServerUrl ?? DEFAULT_ISSUER;
  return {
    issuer,
    clientId:
      nonEmpty(env.VITE_TELNYX_CLIENT_ID) ?? (tokenHandler ? CONFIDENTIAL_CLIENT_ID : PUBLIC_CLIENT_ID),
    redirectUri: nonEmpty(env.VITE_TELNYX_REDIRECT_URI) ?? `${window.location.origin}/callback`,
    scope: (nonEmpty(env.VITE_TELNYX_SCOPE) ?? DEFAULT_SCOPE).split(/[\s,]+/).filter(Boolean),
    devServerUrl,
    tokenHandler,
    serverName: serverNameOf(issuer),
  };
}
