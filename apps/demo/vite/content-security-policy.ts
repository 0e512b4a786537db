/**
 * The strict Content-Security-Policy the production build is served with (`vite preview`): no inline script
 * or style anywhere, network access only to this origin and the authorization server. The browser tests
 * run under it, so they prove the library needs no 'unsafe-inline' and no 'unsafe-eval'.
 *
 * `connect-src`: 'self' covers a token handler on the app's origin (`VITE_TELNYX_TOKEN_HANDLER=/api/auth`,
 * as it should be); the authorization server stays for discovery, the management API and introspection.
 * With a token handler the browser never calls the token endpoint, but it is on the same origin as the
 * rest, so the policy does not change. A handler given as an absolute URL on another origin is added.
 */
export function contentSecurityPolicy(issuer: string, tokenHandler?: string): string {
  const origins = new Set(["'self'", new URL(issuer).origin]);
  if (tokenHandler && /^https?:\/\//.test(tokenHandler)) origins.add(new URL(tokenHandler).origin);
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${[...origins].join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
