import { TELNYX_CODES, telnyxErrorItem, type TelnyxErrorItem } from './telnyx-errors.js';
import { isKnownScope } from '../protocol/scopes.js';
import { GRANT_TYPES, type ClientRecord, type GrantType } from '../infra/state.js';
import { redirectUriProblem, webUriProblem } from '../protocol/client-uris.js';

/** The client fields a create or update body may set. */
export type ClientFields = Pick<
  ClientRecord,
  | 'name'
  | 'client_type'
  | 'allowed_grant_types'
  | 'allowed_scopes'
  | 'redirect_uris'
  | 'require_pkce'
  | 'logo_uri'
  | 'tos_uri'
  | 'policy_uri'
>;

/** The fields to apply, or every problem found. */
export type ClientValidation =
  { ok: true; fields: Partial<ClientFields> } | { ok: false; errors: TelnyxErrorItem[] };

const REQUIRED_ON_CREATE = ['name', 'client_type', 'allowed_grant_types', 'allowed_scopes'] as const;

function item(field: string, detail: string): TelnyxErrorItem {
  return telnyxErrorItem(TELNYX_CODES.validation, 'Invalid value', detail, { pointer: `/${field}` });
}

function stringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((entry) => typeof entry === 'string');
}

/**
 * Validates a create (POST) or update (PUT) body of /v2/oauth_clients, collecting every problem as a
 * 422 error item with a JSON pointer, the way Telnyx's envelope reports them.
 */
export function validateClientBody(
  body: Record<string, unknown>,
  mode: 'create' | 'update',
  existing?: ClientRecord,
): ClientValidation {
  const errors: TelnyxErrorItem[] = [];
  const fields: Partial<ClientFields> = {};
  if (mode === 'create') {
    for (const field of REQUIRED_ON_CREATE) {
      if (body[field] === undefined || body[field] === null)
        errors.push(item(field, `${field} is required.`));
    }
  } else if (body['client_type'] !== undefined && body['client_type'] !== existing?.client_type) {
    errors.push(item('client_type', 'client_type cannot be changed.'));
  }
  const name = body['name'];
  if (name !== undefined && name !== null) {
    if (typeof name !== 'string' || name.trim() === '' || name.length > 255) {
      errors.push(item('name', 'name must be a non-empty string of at most 255 characters.'));
    } else fields.name = name.trim();
  }
  const clientType = body['client_type'];
  if (mode === 'create' && clientType !== undefined && clientType !== null) {
    if (clientType !== 'public' && clientType !== 'confidential') {
      errors.push(item('client_type', "client_type must be 'public' or 'confidential'."));
    } else fields.client_type = clientType;
  }
  const grantTypes = body['allowed_grant_types'];
  if (grantTypes !== undefined && grantTypes !== null) {
    if (!stringArray(grantTypes) || grantTypes.length === 0) {
      errors.push(item('allowed_grant_types', 'allowed_grant_types must be a non-empty array of strings.'));
    } else {
      const unknown = grantTypes.filter((type) => !GRANT_TYPES.includes(type as GrantType));
      if (unknown.length > 0) {
        errors.push(item('allowed_grant_types', `Unknown grant types: ${unknown.join(', ')}.`));
      } else fields.allowed_grant_types = [...new Set(grantTypes as GrantType[])];
    }
  }
  const scopes = body['allowed_scopes'];
  if (scopes !== undefined && scopes !== null) {
    if (!stringArray(scopes) || scopes.length === 0) {
      errors.push(item('allowed_scopes', 'allowed_scopes must be a non-empty array of strings.'));
    } else {
      const unknown = scopes.filter((scope) => !isKnownScope(scope));
      if (unknown.length > 0) errors.push(item('allowed_scopes', `Unknown scopes: ${unknown.join(', ')}.`));
      else fields.allowed_scopes = [...new Set(scopes)];
    }
  }
  const redirectUris = body['redirect_uris'];
  if (redirectUris !== undefined && redirectUris !== null) {
    if (!stringArray(redirectUris)) {
      errors.push(item('redirect_uris', 'redirect_uris must be an array of strings.'));
    } else {
      const problems = redirectUris
        .map((uri) => [uri, redirectUriProblem(uri)] as const)
        .filter(([, problem]) => problem !== undefined);
      for (const [uri, problem] of problems) errors.push(item('redirect_uris', `${uri}: ${problem}.`));
      if (problems.length === 0) fields.redirect_uris = [...new Set(redirectUris)];
    }
  }
  const requirePkce = body['require_pkce'];
  if (requirePkce !== undefined && requirePkce !== null) {
    if (typeof requirePkce !== 'boolean')
      errors.push(item('require_pkce', 'require_pkce must be a boolean.'));
    else fields.require_pkce = requirePkce;
  }
  for (const field of ['logo_uri', 'tos_uri', 'policy_uri'] as const) {
    const value = body[field];
    if (value === undefined) continue;
    if (value === null) {
      fields[field] = null;
      continue;
    }
    const problem = webUriProblem(value);
    if (problem) errors.push(item(field, `${field} ${problem}.`));
    else fields[field] = value as string;
  }
  if (errors.length > 0) return { ok: false, errors };

  // Cross-field rules on the merged result.
  const type = fields.client_type ?? existing?.client_type;
  const grants = fields.allowed_grant_types ?? existing?.allowed_grant_types ?? [];
  const uris = fields.redirect_uris ?? existing?.redirect_uris ?? [];
  if (type === 'public' && grants.includes('client_credentials')) {
    errors.push(item('allowed_grant_types', 'Public clients cannot use client_credentials.'));
  }
  if (grants.includes('authorization_code') && uris.length === 0) {
    errors.push(item('redirect_uris', 'redirect_uris is required for the authorization_code grant.'));
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, fields };
}
