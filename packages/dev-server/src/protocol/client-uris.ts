import { isLoopbackHost } from '../infra/loopback.js';

/**
 * Why a redirect URI is unacceptable, or undefined. Rules: absolute, no fragment (RFC 6749 §3.1.2),
 * https, http on loopback only (RFC 8252 §7.3), or a private-use scheme with a dot (RFC 8252 §7.1).
 */
export function redirectUriProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return 'must be a non-empty string';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URI';
  }
  if (value.includes('#')) return 'must not contain a fragment';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:')
    return isLoopbackHost(url.hostname) ? undefined : 'http is only allowed for loopback hosts';
  if (/^[a-z][a-z0-9+.-]*\.[a-z0-9+.-]*:$/i.test(url.protocol)) return undefined;
  return `scheme ${url.protocol} is not allowed`;
}

/** logo_uri, tos_uri, policy_uri: absolute http(s) URLs. */
export function webUriProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return 'must be a non-empty string';
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? undefined : 'must be an http(s) URL';
  } catch {
    return 'must be an absolute URL';
  }
}
