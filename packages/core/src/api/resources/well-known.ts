/** Discovery documents, served at the host root (not under /v2). */
import type { RequestOptions, Transport } from '../request.js';
import type { AuthorizationServerMetadata, ProtectedResourceMetadata } from '../types.js';

export class WellKnown {
  constructor(private readonly transport: Transport) {}

  /** RFC 8414 §3: `GET /.well-known/oauth-authorization-server`. */
  async retrieveAuthorizationServerMetadata(options?: RequestOptions): Promise<AuthorizationServerMetadata> {
    const res = await this.transport.request({
      method: 'GET',
      path: '/.well-known/oauth-authorization-server',
      auth: 'none',
      options,
    });
    return res.body as AuthorizationServerMetadata;
  }

  /** RFC 9728 §3: `GET /.well-known/oauth-protected-resource`. */
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
