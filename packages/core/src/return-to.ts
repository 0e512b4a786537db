/**
 * Where to send the user after sign-in. Only a same-origin path is ever returned, so a crafted login link can
 * not turn the callback into an open redirect (`//evil`, `https://evil`, `/\evil`, `javascript:`, and their
 * percent-encoded or whitespace-smuggled variants are refused).
 */

// Control characters and whitespace: browsers strip tabs/newlines from URLs, which can turn "/\t/evil" into "//evil".
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u0020\u007f-\u009f\\]/;

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

// After decoding, spaces are fine ('/search?q=a%20b') but control characters and a second leading slash are not.
// eslint-disable-next-line no-control-regex
const UNSAFE_DECODED = /[\u0000-\u001f\u007f]/;

function looksSafe(path: string): boolean {
  return path.startsWith('/') && !path.startsWith('//') && !UNSAFE_CHARACTERS.test(path);
}

function decodedLooksSafe(path: string): boolean {
  return /^\/(?![/\\])/.test(path) && !UNSAFE_DECODED.test(path);
}

/**
 * Returns the normalised same-origin path (pathname + search + hash) for `value`, or null when it is not one.
 * `origin` is the app's origin (the redirect URI's origin when there is no window).
 */
export function sanitizeReturnTo(value: unknown, origin: string): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return null;
  if (!looksSafe(value)) return null;
  const decoded = decodeRepeatedly(value);
  if (decoded === null || !decodedLooksSafe(decoded)) return null;
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return null;
  }
  if (url.origin !== new URL(origin).origin) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return looksSafe(path) ? path : null;
}
