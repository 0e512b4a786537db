/**
 * Loopback hosts: `localhost`, any 127.0.0.0/8 address and `[::1]`. The same rule as core's
 * `packages/core/src/shared/loopback.ts`, copied on purpose: core's tests run against this server, so the
 * dev server must not depend on core (the arrow would point up). Keep the two in step.
 *
 * @see RFC 6761 §6.3 (localhost); RFC 1122 §3.2.1.3 (127/8); RFC 4291 §2.5.3 (::1)
 */

const LOOPBACK_NAMES: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True for `localhost`, any 127.0.0.0/8 address and `[::1]`, as a URL's `hostname` spells them. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_NAMES.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** True for an `http:` or `https:` origin (or URL) on a loopback host; false for `null` and garbage. */
export function isLoopbackOrigin(origin: string): boolean {
  try {
    const { protocol, hostname } = new URL(origin);
    return (protocol === 'http:' || protocol === 'https:') && isLoopbackHost(hostname);
  } catch {
    return false;
  }
}
