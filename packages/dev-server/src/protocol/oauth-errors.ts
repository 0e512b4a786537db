/**
 * The error shapes of the protocol endpoints: RFC 6749 §5.2 JSON bodies, and the `text/html` pages the
 * authorize endpoint answers before it can trust a redirect URI. (The management API's envelope is in
 * management/telnyx-errors.ts.)
 */
import { escapeHtml, json } from '../infra/http.js';

/** An RFC 6749 §5.2 error body `{error, error_description, ...extra}`, never cached. */
export function oauthError(
  status: number,
  error: string,
  description: string,
  headers: Record<string, string> = {},
  extra: Record<string, unknown> = {},
): Response {
  // RFC 6749 §5.1 asks for no-store on token responses; errors carry it too so nothing caches them.
  return json({ error, error_description: description, ...extra }, status, {
    'Cache-Control': 'no-store',
    ...headers,
  });
}

/** Authorize errors that must not redirect (RFC 6749 §4.1.2.1: untrusted client or redirect URI). */
export function htmlError(status: number, error: string, description: string): Response {
  const body = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(error)}</title></head>
<body>
<h1>Authorization request rejected</h1>
<p><strong>${escapeHtml(error)}</strong>: ${escapeHtml(description)}</p>
</body>
</html>
`;
  return new Response(body, {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
