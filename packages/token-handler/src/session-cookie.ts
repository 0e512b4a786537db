/**
 * The session cookie: the refresh token (and the grant's scope and expiry), sealed with the key ring and
 * bound to this deployment's issuer and client. `HttpOnly`, `SameSite=Strict`, scoped to the handler's
 * path, `Secure` (and `__Host-`/`__Secure-` prefixed) on https origins. Its value is never readable by
 * script and never appears in a response body.
 *
 * @see RFC 6265 §4.1 (Set-Cookie); draft-ietf-httpbis-rfc6265bis §4.1.3 (cookie prefixes), §5.6.7 (SameSite)
 */
import { HandlerError } from './errors.js';
import type { KeyRing } from './key-ring.js';
import type { ResolvedOptions } from './options.js';

/** What the cookie holds. */
export interface Session {
  readonly refreshToken: string;
  /** The granted scope, when the token endpoint said it. */
  readonly scope?: string;
  /** When the session ends unless refreshed upstream first (epoch seconds). */
  readonly expiresAt: number;
}

/** The cookie a request carried. `invalid` (tampered, foreign, expired, unknown key) is cleared. */
export type SessionRead =
  | { readonly kind: 'none' }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'valid'; readonly session: Session };

/** Browsers keep at least 4096 bytes of name, value and attributes per cookie (RFC 6265 §6.1). */
const MAX_COOKIE_BYTES = 4096;
/** A request carrying more cookies of our name than this is not worth decrypting them all. */
const MAX_CANDIDATES = 4;

interface Payload {
  v: 1;
  iss: string;
  cid: string;
  rt: string;
  scope?: string;
  exp: number;
}

/** Reading, writing and clearing the session cookie for one handler's configuration. */
export interface SessionCookies {
  read(request: Request, secure: boolean): Promise<SessionRead>;
  /** A `Set-Cookie` value holding the session. Throws HandlerError when it would not fit in a cookie. */
  write(session: Session, secure: boolean): Promise<string>;
  /** A `Set-Cookie` value that deletes the cookie. */
  clear(secure: boolean): string;
}

function parsePayload(bytes: Uint8Array, options: ResolvedOptions): Payload | undefined {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const p = value as Record<string, unknown>;
  const valid =
    p['v'] === 1 &&
    p['iss'] === options.issuerUrl.href &&
    p['cid'] === options.clientId &&
    typeof p['rt'] === 'string' &&
    p['rt'] !== '' &&
    (p['scope'] === undefined || typeof p['scope'] === 'string') &&
    typeof p['exp'] === 'number' &&
    Number.isFinite(p['exp']);
  return valid ? (value as Payload) : undefined;
}

/** The values of every cookie called `name` in a Cookie header, in the order the browser sent them. */
function cookieValues(header: string | null, name: string): string[] {
  if (!header) return [];
  const values: string[] = [];
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== name) continue;
    values.push(pair.slice(eq + 1).trim());
    if (values.length === MAX_CANDIDATES) break;
  }
  return values;
}

/**
 * The session cookie of a handler: sealed with the key ring (created on first use), bound to the issuer
 * and client id, named and scoped from the options.
 */
export function createSessionCookies(options: ResolvedOptions, ring: () => Promise<KeyRing>): SessionCookies {
  // Additional authenticated data: a cookie sealed by another deployment (other issuer or client), even
  // with the same key, fails authentication instead of being parsed.
  const aad = new TextEncoder().encode(
    `telnyx-oauth-token-handler/session/v1\n${options.issuerUrl.href}\n${options.clientId}`,
  );
  const nowSeconds = (): number => Math.floor(options.now() / 1000);

  /** The cookie's name for a request from a secure (https) or insecure (http loopback) origin. */
  const nameFor = (secure: boolean): string => {
    if (!secure) return options.cookieName;
    return options.cookiePath === '/' ? `__Host-${options.cookieName}` : `__Secure-${options.cookieName}`;
  };

  const attributes = (secure: boolean, maxAge: number): string =>
    `Path=${options.cookiePath}; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;

  return {
    async read(request, secure) {
      const values = cookieValues(request.headers.get('cookie'), nameFor(secure));
      if (values.length === 0) return { kind: 'none' };
      const keys = await ring();
      for (const value of values) {
        const bytes = await keys.open(value, aad);
        const payload = bytes && parsePayload(bytes, options);
        if (!payload || payload.exp <= nowSeconds()) continue;
        const session: Session = {
          refreshToken: payload.rt,
          expiresAt: payload.exp,
          ...(payload.scope !== undefined ? { scope: payload.scope } : {}),
        };
        return { kind: 'valid', session };
      }
      return { kind: 'invalid' };
    },
    async write(session, secure) {
      const payload: Payload = {
        v: 1,
        iss: options.issuerUrl.href,
        cid: options.clientId,
        rt: session.refreshToken,
        exp: session.expiresAt,
        ...(session.scope !== undefined ? { scope: session.scope } : {}),
      };
      const sealed = await (await ring()).seal(new TextEncoder().encode(JSON.stringify(payload)), aad);
      const maxAge = Math.max(0, session.expiresAt - nowSeconds());
      const cookie = `${nameFor(secure)}=${sealed}; ${attributes(secure, maxAge)}`;
      if (cookie.length > MAX_COOKIE_BYTES) {
        throw new HandlerError(
          'upstream_invalid_response',
          'The refresh token the token endpoint issued is too large to keep in a cookie.',
        );
      }
      return cookie;
    },
    clear(secure) {
      return `${nameFor(secure)}=; ${attributes(secure, 0)}`;
    },
  };
}
