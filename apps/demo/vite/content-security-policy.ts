/**
 * The strict Content-Security-Policy the production build is served with (`vite preview`): no inline script
 * or style anywhere, network access only to this origin and the authorization server. The browser tests
 * run under it, so they prove the library needs no 'unsafe-inline' and no 'unsafe-eval'.
 */
export function contentSecurityPolicy(issuer: string): string {
  const authorizationServer = new URL(issuer).origin;
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${authorizationServer}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
