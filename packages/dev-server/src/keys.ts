import { calculateJwkThumbprint, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

export const SIGNING_ALG = 'RS256';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export interface KeyStore {
  /** The key generated on first use (RSA generation is slow; many tests never sign anything). */
  signingKey(): Promise<SigningKey>;
}

export function createKeyStore(): KeyStore {
  let pending: Promise<SigningKey> | undefined;
  return {
    signingKey() {
      pending ??= generateSigningKey();
      return pending;
    },
  };
}

async function generateSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, privateKey, publicJwk: { ...jwk, kid, alg: SIGNING_ALG, use: 'sig' } };
}
