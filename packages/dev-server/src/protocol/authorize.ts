import { Hono } from 'hono';
import { upsertGrant, errorResponseUrl, grantCovers, issueCodeRedirect } from './authorization-response.js';
import type { AuthorizationRequest } from './authorization-response.js';
import { nowMs, type ServerContext } from '../infra/context.js';
import { htmlError } from './oauth-errors.js';
import { randomToken } from '../infra/crypto.js';
import { isKnownScope, parseScope } from './scopes.js';
import { SEED_USER } from '../infra/seed.js';
import { findGrant } from '../infra/state.js';

/** Consent tokens live as long as a user might take to read the consent page. */
const CONSENT_TTL_MS = 10 * 60 * 1000;

/** RFC 7636 §4.2: S256 challenge = base64url(SHA-256(verifier)), always 43 characters. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

function redirect(location: string): Response {
  return new Response(null, { status: 302, headers: { Location: location, 'Cache-Control': 'no-store' } });
}

/** `GET /v2/oauth/authorize` (RFC 6749 §4.1.1, RFC 7636, RFC 9700 §2.1.1). */
export function authorizeRoutes(ctx: ServerContext): Hono {
  const app = new Hono();
  app.get('/v2/oauth/authorize', (c) => {
    const url = new URL(c.req.url);
    const query = url.searchParams;
    // RFC 6749 §3.1: parameters must not be repeated.
    for (const key of new Set(query.keys())) {
      if (query.getAll(key).length > 1)
        return htmlError(400, 'invalid_request', `Parameter '${key}' is repeated.`);
    }
    const clientId = query.get('client_id');
    if (!clientId) return htmlError(400, 'invalid_request', 'client_id is required.');
    const client = ctx.state.clients.get(clientId);
    if (!client) return htmlError(404, 'invalid_client', `No OAuth client with client_id '${clientId}'.`);

    // RFC 6749 §3.1.2.3: exact match against the registered list; omitted only when exactly one is registered.
    const givenRedirect = query.get('redirect_uri');
    let redirectUri: string;
    if (givenRedirect === null) {
      const only = client.redirect_uris.length === 1 ? client.redirect_uris[0] : undefined;
      if (!only) return htmlError(400, 'invalid_request', 'redirect_uri is required.');
      redirectUri = only;
    } else if (!client.redirect_uris.includes(givenRedirect)) {
      return htmlError(422, 'invalid_redirect_uri', 'redirect_uri is not registered for this client.');
    } else {
      redirectUri = givenRedirect;
    }

    // From here on the redirect URI is trusted: errors go back to the client (RFC 6749 §4.1.2.1).
    const state = query.get('state');
    const fail = (error: string, description: string) =>
      redirect(errorResponseUrl(ctx, redirectUri, error, description, state));

    const responseType = query.get('response_type');
    if (!responseType) return fail('invalid_request', 'response_type is required.');
    if (responseType !== 'code')
      return fail('unsupported_response_type', 'Only response_type=code is supported.');
    if (!client.allowed_grant_types.includes('authorization_code')) {
      return fail('unauthorized_client', 'This client may not use the authorization code grant.');
    }

    const scopeParam = query.get('scope');
    // Without a scope the client gets what it is allowed (RFC 6749 §3.3 lets the server pick a default).
    const scopes = scopeParam === null ? [...client.allowed_scopes] : parseScope(scopeParam);
    if (scopes.length === 0) return fail('invalid_scope', 'scope is empty.');
    const unknown = scopes.filter((scope) => !isKnownScope(scope));
    if (unknown.length > 0) return fail('invalid_scope', `Unknown scope: ${unknown.join(' ')}.`);
    const notAllowed = scopes.filter((scope) => !client.allowed_scopes.includes(scope));
    if (notAllowed.length > 0)
      return fail('invalid_scope', `Scope not allowed for this client: ${notAllowed.join(' ')}.`);

    const challenge = query.get('code_challenge');
    const method = query.get('code_challenge_method');
    if (challenge === null) {
      if (method !== null) return fail('invalid_request', 'code_challenge_method without code_challenge.');
      // RFC 9700 §2.1.1: public clients must use PKCE, whatever their record's require_pkce says.
      if (client.require_pkce || client.client_type === 'public')
        return fail('invalid_request', 'This client requires PKCE: send code_challenge (S256).');
    } else {
      // RFC 7636 §4.3 defaults the method to plain, which this server refuses (RFC 9700 §2.1.1).
      if (method !== 'S256')
        return fail('invalid_request', 'code_challenge_method must be S256; plain is not supported.');
      if (!S256_CHALLENGE.test(challenge))
        return fail('invalid_request', 'code_challenge is not a valid S256 challenge.');
    }

    const request: AuthorizationRequest = {
      client,
      userId: SEED_USER.id,
      redirectUri,
      redirectUriProvided: givenRedirect !== null,
      scopes,
      state,
      codeChallenge: challenge,
    };
    const grant = findGrant(ctx.state, request.userId, client.client_id);
    if (ctx.config.autoConsent || grantCovers(grant, scopes)) {
      return redirect(
        issueCodeRedirect(ctx, request, upsertGrant(ctx, request.userId, client.client_id, scopes)),
      );
    }
    const consentToken = randomToken();
    ctx.state.consents.set(consentToken, {
      token: consentToken,
      client_id: client.client_id,
      user_id: request.userId,
      redirect_uri: redirectUri,
      redirect_uri_provided: request.redirectUriProvided,
      scopes,
      state,
      code_challenge: challenge,
      expires_at: nowMs(ctx) + CONSENT_TTL_MS,
    });
    return redirect(`${ctx.config.issuer}/consent?consent_token=${encodeURIComponent(consentToken)}`);
  });
  return app;
}
