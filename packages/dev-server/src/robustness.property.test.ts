import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorShapeFor } from './infra/endpoints.js';
import { SEED_USER } from './infra/seed.js';
import { createDevServer } from './server.js';

const TARGETS = [
  ['GET', '/v2/oauth/authorize'],
  ['GET', '/v2/oauth/consent/abc'],
  ['POST', '/v2/oauth/grants'],
  ['POST', '/v2/oauth/token'],
  ['POST', '/v2/oauth/introspect'],
  ['POST', '/v2/oauth/revoke'],
  ['POST', '/v2/oauth/register'],
  ['GET', '/v2/oauth_clients'],
  ['POST', '/v2/oauth_clients'],
  ['PUT', '/v2/oauth_clients/telnyx-oauth-demo'],
  ['GET', '/v2/oauth_grants'],
  ['POST', '/__admin/faults'],
  ['PATCH', '/__admin/config'],
] as const;

const contentType = fc.constantFrom(
  undefined,
  'application/json',
  'application/json; charset=utf-8',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/merge-patch+json',
);

const PARAM_NAMES = [
  'grant_type',
  'code',
  'client_id',
  'client_secret',
  'token',
  'redirect_uri',
  'scope',
  'allowed',
  'consent_token',
  'name',
  'redirect_uris',
  'endpoint',
  'status',
  'page[size]',
  'page[number]',
  'filter[verified]',
];
const paramValue = fc.oneof(
  fc.string(),
  fc.constantFrom(
    'authorization_code',
    'refresh_token',
    'client_credentials',
    'telnyx-oauth-demo',
    'true',
    '-1',
    '101',
    'S256',
  ),
);
const params = fc.dictionary(fc.constantFrom(...PARAM_NAMES), paramValue, { maxKeys: 6 });

const body = fc.oneof(
  fc.constant(undefined),
  fc.string(),
  fc.json(),
  params.map((value) => JSON.stringify(value)),
  params.map((value) => new URLSearchParams(value).toString()),
  fc.uint8Array({ maxLength: 64 }),
  fc
    .jsonValue()
    .map((value) =>
      JSON.stringify({ allowed: value, consent_token: value, name: value, allowed_scopes: value }),
    ),
);

describe('robustness', () => {
  it('answers any request with a well-formed response and never a 5xx', async () => {
    const server = createDevServer();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...TARGETS),
        contentType,
        body,
        params,
        fc.boolean(),
        async ([method, path], type, payload, query, authed) => {
          server.reset();
          const headers: Record<string, string> = {};
          if (type) headers['Content-Type'] = type;
          if (authed) headers['Authorization'] = `Bearer ${SEED_USER.apiKey}`;
          const url = `${path}?${new URLSearchParams(query).toString()}`;
          const response = await server.fetch(url, {
            method,
            headers,
            body: method === 'GET' ? undefined : payload,
          });
          expect(response.status).toBeGreaterThanOrEqual(200);
          expect(response.status).toBeLessThan(500);
          const text = await response.text();
          const responseType = response.headers.get('content-type') ?? '';
          if (responseType.includes('json')) {
            const parsed = JSON.parse(text) as Record<string, unknown>;
            if (response.status >= 400 && !path.startsWith('/__admin')) {
              const shape = errorShapeFor(path);
              if (shape === 'oauth') expect(typeof parsed['error']).toBe('string');
              if (shape === 'telnyx') expect(Array.isArray(parsed['errors'])).toBe(true);
            }
          } else if (response.status >= 400) {
            expect(responseType).toContain('text/html');
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
