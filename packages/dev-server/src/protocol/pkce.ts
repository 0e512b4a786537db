import { createHash } from 'node:crypto';
import { constantTimeEqual } from '../infra/crypto.js';

/** RFC 7636 §4.1: 43 to 128 unreserved characters. */
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

/** RFC 7636 §4.1 verifier syntax. */
export function isValidVerifier(verifier: string): boolean {
  return VERIFIER.test(verifier);
}

/** RFC 7636 §4.6: BASE64URL(SHA256(ASCII(code_verifier))) == code_challenge. */
export function verifierMatches(verifier: string, challenge: string): boolean {
  return constantTimeEqual(challenge, createHash('sha256').update(verifier, 'ascii').digest('base64url'));
}
