/**
 * Test harness: an in-process dev server with a confidential client registered through its management API
 * (so the tests do not depend on the seeded clients' redirect URIs), codes obtained by driving the
 * authorize + consent flow as the signed-in user, and a browser-like caller with a one-cookie jar.
 */
import {
  createDevServer,
  SEED_USER,
  type DevServer,
  type DevServerOptions,
  type Fault,
} from '@telnyx-oauth/dev-server';
import { calculatePKCECodeChallenge, generateRandomCodeVerifier } from 'oauth4webapi';
import { CONTRACT_HEADER, CONTRACT_VERSION } from '../contract.js';
import { createTokenHandler, type TokenHandler } from '../handler.js';
import { generateCookieKey } from '../key-ring.js';
import type { TokenHandlerEvent, TokenHandlerOptions } from '../options.js';

/** An https app origin (Secure, `__Secure-` cookie) and a loopback one (plain cookie). */
export const APP = 'https://app.example';
export const LOCAL_APP = 'http://localhost:5173';
export const REDIRECT_URI = `${APP}/callback`;
export const LOCAL_REDIRECT_URI = `${LOCAL_APP}/callback`;
export const SCOPE = 'account_management.read account_management.write';
export const BASE = '/api/auth';

export const KEY_A = generateCookieKey();
export const KEY_B = generateCookieKey();

export interface Upstream {
  server: DevServer;
  clientId: string;
  clientSecret: string;
  /** Every refresh token the token endpoint handed the handler (to prove none reaches the browser). */
  issuedRefreshTokens: string[];
}

/** A dev server and a confidential client registered on it for the test origins. */
export async function createUpstream(options: DevServerOptions = {}): Promise<Upstream> {
  return registerClient(createDevServer(options));
}

/** Registers a confidential client for the test origins (plus `extraRedirectUris`) through the management API. */
export async function registerClient(server: DevServer, extraRedirectUris: string[] = []): Promise<Upstream> {
  const response = await server.fetch('/v2/oauth_clients', {
    method: 'POST',
    headers: { Authorization: `Bearer ${SEED_USER.apiKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      name: 'Token handler tests',
      client_type: 'confidential',
      allowed_grant_types: ['authorization_code', 'refresh_token'],
      allowed_scopes: SCOPE.split(' '),
      redirect_uris: [REDIRECT_URI, LOCAL_REDIRECT_URI, `${APP}/other-callback`, ...extraRedirectUris],
      require_pkce: true,
    }),
  });
  if (response.status !== 201) throw new Error(`registering the test client answered ${response.status}`);
  const { data } = (await response.json()) as { data: { client_id: string; client_secret: string } };
  server.counters.reset();
  return { server, clientId: data.client_id, clientSecret: data.client_secret, issuedRefreshTokens: [] };
}

/** Handler options against the upstream: both test origins allowed, the dev server's fetch. */
export function handlerOptions(
  upstream: Upstream,
  overrides: Partial<TokenHandlerOptions> = {},
): TokenHandlerOptions {
  return {
    issuer: upstream.server.issuer,
    clientId: upstream.clientId,
    clientSecret: upstream.clientSecret,
    cookieKeys: [KEY_A],
    allowedOrigins: [APP, LOCAL_APP],
    fetch: async (input, init) => {
      const response = await upstream.server.fetch(input, init);
      if (new URL(input).pathname.endsWith('/token') && response.ok) {
        const body = (await response
          .clone()
          .json()
          .catch(() => ({}))) as { refresh_token?: string };
        if (body.refresh_token) upstream.issuedRefreshTokens.push(body.refresh_token);
      }
      return response;
    },
    ...overrides,
  };
}

export function createHandler(
  upstream: Upstream,
  overrides: Partial<TokenHandlerOptions> = {},
): TokenHandler {
  return createTokenHandler(handlerOptions(upstream, overrides));
}

export interface Authorization {
  code: string;
  verifier: string;
  redirectUri: string;
}

/** Approves an authorization request for the client as the signed-in user and returns its code. */
export async function authorize(
  upstream: Upstream,
  redirectUri: string = REDIRECT_URI,
  clientId: string = upstream.clientId,
): Promise<Authorization> {
  const verifier = generateRandomCodeVerifier();
  const url = new URL('/v2/oauth/authorize', upstream.server.issuer);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: SCOPE,
    state: 'state-1',
    code_challenge: await calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  }).toString();
  const redirect = new URL(await upstream.server.completeAuthorization(url));
  const code = redirect.searchParams.get('code');
  if (!code) throw new Error(`no code in ${redirect.toString()}`);
  return { code, verifier, redirectUri };
}

export interface Call {
  origin?: string | null;
  cookie?: string | null;
  body?: BodyInit | null;
  headers?: Record<string, string>;
  method?: string;
}

/** A request as a same-origin page on `origin` sends it: POST, Origin, the contract header. */
export function request(endpoint: string, call: Call = {}): Request {
  const origin = call.origin === undefined ? APP : call.origin;
  const headers = new Headers({ [CONTRACT_HEADER]: CONTRACT_VERSION, ...call.headers });
  if (origin !== null) headers.set('Origin', origin);
  if (call.cookie) headers.set('Cookie', call.cookie);
  // The handler is served on the app's origin; a forged Origin header does not move the request.
  const url = new URL(`${BASE}/${endpoint}`, origin === LOCAL_APP ? LOCAL_APP : APP);
  return new Request(url, {
    method: call.method ?? 'POST',
    headers,
    ...(call.body !== undefined && call.body !== null ? { body: call.body, duplex: 'half' } : {}),
  } as RequestInit);
}

/** The body of the code exchange for an authorization. */
export function exchangeBody(auth: Authorization): Call {
  return {
    origin: new URL(auth.redirectUri).origin,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code: auth.code, code_verifier: auth.verifier, redirect_uri: auth.redirectUri }),
  };
}

/** A Set-Cookie header read back: name, value and attributes (lower-cased names). */
export interface SetCookie {
  name: string;
  value: string;
  attributes: Map<string, string>;
}

export function setCookies(response: Response): SetCookie[] {
  return response.headers.getSetCookie().map((header) => {
    const [pair = '', ...rest] = header.split(';').map((part) => part.trim());
    const eq = pair.indexOf('=');
    const attributes = new Map<string, string>();
    for (const attribute of rest) {
      const at = attribute.indexOf('=');
      if (at < 0) attributes.set(attribute.toLowerCase(), '');
      else attributes.set(attribute.slice(0, at).toLowerCase(), attribute.slice(at + 1));
    }
    return { name: pair.slice(0, eq), value: pair.slice(eq + 1), attributes };
  });
}

/** The `Cookie` header a browser would send back after this response (the one session cookie). */
export function cookieHeader(response: Response): string {
  const [cookie] = setCookies(response);
  if (!cookie || cookie.value === '') throw new Error('the response set no session cookie');
  return `${cookie.name}=${cookie.value}`;
}

/** Signs in through the handler: authorize at the dev server, exchange at the handler. */
export async function signIn(
  handler: TokenHandler,
  upstream: Upstream,
  redirectUri: string = REDIRECT_URI,
): Promise<{ response: Response; body: Record<string, unknown>; cookie: string }> {
  const response = await handler(request('token', exchangeBody(await authorize(upstream, redirectUri))));
  if (response.status !== 200)
    throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
  const body = (await response.clone().json()) as Record<string, unknown>;
  return { response, body, cookie: cookieHeader(response) };
}

/** What {@link signedIn} leaves: a signed-in session on a fresh handler and upstream. */
export interface SignedIn {
  upstream: Upstream;
  handler: TokenHandler;
  /** The sign-in's answer and its token JSON. */
  response: Response;
  body: Record<string, unknown>;
  /** The `Cookie` header the browser sends back. */
  cookie: string;
  /** Every event the handler reported, the sign-in's included. */
  events: TokenHandlerEvent[];
}

/** Handler options for {@link signedIn}, plus the dev server's options and the sign-in's redirect URI. */
export interface SignedInSetup extends Partial<TokenHandlerOptions> {
  server?: DevServerOptions;
  redirectUri?: string;
}

/**
 * A fresh upstream and handler (with `setup`'s options, events recorded), signed in; then the upstream's
 * counters at zero and `faults` armed for what follows.
 */
export async function signedIn(
  { server, redirectUri, ...overrides }: SignedInSetup = {},
  ...faults: Fault[]
): Promise<SignedIn> {
  const upstream = await createUpstream(server);
  const events: TokenHandlerEvent[] = [];
  const handler = createHandler(upstream, {
    ...overrides,
    onEvent: (event) => {
      events.push(event);
      overrides.onEvent?.(event);
    },
  });
  const { response, body, cookie } = await signIn(handler, upstream, redirectUri);
  upstream.server.counters.reset();
  for (const fault of faults) upstream.server.faults.inject(fault);
  return { upstream, handler, response, body, cookie, events };
}

export async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}
