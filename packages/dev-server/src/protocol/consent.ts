import { Hono } from 'hono';
import { errorResponseUrl, issueCodeRedirect, upsertGrant } from './authorization-response.js';
import { requireFirstPartySession, type CallerVariables } from '../management/bearer-auth.js';
import { nowMs, type ServerContext } from '../infra/context.js';
import { TELNYX_CODES, telnyxError, telnyxErrorItem } from '../management/telnyx-errors.js';
import { json } from '../infra/http.js';
import { readBody } from '../infra/request-body.js';
import { describeScope } from './scopes.js';
import type { ConsentRecord } from '../infra/state.js';

function invalid(pointer: string, detail: string): Response {
  return telnyxError(422, [telnyxErrorItem(TELNYX_CODES.validation, 'Invalid value', detail, { pointer })]);
}

/** The consent API the consent page calls as the signed-in user. */
export function consentRoutes(ctx: ServerContext): Hono<{ Variables: CallerVariables }> {
  const app = new Hono<{ Variables: CallerVariables }>();
  app.use('/v2/oauth/consent/*', requireFirstPartySession(ctx));
  app.use('/v2/oauth/grants', requireFirstPartySession(ctx));

  const findConsent = (token: string, userId: string): ConsentRecord | undefined => {
    const consent = ctx.state.consents.get(token);
    if (!consent || consent.user_id !== userId) return undefined;
    if (consent.expires_at <= nowMs(ctx)) {
      ctx.state.consents.delete(token);
      return undefined;
    }
    return consent;
  };

  app.get('/v2/oauth/consent/:consentToken', (c) => {
    const consent = findConsent(c.req.param('consentToken'), c.get('caller').userId);
    const client = consent && ctx.state.clients.get(consent.client_id);
    if (!consent || !client) return invalid('/consent_token', 'The consent token is invalid or expired.');
    return json({
      data: {
        client_id: client.client_id,
        name: client.name,
        logo_uri: client.logo_uri,
        policy_uri: client.policy_uri,
        tos_uri: client.tos_uri,
        redirect_uri: consent.redirect_uri,
        requested_scopes: consent.scopes.map(describeScope),
        verified: client.verified,
      },
    });
  });

  app.post('/v2/oauth/grants', async (c) => {
    const body = await readBody(c);
    if (!body.ok) {
      const status = body.problem === 'content_type' ? 415 : 400;
      const code =
        body.problem === 'content_type' ? TELNYX_CODES.unsupportedMediaType : TELNYX_CODES.invalidParameter;
      return telnyxError(status, [telnyxErrorItem(code, 'Invalid request', body.detail)]);
    }
    let allowed = body.params['allowed'];
    if (body.format === 'form' && (allowed === 'true' || allowed === 'false')) allowed = allowed === 'true';
    const token = body.params['consent_token'];
    if (typeof token !== 'string' || token === '')
      return invalid('/consent_token', 'consent_token is required.');
    if (typeof allowed !== 'boolean') return invalid('/allowed', 'allowed must be true or false.');
    const consent = findConsent(token, c.get('caller').userId);
    const client = consent && ctx.state.clients.get(consent.client_id);
    if (!consent || !client) return invalid('/consent_token', 'The consent token is invalid or expired.');
    // Single use: a consent decision cannot be replayed to mint more codes.
    ctx.state.consents.delete(token);
    if (!allowed) {
      return json({
        redirect_uri: errorResponseUrl(
          ctx,
          consent.redirect_uri,
          'access_denied',
          'The user denied access.',
          consent.state,
        ),
      });
    }
    const grant = upsertGrant(ctx, consent.user_id, client.client_id, consent.scopes);
    const redirectUri = issueCodeRedirect(
      ctx,
      {
        client,
        userId: consent.user_id,
        redirectUri: consent.redirect_uri,
        redirectUriProvided: consent.redirect_uri_provided,
        scopes: consent.scopes,
        state: consent.state,
        codeChallenge: consent.code_challenge,
      },
      grant,
    );
    return json({ redirect_uri: redirectUri });
  });
  return app;
}
