import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64url, encodeBase64url } from './base64url.js';
import { createKeyRing, decodeCookieKeys, generateCookieKey, type KeyRing } from './key-ring.js';

const encode = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);
const decode = (bytes: Uint8Array | null): string | null => (bytes ? new TextDecoder().decode(bytes) : null);
const AAD = encode('issuer\nclient');
/** A ring of configured (text) keys, as the handler builds it: decoded by resolveOptions, then imported. */
const ringOf = async (keys: readonly string[]): Promise<KeyRing> => createKeyRing(decodeCookieKeys(keys));

describe('base64url', () => {
  it('round-trips bytes and refuses other spellings', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        expect(decodeBase64url(encodeBase64url(bytes))).toEqual(bytes);
      }),
    );
    expect(decodeBase64url('AQ==')).toBeUndefined(); // padding
    expect(decodeBase64url('A+/B')).toBeUndefined(); // standard alphabet
    expect(decodeBase64url('AR')).toBeUndefined(); // non-canonical: unused bits set
    expect(decodeBase64url('A')).toBeUndefined(); // impossible length
  });
});

describe('key ring', () => {
  it('generates 32-byte base64url keys', () => {
    const key = generateCookieKey();
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(decodeBase64url(key)).toHaveLength(32);
    expect(generateCookieKey()).not.toBe(key);
  });

  it('seals with a fresh IV each time and opens what it sealed', async () => {
    const ring = await ringOf([generateCookieKey()]);
    const a = await ring.seal(encode('refresh-token'), AAD);
    const b = await ring.seal(encode('refresh-token'), AAD);
    expect(a).not.toBe(b);
    expect(a.split('.')[1]).toBe(ring.currentKid);
    expect(decode(await ring.open(a, AAD))).toBe('refresh-token');
  });

  it('the first key seals; older keys still open; a removed key does not', async () => {
    const [newer, older] = [generateCookieKey(), generateCookieKey()];
    const before = await ringOf([older]);
    const during = await ringOf([newer, older]);
    const after = await ringOf([newer]);
    const sealedBefore = await before.seal(encode('x'), AAD);
    expect(decode(await during.open(sealedBefore, AAD))).toBe('x');
    const sealedDuring = await during.seal(encode('y'), AAD);
    expect(sealedDuring.split('.')[1]).toBe(after.currentKid);
    expect(decode(await after.open(sealedDuring, AAD))).toBe('y');
    expect(await after.open(sealedBefore, AAD)).toBeNull();
  });

  it('does not open a value bound to other additional data', async () => {
    const ring = await ringOf([generateCookieKey()]);
    const sealed = await ring.seal(encode('x'), AAD);
    expect(await ring.open(sealed, encode('issuer\nother-client'))).toBeNull();
  });

  it('refuses a value whose key id names a ring key but was sealed with another key', async () => {
    const ring = await ringOf([generateCookieKey()]);
    const other = await ringOf([generateCookieKey()]);
    const sealed = await other.seal(encode('x'), AAD);
    const [, , iv, ciphertext] = sealed.split('.');
    expect(await ring.open(`v1.${ring.currentKid}.${iv}.${ciphertext}`, AAD)).toBeNull();
  });

  it('opens nothing but the exact sealed value (property)', async () => {
    const ring = await ringOf([generateCookieKey()]);
    const sealed = await ring.seal(encode('a refresh token'), AAD);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 120 }),
          fc
            .record({ at: fc.nat(sealed.length - 1), char: fc.constantFrom(...'AQgw_-.0v1') })
            .map(({ at, char }) => sealed.slice(0, at) + char + sealed.slice(at + 1)),
          fc.nat(sealed.length - 1).map((at) => sealed.slice(0, at)),
        ),
        async (candidate) => {
          fc.pre(candidate !== sealed);
          expect(await ring.open(candidate, AAD)).toBeNull();
        },
      ),
      { numRuns: 500 },
    );
  });

  it.each([
    [[], 'at least one key'],
    [['short'], 'cookieKeys[0]'],
    [[`${generateCookieKey()}=`], 'cookieKeys[0]'],
    [[Buffer.alloc(32).toString('base64')], 'cookieKeys[0]'],
    [[Buffer.alloc(16).toString('base64url')], 'cookieKeys[0]'],
  ])('refuses the key list %j', async (keys, message) => {
    await expect(ringOf(keys as string[])).rejects.toThrow(message);
  });

  it('refuses the same key twice', async () => {
    const key = generateCookieKey();
    await expect(ringOf([key, key])).rejects.toThrow('same key twice');
  });
});
