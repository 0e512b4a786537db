import { Hono } from 'hono';
import { nowMs, type ServerContext } from '../infra/context.js';
import { json } from '../infra/http.js';
import { oauthError } from './oauth-errors.js';
import { randomId, randomToken } from '../infra/crypto.js';
import { readBody } from '../infra/request-body.js';
import { ALL_SCOPES, isKnownScope, parseScope } from './scopes.js';
import { GRANT_TYPES, type ClientRecord, type GrantType } from '../infra/state.js';
import { redirectUriProblem, webUriProblem } from './client-uris.js';

const AUTH_METHODS = ['none', 'client_secret_basic', 'client_secret_post'] as const;
type AuthMethod = (typeof AUTH_METHODS)[number];

class MetadataError {
  constructor(
    readonly error: 'invalid_client_metadata' | 'invalid_redirect_uri',
    readonly description: string,
    readonly fields: string[],
  ) {}
}

function stringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((entry) => typeof entry === 'string');
}

/** RFC 7591 §2 metadata rules, defaults as Telnyx documents them. */
function validateMetadata(body: Record<string, unknown>): MetadataError | ClientRecord {
  const invalid: string[] = [];
  const problems: string[] = [];
  const note = (field: string, problem: string) => {
    invalid.push(field);
    problems.push(`${field} ${problem}`);
  };
  const grantTypes = body['grant_types'] ?? ['authorization_code'];
  if (
    !stringArray(grantTypes) ||
    grantTypes.length === 0 ||
    grantTypes.some((type) => !GRANT_TYPES.includes(type as GrantType))
  ) {
    note('grant_types', `must be a non-empty array of ${GRANT_TYPES.join(', ')}`);
  }
  const responseTypes = body['response_types'] ?? ['code'];
  if (!stringArray(responseTypes) || responseTypes.some((type) => type !== 'code')) {
    note('response_types', "must be an array containing only 'code'");
  }
  const authMethod = body['token_endpoint_auth_method'] ?? 'client_secret_basic';
  if (typeof authMethod !== 'string' || !AUTH_METHODS.includes(authMethod as AuthMethod)) {
    note('token_endpoint_auth_method', `must be one of ${AUTH_METHODS.join(', ')}`);
  }
  const clientName = body['client_name'];
  if (clientName !== undefined && (typeof clientName !== 'string' || clientName.trim() === '')) {
    note('client_name', 'must be a non-empty string');
  }
  const scope = body['scope'];
  let scopes = [...ALL_SCOPES];
  if (scope !== undefined) {
    if (typeof scope !== 'string' || parseScope(scope).length === 0)
      note('scope', 'must be a space-separated list of scopes');
    else {
      scopes = parseScope(scope);
      const unknown = scopes.filter((entry) => !isKnownScope(entry));
      if (unknown.length > 0) note('scope', `contains unknown scopes: ${unknown.join(' ')}`);
    }
  }
  for (const field of ['logo_uri', 'tos_uri', 'policy_uri'] as const) {
    if (body[field] === undefined) continue;
    const problem = webUriProblem(body[field]);
    if (problem) note(field, problem);
  }
  if (invalid.length > 0)
    return new MetadataError('invalid_client_metadata', `${problems.join('; ')}.`, invalid);

  const grants = grantTypes as GrantType[];
  const responses = responseTypes as string[];
  const method = authMethod as AuthMethod;
  // RFC 7591 §2.1: grant_types and response_types must agree.
  if (grants.includes('authorization_code') !== responses.includes('code')) {
    return new MetadataError(
      'invalid_client_metadata',
      "grant_types includes authorization_code exactly when response_types includes 'code'.",
      ['grant_types', 'response_types'],
    );
  }
  if (method === 'none' && grants.includes('client_credentials')) {
    return new MetadataError(
      'invalid_client_metadata',
      'Public clients (none) cannot use client_credentials.',
      ['grant_types', 'token_endpoint_auth_method'],
    );
  }
  const redirectUris = body['redirect_uris'] ?? [];
  if (!stringArray(redirectUris)) {
    return new MetadataError('invalid_redirect_uri', 'redirect_uris must be an array of strings.', [
      'redirect_uris',
    ]);
  }
  if (grants.includes('authorization_code') && redirectUris.length === 0) {
    return new MetadataError('invalid_redirect_uri', 'redirect_uris is required for authorization_code.', [
      'redirect_uris',
    ]);
  }
  for (const uri of redirectUris) {
    const problem = redirectUriProblem(uri);
    if (problem) return new MetadataError('invalid_redirect_uri', `${uri}: ${problem}.`, ['redirect_uris']);
  }
  const isPublic = method === 'none';
  return {
    client_id: randomId(),
    name: typeof clientName === 'string' ? clientName.trim() : 'Unnamed client',
    org_id: '',
    user_id: null,
    client_type: isPublic ? 'public' : 'confidential',
    client_secret: isPublic ? null : randomToken(),
    require_pkce: isPublic,
    verified: false,
    allowed_grant_types: [...new Set(grants)],
    allowed_scopes: scopes,
    redirect_uris: [...new Set(redirectUris)],
    logo_uri: (body['logo_uri'] as string | undefined) ?? null,
    tos_uri: (body['tos_uri'] as string | undefined) ?? null,
    policy_uri: (body['policy_uri'] as string | undefined) ?? null,
    created_at: '',
    updated_at: '',
    token_endpoint_auth_method: method,
  };
}

/** RFC 7591 dynamic client registration (open, no initial access token, like Telnyx). */
export function registerRoutes(ctx: ServerContext): Hono {
  const app = new Hono();
  app.post('/v2/oauth/register', async (c) => {
    const body = await readBody(c, ['json']);
    if (!body.ok) return oauthError(400, 'invalid_client_metadata', body.detail, {}, { invalid_fields: [] });
    const result = validateMetadata(body.params);
    if (result instanceof MetadataError) {
      return oauthError(400, result.error, result.description, {}, { invalid_fields: result.fields });
    }
    const issuedAt = nowMs(ctx);
    result.created_at = result.updated_at = new Date(issuedAt).toISOString();
    ctx.state.clients.set(result.client_id, result);
    const response: Record<string, unknown> = {
      client_id: result.client_id,
      client_id_issued_at: Math.floor(issuedAt / 1000),
      client_name: result.name,
      grant_types: result.allowed_grant_types,
      response_types: result.allowed_grant_types.includes('authorization_code') ? ['code'] : [],
      redirect_uris: result.redirect_uris,
      token_endpoint_auth_method: result.token_endpoint_auth_method,
      scope: result.allowed_scopes.join(' '),
    };
    if (result.client_secret) {
      response['client_secret'] = result.client_secret;
      response['client_secret_expires_at'] = 0; // RFC 7591 §3.2.1: 0 = never expires
    }
    for (const field of ['logo_uri', 'tos_uri', 'policy_uri'] as const) {
      if (result[field] !== null) response[field] = result[field];
    }
    return json(response, 201, { 'Cache-Control': 'no-store' });
  });
  return app;
}
