/** `/v2/oauth_grants`: the applications the signed-in user has authorised (connected apps). */
import { paginate, type PagePromise } from '../pagination.js';
import type { RequestOptions, Transport } from '../request.js';
import type { OAuthGrant, OAuthGrantListParams, OAuthGrantResponse } from '../types.js';
import { requireId } from '../validate.js';

export class OAuthGrants {
  constructor(private readonly transport: Transport) {}

  /** Every grant, page by page: `for await (const grant of api.oauthGrants.list())`. */
  list(params?: OAuthGrantListParams, options?: RequestOptions): PagePromise<OAuthGrant> {
    return paginate<OAuthGrant>(this.transport, '/v2/oauth_grants', params, options);
  }

  /** `GET /v2/oauth_grants/{id}`. */
  async retrieve(id: string, options?: RequestOptions): Promise<OAuthGrantResponse> {
    const res = await this.transport.request({ method: 'GET', path: grantPath(id), auth: 'bearer', options });
    return res.body as OAuthGrantResponse;
  }

  /** `DELETE /v2/oauth_grants/{id}`: revokes the grant (and its tokens); answers the revoked grant. */
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
