/**
 * Where the token and revocation endpoints are: from the configuration alone (`metadata` or
 * `tokenEndpoint`: no network, which the telnyx.com document needs, since a strict RFC 8414 client rejects
 * it for being served from another host than its issuer), or discovered from the issuer (RFC 8414 §3),
 * cached for `discoveryTtl`, one discovery at a time.
 */
import { isSecureOrLoopback } from '@telnyx-oauth/core/shared';
import { discoveryRequest, processDiscoveryResponse, type AuthorizationServer } from 'oauth4webapi';
import { HandlerError } from './errors.js';
import { parseUrl, type ResolvedOptions } from './options.js';
import type { UpstreamHttp } from './upstream-http.js';

export interface MetadataSource {
  /**
   * The metadata to send requests with.
   *
   * @throws HandlerError `discovery_failed` (unusable document), `upstream_unavailable`, `upstream_timeout`.
   */
  get(): Promise<AuthorizationServer>;
}

function withRevocationOverride(as: AuthorizationServer, options: ResolvedOptions): AuthorizationServer {
  const patched: { -readonly [K in keyof AuthorizationServer]: AuthorizationServer[K] } = { ...as };
  if (options.revocationEndpoint === false) delete patched.revocation_endpoint;
  else if (options.revocationEndpoint !== undefined) patched.revocation_endpoint = options.revocationEndpoint;
  if (options.tokenEndpoint !== undefined) patched.token_endpoint = options.tokenEndpoint;
  return patched;
}

function usableEndpoint(value: unknown): boolean {
  const url = typeof value === 'string' ? parseUrl(value) : undefined;
  return url !== undefined && isSecureOrLoopback(url);
}

/**
 * The metadata source for the options: static when `metadata` or `tokenEndpoint` is configured, else
 * discovery from the issuer (RFC 8414 §3) with `revocationEndpoint` applied on top.
 *
 * @see RFC 8414 §3.3 (the issuer in the document must equal the issuer it was fetched for)
 */
export function createMetadataSource(options: ResolvedOptions, http: UpstreamHttp): MetadataSource {
  if (options.metadata !== undefined || options.tokenEndpoint !== undefined) {
    const as = withRevocationOverride(
      { ...options.metadata, issuer: options.metadata?.issuer ?? options.issuer } as AuthorizationServer,
      options,
    );
    return { get: () => Promise.resolve(as) };
  }

  let cached: { as: AuthorizationServer; until: number } | undefined;
  let inflight: Promise<AuthorizationServer> | undefined;

  async function discover(): Promise<AuthorizationServer> {
    const response = await http.send('default', options.issuerUrl, (transport) =>
      discoveryRequest(options.issuerUrl, { ...transport, algorithm: 'oauth2' }),
    );
    let as: AuthorizationServer;
    try {
      as = await processDiscoveryResponse(options.issuerUrl, response);
    } catch (cause) {
      throw new HandlerError('discovery_failed', 'The authorization server metadata could not be used.', {
        cause,
      });
    }
    const patched = withRevocationOverride(as, options);
    if (
      !usableEndpoint(patched.token_endpoint) ||
      (patched.revocation_endpoint !== undefined && !usableEndpoint(patched.revocation_endpoint))
    ) {
      throw new HandlerError('discovery_failed', 'The metadata names an endpoint that is not https.');
    }
    cached = { as: patched, until: options.now() + options.discoveryTtl };
    return patched;
  }

  return {
    get() {
      if (cached && options.now() < cached.until) return Promise.resolve(cached.as);
      inflight ??= discover().finally(() => {
        inflight = undefined;
      });
      return inflight;
    },
  };
}
