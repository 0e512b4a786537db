/** Request bodies and client credentials in the encodings RFC 6749 asks for. */
import { ValidationError } from './errors.js';
import type { ClientAuthOptions } from './request.js';

export function applyClientAuth(
  headers: Headers,
  fields: Record<string, unknown>,
  options: ClientAuthOptions,
): void {
  const { clientId, clientSecret } = options;
  if (clientSecret !== undefined && clientId === undefined) {
    throw new ValidationError('clientId', 'is required with clientSecret (HTTP Basic client authentication)');
  }
  if (clientId !== undefined && clientSecret !== undefined) {
    if (fields.client_secret !== undefined) {
      // RFC 6749 §2.3: a client MUST NOT use more than one authentication method in a request.
      throw new ValidationError(
        'client_secret',
        'pass the secret once: in the body (client_secret_post) or as the clientSecret option (client_secret_basic), not both',
      );
    }
    // RFC 6749 §2.3.1: both parts are form-urlencoded before base64.
    const user = formComponent(clientId);
    const password = formComponent(clientSecret);
    headers.set('authorization', `Basic ${base64(`${user}:${password}`)}`);
  } else if (clientId !== undefined && fields.client_id === undefined) {
    fields.client_id = clientId;
  }
}

function formComponent(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function formEncode(fields: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    params.set(key, Array.isArray(value) ? value.join(' ') : String(value));
  }
  return params.toString();
}
