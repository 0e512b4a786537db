/** Discovery documents, served at the host root (not under /v2). */
import type { RequestOptions, Transport } from '../request.js';
import type { AuthorizationServerMetadata, ProtectedResourceMetadata } from '../types.js';

/**
 * The discovery documents, served at the host root (not under `/v2`), without authentication:
 * `api.wellKnown` of a {@link TelnyxOAuthAPI}.
 */
export class WellKnown {
  constructor(private readonly transport: Transport) {}

  /**
   * `GET /.well-known/oauth-authorization-server`: where the authorization server's endpoints are and what
   * it supports. For a base URL with a path (an issuer such as `https://host/tenant`) the document is read
   * from `https://host/.well-known/oauth-authorization-server/tenant`, as RFC 8414 §3.1 places it. Telnyx's document names no `revocation_endpoint` and no
   * `authorization_response_iss_parameter_supported` today. Returned as served: the `issuer` is not compared
   * with the base URL (RFC 8414 §3.3 leaves that check to the caller).
   *
   * @throws {@link APIError} (a subclass per status) when the server answers an error, or a body that is
   *   not JSON.
   * @see RFC 8414 §3
   */
  async retrieveAuthorizationServerMetadata(options?: RequestOptions): Promise<AuthorizationServerMetadata> {
    const res = await this.transport.request({
      method: 'GET',
      path: '/.well-known/oauth-authorization-server',
      auth: 'none',
      options,
    });
    return res.body as AuthorizationServerMetadata;
  }

  /**
   * `GET /.well-known/oauth-protected-resource`: which authorization servers issue tokens for the API, the
   * scopes it knows, and how it takes bearer tokens (Telnyx: `["header"]`). A base URL's path goes after the
   * well-known segment, as for the authorization server's document (RFC 9728 §3.1).
   *
   * @throws {@link APIError} (a subclass per status) when the server answers an error, or a body that is
   *   not JSON.
   * @see RFC 9728 §3
   */
  async retrieveProtectedResourceMetadata(options?: RequestOptions): Promise<ProtectedResourceMetadata> {
    const res = await this.transport.request({
      method: 'GET',
      path: '/.well-known/oauth-protected-resource',
      auth: 'none',
      options,
    });
    return res.body as ProtectedResourceMetadata;
  }
}
