import { describe, expect, it } from 'vitest';
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InsufficientScopeError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
  ValidationError,
  parseErrorBody,
} from './errors.js';

describe('APIError.generate', () => {
  it.each([
    [400, BadRequestError, 'bad_request'],
    [401, AuthenticationError, 'authentication_failed'],
    [403, PermissionDeniedError, 'permission_denied'],
    [404, NotFoundError, 'not_found'],
    [409, ConflictError, 'conflict'],
    [422, UnprocessableEntityError, 'unprocessable_entity'],
    [429, RateLimitError, 'rate_limited'],
    [500, InternalServerError, 'internal_server_error'],
    [503, InternalServerError, 'internal_server_error'],
  ] as const)('maps %i to its class with a stable code', (status, ErrorClass, code) => {
    const error = APIError.generate(status, undefined, undefined, new Headers({ 'x-request-id': 'req-1' }));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(APIError);
    expect(error.name).toBe(ErrorClass.name);
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.requestId).toBe('req-1');
  });

  it('maps a 401 whose Bearer challenge says insufficient_scope to InsufficientScopeError, with its scopes', () => {
    const headers = new Headers({
      'www-authenticate': 'Bearer realm="Telnyx API", error="insufficient_scope", scope="a.write b.read"',
    });
    const error = APIError.generate(401, undefined, undefined, headers);
    expect(error).toBeInstanceOf(InsufficientScopeError);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ code: 'insufficient_scope', scopes: ['a.write', 'b.read'] });
    const expired = APIError.generate(
      401,
      undefined,
      undefined,
      new Headers({ 'www-authenticate': 'Bearer error="invalid_token"' }),
    );
    expect(expired).not.toBeInstanceOf(InsufficientScopeError);
    expect(expired.code).toBe('authentication_failed');
  });

  it('keeps other statuses as a plain APIError', () => {
    const error = APIError.generate(408, undefined, undefined, new Headers());
    expect(error.constructor).toBe(APIError);
    expect(error.code).toBe('api_error');
  });
});

describe('error bodies', () => {
  it('reads the Telnyx envelope into typed details and a readable message', () => {
    const body = {
      errors: [
        {
          code: '10027',
          title: 'Invalid scope',
          detail: 'Scope "fax.admin" is not allowed.',
          source: { pointer: '/allowed_scopes' },
          meta: { url: 'https://developers.telnyx.com/docs' },
        },
        { code: 10015, title: 'Bad request' },
      ],
    };
    const error = APIError.generate(422, body, undefined, new Headers());
    expect(error.error).toBe(body);
    expect(error.body).toBe(body);
    expect(error.errors).toEqual([
      {
        code: '10027',
        title: 'Invalid scope',
        detail: 'Scope "fax.admin" is not allowed.',
        source: { pointer: '/allowed_scopes' },
        meta: { url: 'https://developers.telnyx.com/docs' },
      },
      { code: '10015', title: 'Bad request' },
    ]);
    expect(error.message).toBe(
      '422 Invalid scope: Scope "fax.admin" is not allowed. (/allowed_scopes); Bad request',
    );
  });

  it('reads RFC 6749 §5.2 bodies', () => {
    const error = APIError.generate(
      400,
      { error: 'invalid_grant', error_description: 'The code was already used.' },
      undefined,
      new Headers(),
    );
    expect(error.oauthError).toBe('invalid_grant');
    expect(error.oauthErrorDescription).toBe('The code was already used.');
    expect(error.errors).toEqual([
      { code: 'invalid_grant', title: 'invalid_grant', detail: 'The code was already used.' },
    ]);
    expect(error.message).toBe('400 invalid_grant: The code was already used.');
  });

  it('keeps RFC 7591 invalid_fields', () => {
    const parsed = parseErrorBody({ error: 'invalid_client_metadata', invalid_fields: ['redirect_uris'] });
    expect(parsed.errors[0]?.meta).toEqual({ invalid_fields: ['redirect_uris'] });
  });

  it('survives bodies of any other shape', () => {
    for (const body of [undefined, null, 'oops', 42, [], { errors: 'no' }, { errors: [null, 'x'] }]) {
      const error = APIError.generate(500, body, undefined, new Headers());
      expect(error.errors).toEqual([]);
      expect(error.message).toMatch(/^500 /);
    }
  });

  it('falls back to the given text when the body says nothing', () => {
    expect(APIError.generate(502, 'Bad gateway', 'Bad gateway', new Headers()).message).toBe(
      '502 Bad gateway',
    );
    expect(APIError.generate(502, undefined, undefined, new Headers()).message).toBe(
      '502 status code (no body)',
    );
  });
});

describe('ValidationError', () => {
  it('names the field in the message and has a stable code', () => {
    const error = new ValidationError('redirect_uris[0]', 'must be an absolute URI');
    expect(error.code).toBe('validation_error');
    expect(error.field).toBe('redirect_uris[0]');
    expect(error.message).toBe('redirect_uris[0]: must be an absolute URI');
    expect(error).not.toBeInstanceOf(APIError);
  });
});
