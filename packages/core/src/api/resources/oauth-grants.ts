/** `/v2/oauth_grants`: the applications the signed-in user has authorised (connected apps). */
import { paginate, type PagePromise } from '../pagination.js';
import type { RequestOptions, Transport } from '../request.js';
import type { OAuthGrant, OAuthGrantListParams, OAuthGrantResponse } from '../types.js';
import { requireId } from '../validate.js';

/**
 * `/v2/oauth_grants`: the applications the calling user has authorised ("connected apps"), each with the
 * scopes granted: `api.oauthGrants` of a {@link TelnyxOAuthAPI}. Needs a bearer token: an API key, or an
 * access token with the account management scopes (`account_management.read` to read, `.write` to delete).
 */
export class OAuthGrants {
  constructor(private readonly transport: Transport) {}

  /**
   * `GET /v2/oauth_grants`, paginated: `await` it for the first page, or iterate every grant of every page
   * with `for await (const grant of api.oauthGrants.list())`.
   *
   * @param params - `page[number]` (from 1) and `page[size]` (1..100, default 20).
   * @returns A {@link PagePromise}: it rejects (or the loop throws) with a {@link ValidationError} for bad
   *   page parameters, or the request's {@link APIError}.
   */
  list(params?: OAuthGrantListParams, options?: RequestOptions): PagePromise<OAuthGrant> {
    return paginate<OAuthGrant>(this.transport, '/v2/oauth_grants', params, options);
  }

  /**
   * `GET /v2/oauth_grants/{id}` → `{ data: OAuthGrant }`.
   *
   * @throws {@link ValidationError} for an empty id; {@link NotFoundError} when the user has no such grant.
   */
  async retrieve(id: string, options?: RequestOptions): Promise<OAuthGrantResponse> {
    const res = await this.transport.request({ method: 'GET', path: grantPath(id), auth: 'bearer', options });
    return res.body as OAuthGrantResponse;
  }

  /**
   * `DELETE /v2/oauth_grants/{id}`: revokes the grant ("disconnect this app") with the tokens issued under
   * it, so the app's next refresh fails with `invalid_grant`. Answers `{ data: OAuthGrant }`, the grant as it
   * was.
   *
   * @throws {@link ValidationError} for an empty id; {@link NotFoundError} when the user has no such grant.
   */
  async delete(id: string, options?: RequestOptions): Promise<OAuthGrantResponse> {
    const res = await this.transport.request({
      method: 'DELETE',
      path: grantPath(id),
      auth: 'bearer',
      options,
    });
    return res.body as OAuthGrantResponse;
  }
}

function grantPath(id: string): string {
  return `/v2/oauth_grants/${encodeURIComponent(requireId('id', id))}`;
}
