/**
 * The two error shapes a client of Telnyx must read: RFC 6749 §5.2 bodies on protocol endpoints and
 * Telnyx's `{"errors": [...]}` envelope on the management API; plus the `text/html` pages the authorize
 * endpoint answers before it can trust a redirect URI.
 */
export interface TelnyxErrorItem {
  code: string;
  title: string;
  detail: string;
  source?: { pointer?: string; parameter?: string };
  meta?: Record<string, unknown>;
}

/** Telnyx error codes used here (approximations of Telnyx's catalogue; see the README). */
export const TELNYX_CODES = {
  invalidParameter: '10015',
  validation: '10027',
  unauthenticated: '10009',
  forbidden: '10010',
  notFound: '10005',
  rateLimited: '10011',
  server: '10007',
  unsupportedMediaType: '10016',
  payloadTooLarge: '10017',
} as const;

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8' };

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

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

export function telnyxError(
  status: number,
  errors: TelnyxErrorItem[],
  headers: Record<string, string> = {},
): Response {
  return json({ errors }, status, headers);
}

export function telnyxErrorItem(
  code: string,
  title: string,
  detail: string,
  source?: TelnyxErrorItem['source'],
): TelnyxErrorItem {
  return source ? { code, title, detail, source } : { code, title, detail };
}

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
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
