/**
 * Type tests: checked by `tsc` (the package typecheck) and by vitest at runtime (expectTypeOf is a no-op
 * there). Each `@ts-expect-error` fails the typecheck if the line it guards ever starts compiling.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { TelnyxAuth } from '../types.js';
import type {
  APIError,
  APIConnectionError,
  APIConnectionTimeoutError,
  RateLimitError,
  TelnyxOAuthAPI,
} from './index.js';
import {
  createTelnyxOAuthAPI,
  type AuthorizeRedirect,
  type ClientType,
  type GrantType,
  type OAuthClient,
  type OAuthClientCreateParams,
  type OAuthClientListParams,
  type OAuthClientResponse,
  type OAuthGrant,
  type OAuthGrantResponse,
  type Page,
  type PagePromise,
  type TelnyxAPIErrorCode,
  type TokenParams,
  type TokenResponse,
} from './index.js';

type API = TelnyxOAuthAPI;

describe('public types', () => {
  it('OAuthClient: required fields, enums as unions, nullable links', () => {
    expectTypeOf<OAuthClient['record_type']>().toEqualTypeOf<'oauth_client'>();
    expectTypeOf<OAuthClient['client_type']>().toEqualTypeOf<'public' | 'confidential'>();
    expectTypeOf<ClientType>().toEqualTypeOf<'public' | 'confidential'>();
    expectTypeOf<GrantType>().toEqualTypeOf<'authorization_code' | 'refresh_token' | 'client_credentials'>();
    expectTypeOf<OAuthClient['allowed_grant_types']>().toEqualTypeOf<GrantType[]>();
    expectTypeOf<OAuthClient['client_secret']>().toEqualTypeOf<string | null>();
    expectTypeOf<OAuthClient['logo_uri']>().toEqualTypeOf<string | null>();
    expectTypeOf<OAuthClient['require_pkce']>().toEqualTypeOf<boolean>();
    expectTypeOf<OAuthClient>().toHaveProperty('client_id').toEqualTypeOf<string>();
    expectTypeOf<OAuthClient>().toHaveProperty('org_id').toEqualTypeOf<string>();
    expectTypeOf<OAuthClient>().toHaveProperty('created_at').toEqualTypeOf<string>();
  });

  it('OAuthClientCreateParams: name, allowed_scopes, client_type, allowed_grant_types required', () => {
    expectTypeOf<
      Pick<OAuthClientCreateParams, 'name' | 'allowed_scopes' | 'client_type' | 'allowed_grant_types'>
    >().toEqualTypeOf<{
      name: string;
      allowed_scopes: string[];
      client_type: ClientType;
      allowed_grant_types: GrantType[];
    }>();
    // @ts-expect-error client_type and allowed_grant_types missing
    const missing: OAuthClientCreateParams = { name: 'x', allowed_scopes: [] };
    // @ts-expect-error not a client type
    const wrongType: OAuthClientCreateParams['client_type'] = 'spa';
    void missing;
    void wrongType;
  });

  it('OAuthGrant: every field required, last_used_at nullable', () => {
    expectTypeOf<OAuthGrant>().toEqualTypeOf<{
      record_type: 'oauth_grant';
      id: string;
      client_id: string;
      created_at: string;
      scopes: string[];
      last_used_at: string | null;
    }>();
  });

  it('resources return Telnyx envelopes', () => {
    expectTypeOf<API['oauthClients']['retrieve']>().returns.toEqualTypeOf<Promise<OAuthClientResponse>>();
    expectTypeOf<OAuthClientResponse['data']>().toEqualTypeOf<OAuthClient>();
    expectTypeOf<API['oauthClients']['delete']>().returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf<API['oauthGrants']['delete']>().returns.toEqualTypeOf<Promise<OAuthGrantResponse>>();
    expectTypeOf<API['oauth']['token']>().returns.toEqualTypeOf<Promise<TokenResponse>>();
    expectTypeOf<TokenResponse['token_type']>().toEqualTypeOf<'Bearer'>();
    expectTypeOf<API['oauth']['retrieveAuthorize']>().returns.toEqualTypeOf<Promise<AuthorizeRedirect>>();
  });

  it('list() is awaitable to a page and iterable over items', () => {
    type Listing = ReturnType<API['oauthClients']['list']>;
    expectTypeOf<Listing>().toEqualTypeOf<PagePromise<OAuthClient>>();
    expectTypeOf<Listing>().toMatchTypeOf<PromiseLike<Page<OAuthClient>>>();
    expectTypeOf<Listing>().toMatchTypeOf<AsyncIterable<OAuthClient>>();
    expectTypeOf<Awaited<Listing>>().toEqualTypeOf<Page<OAuthClient>>();
    expectTypeOf<API['oauthClients']['list']>()
      .parameter(0)
      .toEqualTypeOf<OAuthClientListParams | undefined>();
    expectTypeOf<Page<OAuthGrant>['data']>().toEqualTypeOf<OAuthGrant[]>();
    expectTypeOf<Page<OAuthGrant>['getNextPage']>().returns.toEqualTypeOf<Promise<Page<OAuthGrant>>>();
    expectTypeOf<API['oauthGrants']['list']>().returns.toEqualTypeOf<PagePromise<OAuthGrant>>();
  });

  it('filters are typed', () => {
    expectTypeOf<OAuthClientListParams['filter[client_type]']>().toEqualTypeOf<ClientType | undefined>();
    expectTypeOf<OAuthClientListParams['filter[allowed_grant_types][contains]']>().toEqualTypeOf<
      GrantType | undefined
    >();
    // @ts-expect-error unknown filter
    const unknown: OAuthClientListParams = { 'filter[colour]': 'red' };
    void unknown;
  });

  it('token params require what each grant type needs', () => {
    // @ts-expect-error authorization_code needs code
    const noCode: TokenParams = { grant_type: 'authorization_code' };
    // @ts-expect-error refresh_token needs refresh_token
    const noRefresh: TokenParams = { grant_type: 'refresh_token' };
    const ok: TokenParams = { grant_type: 'client_credentials', scope: 'numbers.read' };
    void noCode;
    void noRefresh;
    void ok;
  });

  it('a TelnyxAuth binds structurally', () => {
    expectTypeOf(createTelnyxOAuthAPI).toBeCallableWith({ auth: {} as TelnyxAuth });
    expectTypeOf(createTelnyxOAuthAPI).returns.toEqualTypeOf<TelnyxOAuthAPI>();
  });

  it('errors keep the SDK hierarchy and stable codes', () => {
    expectTypeOf<RateLimitError>().toMatchTypeOf<APIError>();
    expectTypeOf<APIConnectionTimeoutError>().toMatchTypeOf<APIConnectionError>();
    expectTypeOf<APIError['status']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<APIError['code']>().toEqualTypeOf<TelnyxAPIErrorCode>();
  });
});
