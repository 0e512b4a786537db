/**
 * What the browser may send (HTTP contract v1, README "HTTP contract"): the endpoints, the required
 * `Origin` and `X-Telnyx-Auth` headers, bounded bodies, and the code exchange's JSON body. Everything here
 * runs before any cookie is decrypted or any upstream request is made.
 */
import { CONTRACT_HEADER, CONTRACT_VERSION, type Endpoint } from '@telnyx-oauth/core/shared';
import { HandlerError } from './errors.js';
import { parseUrl, type ResolvedOptions } from './options.js';
import { readLimited, TOO_LARGE } from './read-limited.js';

export { CONTRACT_HEADER, CONTRACT_VERSION, type Endpoint };

const ENDPOINTS: ReadonlySet<string> = new Set<Endpoint>(['token', 'refresh', 'logout', 'session']);

/** The endpoint a path names, or undefined (the path is not `{basePath}/{endpoint}` exactly). */
export function endpointOf(pathname: string, basePath: string): Endpoint | undefined {
  if (!pathname.startsWith(`${basePath}/`)) return undefined;
  const name = pathname.slice(basePath.length + 1);
  return ENDPOINTS.has(name) ? (name as Endpoint) : undefined;
}

/** True when the path is under the base path (the Node and Vite adapters hand these to the handler). */
export function isUnderBasePath(pathname: string, basePath: string): boolean {
  return pathname === basePath || pathname.startsWith(`${basePath}/`);
}

/** A request that passed the checks every endpoint shares. */
export interface Admitted {
  /** The request's `Origin`, one of `allowedOrigins`. */
  readonly origin: string;
  /** True for an https origin: the cookie gets `Secure` and a prefix. */
  readonly secure: boolean;
  readonly body: Uint8Array<ArrayBuffer>;
}

/**
 * The checks every endpoint shares, in order: method, `Origin` (and `Sec-Fetch-Site` when sent), the
 * contract header, the body size.
 *
 * @throws HandlerError `method_not_allowed`, `origin_not_allowed`, `csrf_header_missing`,
 *   `unsupported_version`, `body_too_large`, `invalid_request` (the body stream failed).
 */
export async function admit(request: Request, options: ResolvedOptions): Promise<Admitted> {
  if (request.method !== 'POST') {
    throw new HandlerError('method_not_allowed', 'Use POST.');
  }
  const origin = request.headers.get('origin');
  if (origin === null || !options.allowedOrigins.has(origin)) {
    throw new HandlerError('origin_not_allowed', 'The request does not come from an allowed origin.');
  }
  // Fetch Metadata (W3C): browsers that send it say whether the request left another site. Only
  // same-origin pages may call the handler; older browsers that do not send it rely on Origin alone.
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin') {
    throw new HandlerError('origin_not_allowed', 'The request does not come from the same origin.');
  }
  const version = request.headers.get(CONTRACT_HEADER);
  if (version === null) {
    throw new HandlerError('csrf_header_missing', `The ${CONTRACT_HEADER} header is required.`);
  }
  if (version.trim() !== CONTRACT_VERSION) {
    throw new HandlerError(
      'unsupported_version',
      `This handler speaks ${CONTRACT_HEADER}: ${CONTRACT_VERSION}.`,
    );
  }
  let body: Awaited<ReturnType<typeof readLimited>>;
  try {
    body = await readLimited(request.body, options.maxBodyBytes, request.headers.get('content-length'));
  } catch {
    // the client went away mid-upload, or sent a body the runtime could not decode
    throw new HandlerError('invalid_request', 'The request body could not be read.');
  }
  if (body === TOO_LARGE) {
    throw new HandlerError(
      'body_too_large',
      `The request body is larger than ${options.maxBodyBytes} bytes.`,
    );
  }
  return { origin, secure: origin.startsWith('https:'), body };
}

/** The code exchange's body: `{ code, code_verifier, redirect_uri }`. */
export interface TokenRequest {
  readonly code: string;
  readonly codeVerifier: string;
  readonly redirectUri: string;
}

// RFC 6749 Appendix A.11: code = 1*VSCHAR; a bound keeps keys and upstream bodies small.
const CODE = /^[\x20-\x7e]{1,2048}$/;
// RFC 7636 §4.1: 43 to 128 unreserved characters.
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

function invalid(message: string): never {
  throw new HandlerError('invalid_request', message);
}

/**
 * Reads and checks the code exchange's body. The redirect URI must be on the request's origin (and in
 * `redirectUris` when configured): the handler is no exchange oracle for other redirect URIs.
 *
 * @throws HandlerError `unsupported_media_type`, `invalid_request`, `redirect_uri_not_allowed`.
 */
export function parseTokenRequest(
  contentType: string | null,
  admitted: Admitted,
  options: ResolvedOptions,
): TokenRequest {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new HandlerError('unsupported_media_type', 'Send the body as application/json.');
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(admitted.body));
  } catch {
    invalid('The body is not valid JSON.');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    invalid('The body must be a JSON object.');
  const fields = json as Record<string, unknown>;
  const code = fields['code'];
  const codeVerifier = fields['code_verifier'];
  const redirectUri = fields['redirect_uri'];
  if (typeof code !== 'string' || !CODE.test(code)) invalid('code must be the authorization code.');
  if (typeof codeVerifier !== 'string' || !VERIFIER.test(codeVerifier)) {
    invalid('code_verifier must be 43 to 128 unreserved characters (RFC 7636 §4.1).');
  }
  if (typeof redirectUri !== 'string' || redirectUri.length > 2048) invalid('redirect_uri must be a URI.');
  const url = parseUrl(redirectUri);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || redirectUri.includes('#')) {
    invalid('redirect_uri must be an absolute http(s) URI without a fragment.');
  }
  if (url.origin !== admitted.origin || (options.redirectUris && !options.redirectUris.has(redirectUri))) {
    throw new HandlerError(
      'redirect_uri_not_allowed',
      'This redirect URI may not be used with this handler.',
    );
  }
  return { code, codeVerifier, redirectUri };
}
