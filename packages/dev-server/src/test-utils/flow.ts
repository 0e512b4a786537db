import { createHash, randomBytes } from 'node:crypto';
import type { DevServer } from '../server.js';

export const DEMO_REDIRECT = 'http://localhost:5173/callback';

export interface Pkce {
  verifier: string;
  challenge: string;
}

export function pkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizeUrl(
  server: DevServer,
  params: Record<string, string | undefined> = {},
  challenge?: string,
): string {
  const url = new URL('/v2/oauth/authorize', server.issuer);
  const defaults: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: 'telnyx-oauth-demo',
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

export function form(params: Record<string, string>): RequestInit {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  };
}

export interface TokenBody {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token?: string;
  scope: string;
}

/** Runs the whole code flow for the demo client and returns the token response. */
export async function signIn(server: DevServer, scope?: string): Promise<TokenBody> {
  const { verifier, challenge } = pkce();
  const redirect = new URL(
    await server.completeAuthorization(authorizeUrl(server, scope ? { scope } : {}, challenge)),
  );
  const code = redirect.searchParams.get('code');
  if (!code) throw new Error(`no code in ${redirect.toString()}`);
  const response = await server.fetch(
    '/v2/oauth/token',
    form({
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: DEMO_REDIRECT,
      client_id: 'telnyx-oauth-demo',
    }),
  );
  if (response.status !== 200) throw new Error(`token answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as TokenBody;
}

export function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}
