/**
 * Cookie encryption: AES-256-GCM through WebCrypto (Node 20+, Workers, Deno, Bun, browsers), with a ring of
 * keys for rotation. The first key encrypts; every key decrypts. A sealed value names its key by a short id
 * derived from the key, so rotating never needs names and a value sealed with a removed key is refused.
 *
 * Sealed format: `v1.<kid>.<iv>.<ciphertext+tag>`, each part unpadded base64url; the kid is 8 characters,
 * the IV 12 random bytes (NIST SP 800-38D §8.2.2). Additional authenticated data binds a value to its use
 * (the handler passes its issuer and client id), so a value sealed for another deployment does not open.
 */
import { decodeBase64url, encodeBase64url } from './base64url.js';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const SEALED = /^v1\.([A-Za-z0-9_-]{8})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22,})$/;

/** Encrypts and decrypts cookie values with the configured keys. */
export interface KeyRing {
  /** The id of the key that encrypts (the first one). */
  readonly currentKid: string;
  /** Encrypts `plaintext`, authenticating `aad` with it. */
  seal(plaintext: Uint8Array<ArrayBuffer>, aad: Uint8Array<ArrayBuffer>): Promise<string>;
  /** The plaintext, or null when the value is malformed, names no key of the ring, or fails authentication. */
  open(sealed: string, aad: Uint8Array<ArrayBuffer>): Promise<Uint8Array | null>;
}

/**
 * A new random cookie key: 32 bytes as unpadded base64url (43 characters), the format `cookieKeys` and
 * `TELNYX_TOKEN_HANDLER_KEYS` take. Also: `npx telnyx-oauth-token-handler generate-key`.
 */
export function generateCookieKey(): string {
  return encodeBase64url(crypto.getRandomValues(new Uint8Array(KEY_BYTES)));
}

/**
 * The raw bytes of the configured keys (newest first), each checked once.
 *
 * @throws TypeError when the list is empty, a key is not unpadded base64url of exactly 32 bytes, or two
 *   keys are the same.
 */
export function decodeCookieKeys(keys: readonly string[]): Uint8Array<ArrayBuffer>[] {
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new TypeError('cookieKeys must list at least one key (newest first).');
  }
  const raw = keys.map((key: unknown, index) => {
    const bytes = typeof key === 'string' ? decodeBase64url(key.trim()) : undefined;
    if (!bytes || bytes.length !== KEY_BYTES) {
      throw new TypeError(
        `cookieKeys[${index}] must be 32 random bytes as unpadded base64url (43 characters); ` +
          'generate one with `npx telnyx-oauth-token-handler generate-key`.',
      );
    }
    return bytes;
  });
  // decodeBase64url accepts one spelling per byte string, so equal keys have equal (trimmed) texts.
  if (new Set(keys.map((key) => key.trim())).size !== keys.length) {
    throw new TypeError('cookieKeys lists the same key twice.');
  }
  return raw;
}

async function keyId(raw: Uint8Array): Promise<string> {
  const label = new TextEncoder().encode('telnyx-oauth-token-handler/kid\0');
  const input = new Uint8Array(label.length + raw.length);
  input.set(label);
  input.set(raw, label.length);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', input));
  return encodeBase64url(digest.subarray(0, 6));
}

/** Imports the keys (raw bytes from {@link decodeCookieKeys}, newest first) into a ring. */
export async function createKeyRing(keys: readonly Uint8Array<ArrayBuffer>[]): Promise<KeyRing> {
  const entries = await Promise.all(
    keys.map(async (raw) => {
      const kid = await keyId(raw);
      const cryptoKey = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
      return { kid, cryptoKey };
    }),
  );
  const byKid = new Map(entries.map(({ kid, cryptoKey }) => [kid, cryptoKey]));
  const current = entries[0] as { kid: string; cryptoKey: CryptoKey };

  return {
    currentKid: current.kid,
    async seal(plaintext, aad) {
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
      const ciphertext = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: aad },
        current.cryptoKey,
        plaintext,
      );
      return `v1.${current.kid}.${encodeBase64url(iv)}.${encodeBase64url(new Uint8Array(ciphertext))}`;
    },
    async open(sealed, aad) {
      const match = SEALED.exec(sealed);
      if (!match) return null;
      const key = byKid.get(match[1] as string);
      const iv = decodeBase64url(match[2] as string);
      const ciphertext = decodeBase64url(match[3] as string);
      if (!key || iv?.length !== IV_BYTES || !ciphertext) return null;
      try {
        const plaintext = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv, additionalData: aad },
          key,
          ciphertext,
        );
        return new Uint8Array(plaintext);
      } catch {
        return null; // wrong key material or a tampered value: authentication failed
      }
    },
  };
}
