// The server-side entries, typechecked as a Node-only project (no DOM lib) and run by plain Node: the Telnyx
// OAuth API client and the shared HTTP rules must not need browser types.
import assert from 'node:assert/strict';
import { TelnyxOAuthAPI, ValidationError, type OAuthClient } from '@telnyx-oauth/core/api';
import { isRetryableStatus, parseBearerChallenge } from '@telnyx-oauth/core/shared';

assert.equal(isRetryableStatus(503), true);
assert.equal(parseBearerChallenge('Bearer error="invalid_token"')?.error, 'invalid_token');
assert.ok(new ValidationError('page[size]', 'bad') instanceof Error);

/** The API client against any fetch-compatible server (the dev server in ./check.ts). */
export async function retrieveClient(
  options: { apiKey: string; baseURL: string; fetch: typeof fetch },
  clientId: string,
): Promise<OAuthClient> {
  const api = new TelnyxOAuthAPI(options);
  const metadata = await api.wellKnown.retrieveAuthorizationServerMetadata();
  assert.equal(metadata.issuer, options.baseURL);
  const { data } = await api.oauthClients.retrieve(clientId);
  return data;
}
