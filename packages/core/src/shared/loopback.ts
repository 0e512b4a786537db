/**
 * Loopback hosts: the only places a token or a key may travel over plain http (a dev server on this
 * machine). One rule for every entry point.
 */

/**
 * True for `localhost`, any 127.0.0.0/8 address and `[::1]`, as a URL's `hostname` spells them.
 *
 * @see RFC 6761 §6.3 (localhost); RFC 1122 §3.2.1.3 (127/8); RFC 4291 §2.5.3 (::1)
 */
export function isLoopbackHost(hostname: string): boolean {
  return /^(localhost|\[::1\]|127(\.\d{1,3}){3})$/.test(hostname);
}

/** True for `https:` URLs, and `http:` URLs whose host is loopback. */
export function isSecureOrLoopback(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}
