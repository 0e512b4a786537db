/**
 * Where to send the user after sign-in. Only a same-origin path is ever returned, so a crafted login link can
 * not turn the callback into an open redirect (`//evil`, `https://evil`, `/\evil`, `javascript:`, and their
 * percent-encoded or whitespace-smuggled variants are refused).
 */

/**
 * A path as given: one leading slash (not `//host`), and no whitespace, control character or backslash anywhere.
 * Browsers strip tabs/newlines from URLs, which can turn "/\t/evil" into "//evil".
 */
// eslint-disable-next-line no-control-regex
const SAFE_RAW = /^\/(?!\/)[^\u0000-\u0020\u007f-\u009f\\]*$/;

/**
 * The same path fully decoded: no `//host` or `/\\host`, and no control character. Spaces are fine once decoded
 * ('/search?q=a%20b').
 */
// eslint-disable-next-line no-control-regex
const SAFE_DECODED = /^\/(?![/\\])[^\u0000-\u001f\u007f]*$/;

/** `value` percent-decoded until it stops changing; null when malformed or still changing after 5 rounds. */
function decodeRepeatedly(value: string): string | null {
  let current = value;
  for (let round = 0; round < 5; round += 1) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return null; // malformed percent-encoding is refused rather than guessed at
    }
    if (decoded === current) return current;
    current = decoded;
  }
  return null; // still changing after 5 rounds: deliberately obfuscated
}

/** Both checks, on the raw and the decoded form (a path that does not decode fails the second). */
const isSafePath = (path: string): boolean =>
  path.length <= 2048 && SAFE_RAW.test(path) && SAFE_DECODED.test(decodeRepeatedly(path) ?? '');

/** A URL's path as an app navigates to it: pathname + search + hash. */
export const pathOf = (url: URL): string => url.pathname + url.search + url.hash;

/**
 * Returns the normalised same-origin path (pathname + search + hash) for `value`, or null when it is not one.
 * `origin` is the app's origin (the redirect URI's origin when there is no window).
 *
 * A fixed point: `sanitizeReturnTo(sanitizeReturnTo(x)) === sanitizeReturnTo(x)`. The URL parser removes dot
 * segments, including percent-encoded ones (`/%2e/%2fevil.com` becomes `/%2fevil.com`), so the normalised path
 * is checked again, raw and decoded, exactly like the input: nothing that decodes to `//host` or `/\host` is
 * ever returned.
 *
 * @see RFC 3986 §5.2.4 (dot segments); RFC 9700 §4.11 (open redirectors)
 */
export function sanitizeReturnTo(value: unknown, origin: string): string | null {
  if (typeof value !== 'string' || !isSafePath(value)) return null;
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return null;
  }
  if (url.origin !== new URL(origin).origin) return null;
  const path = pathOf(url);
  return isSafePath(path) ? path : null;
}
