/**
 * Reading a resource server's `WWW-Authenticate: Bearer ...` challenge (RFC 6750 §3), to tell "the token
 * is expired or revoked" (refresh once, retry once) from "the token lacks a scope" (never refresh: ask
 * the user for the scope). Telnyx answers both with 401.
 */

/** The parameters of a Bearer challenge. */
export interface BearerChallenge {
  /** `invalid_request`, `invalid_token`, `insufficient_scope` (RFC 6750 §3.1), or absent. */
  readonly error?: string;
  /** The `error_description` parameter: human-readable text for developers, not for end users. */
  readonly errorDescription?: string;
  /** The scopes the resource needs, when the server names them (`scope="a b"`). */
  readonly scope?: readonly string[];
  /** The protection space (`realm="Telnyx API"` on Telnyx's answers), when the server names one. */
  readonly realm?: string;
}

/**
 * The Bearer challenge in a `WWW-Authenticate` header value, or null when there is none (no header, or
 * only other schemes). Several challenges in one header are allowed; the first Bearer one is read, up to
 * the next scheme.
 *
 * @see RFC 6750 §3; RFC 9110 §11.6.1 (auth-param = token "=" ( token / quoted-string ))
 */
export function parseBearerChallenge(header: string | null | undefined): BearerChallenge | null {
  const start = header ? /(?:^|,)\s*bearer(?=[\s,]|$)/i.exec(header) : null;
  if (!header || !start) return null;
  const params: Record<string, string> = {};
  const param = /[\s,]*([\w!#$%&'*+.^`|~-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^\s,]*)/y;
  param.lastIndex = start.index + start[0].length;
  for (let match; (match = param.exec(header));) {
    const [, name = '', value = ''] = match;
    params[name.toLowerCase()] ??= value[0] === '"' ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;
  }
  const { error, error_description: errorDescription, realm, scope } = params;
  return {
    ...(error ? { error } : {}),
    ...(errorDescription ? { errorDescription } : {}),
    ...(realm !== undefined ? { realm } : {}),
    ...(scope ? { scope: scope.split(' ').filter(Boolean) } : {}),
  };
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
