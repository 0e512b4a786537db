import { calculateJwkThumbprint, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

/** ES256 by default: key generation takes milliseconds, where RSA takes up to a second per server. */
export type SigningAlg = 'ES256' | 'RS256';

/** The key pair that signs access tokens, with its public JWK as /v2/oauth/jwks shows it. */
export interface SigningKey {
  alg: SigningAlg;
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/** One server's signing key. */
export interface KeyStore {
  /** The key generated on first use (many tests never sign anything). */
  signingKey(): Promise<SigningKey>;
}

/** A key store whose key is generated on first use. */
export function createKeyStore(alg: SigningAlg): KeyStore {
  let pending: Promise<SigningKey> | undefined;
  return {
    signingKey() {
      pending ??= generateSigningKey(alg);
      return pending;
    },
  };
}

async function generateSigningKey(alg: SigningAlg): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { alg, kid, privateKey, publicJwk: { ...jwk, kid, alg, use: 'sig' } };
}
