/**
 * RFC 8414 authorization server metadata: fetched once through oauth4webapi, validated (issuer must match),
 * cached in storage with a TTL so a warm reload makes no metadata request, with endpoint overrides applied last
 * (e.g. a same-origin token proxy because of CORS).
 */
import { discoveryRequest, processDiscoveryResponse, type AuthorizationServer } from 'oauth4webapi';
import { DEV, isNetworkFailure, TelnyxAuthError } from './errors.js';
import { httpOptions } from './http.js';
import { storageKeys } from './names.js';
import { checkEndpointUrl, type ResolvedOptions } from './options.js';
import { isRetryableStatus } from './shared/retry.js';
import { readRecord, SCHEMA_VERSION, type DiscoveryRecord } from './storage/schema.js';

interface Loaded {
  as: AuthorizationServer;
  fetchedAt: number;
}

/** The metadata, from memory, storage (fresh) or the network, in that order; one load at a time. */
export function createDiscovery(o: ResolvedOptions): () => Promise<AuthorizationServer> {
  const issuer = new URL(o.issuer);
  const key = storageKeys(o.issuer, o.clientId).discovery;
  let memo: { as: Promise<AuthorizationServer>; until: number } | undefined;

  /** Overrides applied, then every endpoint the browser uses checked (https, or http on loopback). */
  function usable(as: AuthorizationServer): AuthorizationServer {
    const merged: Record<string, unknown> = { ...as, ...o.endpoints };
    for (const name of ['authorization_endpoint', 'token_endpoint', 'revocation_endpoint']) {
      if (merged[name] === undefined && name === 'revocation_endpoint') continue;
      try {
        checkEndpointUrl(merged[name], name);
      } catch (cause) {
        throw new TelnyxAuthError(
          'discovery_failed',
          DEV && `The metadata's ${name} is missing or unusable.`,
          {
            cause,
          },
        );
      }
    }
    return Object.freeze(merged) as AuthorizationServer;
  }

  /** A document that did not come over the network (configured or cached), validated by oauth4webapi. */
  const validated = async (metadata: Record<string, unknown>, fetchedAt: number): Promise<Loaded> => ({
    as: usable(
      await processDiscoveryResponse(
        issuer,
        new Response(JSON.stringify(metadata), { headers: { 'content-type': 'application/json' } }),
      ),
    ),
    fetchedAt,
  });

  async function load(): Promise<Loaded> {
    if (o.document) {
      try {
        return await validated(o.document, Infinity);
      } catch (cause) {
        throw cause instanceof TelnyxAuthError
          ? cause
          : new TelnyxAuthError(
              'invalid_options',
              DEV && 'The metadata option is not valid for this issuer.',
              {
                cause,
              },
            );
      }
    }
    let cached: DiscoveryRecord | null = null;
    try {
      cached = readRecord(await o.storage.get(key), 'discovery', o.issuer);
    } catch {
      // a corrupt or unreadable cache only costs a network request
    }
    const age = cached ? Date.now() - cached.fetchedAt : -1;
    if (cached && age >= 0 && age < o.discoveryTtl) {
      try {
        return await validated(cached.metadata, cached.fetchedAt);
      } catch {
        // fall through to the network
      }
    }
    let as: AuthorizationServer;
    try {
      as = await processDiscoveryResponse(
        issuer,
        await discoveryRequest(issuer, { algorithm: 'oauth2', ...httpOptions(o) }),
      );
    } catch (cause) {
      const response = (cause as { response?: unknown }).response ?? (cause as Error).cause;
      const error = new TelnyxAuthError(
        'discovery_failed',
        DEV && `Could not load the metadata of ${o.issuer}.`,
        {
          cause,
          recoverable:
            isNetworkFailure(cause) ||
            (response instanceof Response && isRetryableStatus(response.status, response.headers)),
        },
      );
      // Offline with a stale copy: a stale endpoint list beats no sign-in at all.
      if (cached && error.recoverable) {
        try {
          return await validated(cached.metadata, Date.now());
        } catch {
          // the error below
        }
      }
      throw error;
    }
    const fetchedAt = Date.now();
    const record: DiscoveryRecord = {
      v: SCHEMA_VERSION,
      kind: 'discovery',
      issuer: o.issuer,
      fetchedAt,
      metadata: as,
    };
    await o.storage.set(key, record).catch(() => undefined); // caching is an optimisation only
    return { as: usable(as), fetchedAt };
  }

  return () => {
    if (memo && Date.now() < memo.until) return memo.as;
    const as: Promise<AuthorizationServer> = load().then((loaded) => {
      if (memo?.as === as) memo.until = loaded.fetchedAt + o.discoveryTtl;
      return loaded.as;
    });
    // Single flight while loading; a failure is forgotten so the next call tries again.
    memo = { as, until: Infinity };
    as.catch(() => {
      if (memo?.as === as) memo = undefined;
    });
    return as;
  };
}
