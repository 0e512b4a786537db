import { createHash, randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { PUBLIC_CLIENT_ID } from '../infra/seed.js';
import type { DevServer } from '../server.js';

/** The demo client's first redirect URI. */
export const DEMO_REDIRECT = 'http://localhost:5173/callback';

/** An RFC 7636 verifier and its S256 challenge. */
export interface Pkce {
  verifier: string;
  challenge: string;
}

/** A fresh PKCE pair. */
export function pkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** An authorize URL for the demo client; `params` override the defaults (undefined removes one). */
export function authorizeUrl(
  server: DevServer,
  params: Record<string, string | undefined> = {},
  challenge?: string,
): string {
  const url = new URL('/v2/oauth/authorize', server.issuer);
  const defaults: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: PUBLIC_CLIENT_ID,
    redirect_uri: DEMO_REDIRECT,
    scope: 'account_management.read account_management.write',
    state: 'state-123',
    code_challenge: challenge,
    code_challenge_method: challenge ? 'S256' : undefined,
  };
  for (const [key, value] of Object.entries({ ...defaults, ...params })) {
    if (value !== undefined) url.searchParams.set(key, value);
  }
  return url.toString();
}

/** A form-encoded POST (RFC 6749 §4.1.3). */
export function form(params: Record<string, string>): RequestInit {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  };
}

/** A token response body. */
export interface TokenBody {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token?: string;
  scope: string;
}

/** Approves an authorization request for the demo client (RFC 6749 §4.1.1-4.1.2) and returns its code. */
export async function codeFor(
  server: DevServer,
  challenge: string,
  params: Record<string, string | undefined> = {},
): Promise<string> {
  const redirect = new URL(await server.completeAuthorization(authorizeUrl(server, params, challenge)));
  const code = redirect.searchParams.get('code');
  if (!code) throw new Error(`no code in ${redirect.toString()}`);
  return code;
}

/** The demo client's token request for `code` (RFC 6749 §4.1.3, RFC 7636 §4.5); `extra` overrides fields. */
export function exchangeCode(
  server: DevServer,
  code: string,
  verifier: string,
  extra: Record<string, string> = {},
): Promise<Response> {
  return server.fetch(
    '/v2/oauth/token',
    form({
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: DEMO_REDIRECT,
      client_id: PUBLIC_CLIENT_ID,
      ...extra,
    }),
  );
}

/** Runs the whole code flow for the demo client and returns the token response. */
export async function signIn(server: DevServer, scope?: string): Promise<TokenBody> {
  const { verifier, challenge } = pkce();
  const code = await codeFor(server, challenge, scope ? { scope } : {});
  const response = await exchangeCode(server, code, verifier);
  if (response.status !== 200) throw new Error(`token answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as TokenBody;
}

/** An `Authorization: Bearer` header. */
export function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}

/** The demo client's refresh request (RFC 6749 §6); `extra` adds or overrides fields. */
export function refresh(
  server: DevServer,
  refreshToken: string,
  extra: Record<string, string> = {},
): Promise<Response> {
  return server.fetch(
    '/v2/oauth/token',
    form({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: PUBLIC_CLIENT_ID, ...extra }),
  );
}

/** Asserts an RFC 6749 §5.2 error answer with this status and error code. */
export async function expectOAuthError(response: Response, status: number, error: string): Promise<void> {
  expect(response.status).toBe(status);
  const body = (await response.json()) as Record<string, unknown>;
  expect(body['error']).toBe(error);
  expect(typeof body['error_description']).toBe('string');
}

/** RFC 6749 §2.3.1 client_secret_basic: form-urlencoded id and secret, then base64. */
export function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}

/** The status the management API answers this access token (200 while it is active, 401 once not). */
export async function managementStatus(server: DevServer, accessToken: string): Promise<number> {
  return (await server.fetch('/v2/oauth_grants', { headers: bearer(accessToken) })).status;
}
