/**
 * Reading a resource server's `WWW-Authenticate: Bearer ...` challenge (RFC 6750 §3), to tell "the token
 * is expired or revoked" (refresh once, retry once) from "the token lacks a scope" (never refresh: ask
 * the user for the scope). Telnyx answers both with 401.
 */

/** The parameters of a Bearer challenge. */
export interface BearerChallenge {
  /** `invalid_request`, `invalid_token`, `insufficient_scope` (RFC 6750 §3.1), or absent. */
  readonly error?: string;
  readonly errorDescription?: string;
  /** The scopes the resource needs, when the server names them (`scope="a b"`). */
  readonly scope?: readonly string[];
  readonly realm?: string;
}

// One auth-param: name = token / quoted-string (RFC 9110 §11.2).
const AUTH_PARAM = /([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^\s,]*)/gy;

/**
 * The Bearer challenge in a `WWW-Authenticate` header value, or null when there is none (no header, or
 * only other schemes). Several challenges in one header are allowed; the first Bearer one is read.
 *
 * @see RFC 6750 §3; RFC 9110 §11.6.1
 */
export function parseBearerChallenge(header: string | null | undefined): BearerChallenge | null {
  if (!header) return null;
  const start = /(?:^|,)\s*bearer(?=\s|,|$)/i.exec(header);
  if (!start) return null;
  const params: Record<string, string> = {};
  let index = start.index + start[0].length;
  for (;;) {
    const skip = /[\s,]*/y;
    skip.lastIndex = index;
    skip.exec(header);
    AUTH_PARAM.lastIndex = skip.lastIndex;
    const match = AUTH_PARAM.exec(header);
    if (!match) break; // the next challenge's scheme (a token without "="), or the end
    const name = (match[1] as string).toLowerCase();
    const raw = match[2] as string;
    const value = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
    if (!(name in params)) params[name] = value;
    index = AUTH_PARAM.lastIndex;
  }
  const challenge: { -readonly [K in keyof BearerChallenge]: BearerChallenge[K] } = {};
  if (params.error) challenge.error = params.error;
  if (params.error_description) challenge.errorDescription = params.error_description;
  if (params.realm !== undefined) challenge.realm = params.realm;
  if (params.scope) challenge.scope = params.scope.split(' ').filter((s) => s.length > 0);
  return challenge;
}

/**
 * What a 401 from a resource server means for a caller that holds a refreshable session:
 * - `refresh`: the token was rejected as invalid (RFC 6750 `invalid_token`), or the Bearer challenge names
 *   no error: refresh once and retry once;
 * - `insufficient_scope`: the token is valid but lacks a scope (Telnyx sends 401, not 403): never refresh;
 * - `none`: nothing a new token could fix: no Bearer challenge at all (RFC 6750 §3 requires one on a 401
 *   to a bearer request, so a bare 401 is the application's own answer), another scheme, `invalid_request`.
 */
export function classifyUnauthorized(
  header: string | null | undefined,
): 'refresh' | 'insufficient_scope' | 'none' {
  const challenge = parseBearerChallenge(header);
  if (challenge === null) return 'none';
  if (challenge.error === 'insufficient_scope') return 'insufficient_scope';
  if (challenge.error === undefined || challenge.error === 'invalid_token') return 'refresh';
  return 'none';
}
