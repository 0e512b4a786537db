/**
 * RFC 8414 authorization server metadata: fetched once through oauth4webapi, validated (issuer must match),
 * cached in storage with a TTL so a warm reload makes no metadata request, with endpoint overrides applied last
 * (e.g. a same-origin token proxy because of CORS).
 */
import { discoveryRequest, processDiscoveryResponse, type AuthorizationServer } from 'oauth4webapi';
import { isNetworkFailure, TelnyxAuthError } from './errors.js';
import { httpOptions, responseOf } from './http.js';
import { checkEndpointUrl, type ResolvedOptions } from './options.js';
import { isRetryableStatus } from './shared/retry.js';
import { storageKeys } from './names.js';
import { readDiscoveryRecord, SCHEMA_VERSION, type DiscoveryRecord } from './storage/schema.js';

export interface Discovery {
  /** The metadata, from memory, storage (fresh) or the network, in that order. */
  get(): Promise<AuthorizationServer>;
}

/** Runs metadata through oauth4webapi's validation without a network round trip (cached or configured metadata). */
async function validateMetadata(
  issuer: URL,
  metadata: Record<string, unknown>,
): Promise<AuthorizationServer> {
  const response = new Response(JSON.stringify(metadata), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });
  return processDiscoveryResponse(issuer, response);
}

function applyOverrides(as: AuthorizationServer, options: ResolvedOptions): AuthorizationServer {
  const merged: AuthorizationServer = { ...as };
  for (const [name, value] of Object.entries(options.endpoints)) {
    if (typeof value === 'string') (merged as Record<string, unknown>)[name] = value;
  }
  for (const name of ['authorization_endpoint', 'token_endpoint'] as const) {
    if (typeof merged[name] !== 'string') {
      throw new TelnyxAuthError('discovery_failed', `Authorization server metadata has no ${name}.`);
    }
  }
  for (const name of ['authorization_endpoint', 'token_endpoint', 'revocation_endpoint'] as const) {
    const value = merged[name];
    if (typeof value === 'string') {
      try {
        checkEndpointUrl(value, name);
      } catch (cause) {
        throw new TelnyxAuthError(
          'discovery_failed',
          `Authorization server metadata has an unusable ${name}.`,
          {
            cause,
          },
        );
      }
    }
  }
  return merged;
}

export function createDiscovery(options: ResolvedOptions, now: () => number): Discovery {
  const issuerUrl = new URL(options.issuer);
  const key = storageKeys(options.issuer, options.clientId).discovery;
  let memo: { as: Promise<AuthorizationServer>; validUntil: number } | undefined;

  async function readCache(): Promise<DiscoveryRecord | null> {
    try {
      return readDiscoveryRecord(await options.storage.get(key), options.issuer);
    } catch {
      return null; // a corrupt or unreadable cache only costs a network request
    }
  }

  async function fetchMetadata(): Promise<Record<string, unknown>> {
    try {
      const response = await discoveryRequest(issuerUrl, { algorithm: 'oauth2', ...httpOptions(options) });
      return (await processDiscoveryResponse(issuerUrl, response)) as Record<string, unknown>;
    } catch (cause) {
      throw new TelnyxAuthError(
        'discovery_failed',
        `Could not load authorization server metadata for ${options.issuer}.`,
        {
          cause,
          recoverable:
            isNetworkFailure(cause) ||
            isRetryableStatus(responseOf(cause)?.status ?? 0, responseOf(cause)?.headers),
        },
      );
    }
  }

  /** Validated (oauth4webapi) metadata with the endpoint overrides applied. */
  const usable = async (metadata: Record<string, unknown>, fetchedAt: number) => ({
    as: applyOverrides(await validateMetadata(issuerUrl, metadata), options),
    fetchedAt,
  });

  async function load(): Promise<{ as: AuthorizationServer; fetchedAt: number }> {
    if (options.metadata) {
      try {
        return await usable(options.metadata, Infinity);
      } catch (cause) {
        if (cause instanceof TelnyxAuthError) throw cause;
        throw new TelnyxAuthError('invalid_options', 'The metadata option is not valid for this issuer.', {
          cause,
        });
      }
    }
    const cached = await readCache();
    const fresh = cached && now() - cached.fetchedAt < options.discoveryTtlMs && cached.fetchedAt <= now();
    if (cached && fresh) {
      try {
        return await usable(cached.metadata, cached.fetchedAt);
      } catch {
        // fall through to the network
      }
    }
    let metadata: Record<string, unknown>;
    try {
      metadata = await fetchMetadata();
    } catch (error) {
      // Offline with a stale copy: a stale endpoint list beats no sign-in at all.
      if (cached && error instanceof TelnyxAuthError && error.recoverable) {
        try {
          return await usable(cached.metadata, now());
        } catch {
          throw error;
        }
      }
      throw error;
    }
    const fetchedAt = now();
    const record: DiscoveryRecord = {
      v: SCHEMA_VERSION,
      kind: 'discovery',
      issuer: options.issuer,
      fetchedAt,
      metadata,
    };
    await options.storage.set(key, record).catch(() => undefined); // caching is an optimisation only
    return usable(metadata, fetchedAt);
  }

  return {
    get() {
      if (memo && now() < memo.validUntil) return memo.as;
      const as = load().then(({ as: metadata, fetchedAt }) => {
        if (memo?.as === as) memo.validUntil = fetchedAt + options.discoveryTtlMs;
        return metadata;
      });
      // Single flight while loading; a failure is forgotten so the next call tries again.
      memo = { as, validUntil: Infinity };
      as.catch(() => {
        if (memo?.as === as) memo = undefined;
      });
      return as;
    },
  };
}
