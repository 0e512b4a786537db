// Run by plain Node against the installed tarballs: every entry imports, and the dev server (with only its
// declared dependencies) answers the API client. Typechecked with the DOM lib: the sign-in entry and Hono's
// types name browser types (see tsconfig.node.json).
import assert from 'node:assert/strict';
import { createAuthFetch, createTelnyxAuth, isTelnyxAuthError, TelnyxAuthError } from '@telnyx-oauth/core';
import { popupSupport } from '@telnyx-oauth/core/popup';
import { tokenHandler } from '@telnyx-oauth/core/token-handler';
import { createDevServer, PUBLIC_CLIENT_ID } from '@telnyx-oauth/dev-server';
import { retrieveClient } from './api.js';

assert.equal(typeof createTelnyxAuth, 'function');
assert.equal(typeof createAuthFetch, 'function');
assert.equal(typeof tokenHandler().exchange, 'function');
assert.equal(typeof popupSupport().login, 'function'); // touches no browser global until a login
assert.equal(isTelnyxAuthError(new TelnyxAuthError('invalid_options', 'x')), true);

const server = createDevServer();
const client = await retrieveClient(
  { apiKey: server.seed.user.apiKey, baseURL: server.issuer, fetch: server.fetch },
  PUBLIC_CLIENT_ID,
);
assert.equal(client.client_id, PUBLIC_CLIENT_ID);

console.log(
  'node: @telnyx-oauth/core, /popup, /token-handler, /api, /shared and @telnyx-oauth/dev-server import and work',
);
