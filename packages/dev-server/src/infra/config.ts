/** Options of the dev server (see the package README and the contract in the brief). */
export interface DevServerOptions {
  /** Base URL the server answers as; `startDevServer` sets it to the real URL. */
  issuer?: string;
  /** Seconds; default 1800 like Telnyx. */
  accessTokenTtl?: number;
  /**
   * Seconds one refresh token lives from its issue (an idle limit: a token not used within it expires);
   * default 30 days.
   */
  refreshTokenTtl?: number;
  /**
   * Seconds a sign-in can be kept alive by refreshing: no refresh token of a token family (one code
   * exchange) outlives the family's first refresh token's issue + this, however often it rotates
   * (browser-apps BCP). Default: `refreshTokenTtl`, so rotation never extends a session past the expiry
   * of its first refresh token. Larger values allow sliding sessions up to that cap.
   */
  refreshTokenAbsoluteTtl?: number;
  /** Seconds; default 60. */
  authorizationCodeTtl?: number;
  /** Rotate refresh tokens with reuse detection (default true); false emulates a non-rotating server. */
  rotateRefreshTokens?: boolean;
  /**
   * Seconds after a refresh token was rotated during which presenting it again is taken as a retry of a
   * lost answer (Auth0's and Okta's "reuse interval"): the answer is the successor issued for it, with a
   * fresh access token, instead of revoking the family. Only the most recently rotated token of a family
   * qualifies. Default 0: strict reuse detection (RFC 9700 §4.14.2).
   */
  reuseGrace?: number;
  /** Advertise and serve RFC 7009 revocation (default true); false behaves like today's Telnyx. */
  revocationEndpoint?: boolean;
  /** RFC 9207: advertise and add `iss` to every authorization response (default true). */
  issParameter?: boolean;
  /** Authorize redirects straight back with a code, skipping the consent page (default false). */
  autoConsent?: boolean;
  /** Added to every request except the admin API (default 0). */
  latencyMs?: number;
  /** Per client; default 5 per 60 s, what Telnyx is reported to do. */
  introspectionRateLimit?: { limit: number; windowSeconds: number };
  /** Added to the seeded public client's redirect_uris. */
  extraRedirectUris?: string[];
  /** Access token signing algorithm (default ES256; RS256 for RSA keys). Fixed at creation. */
  signingAlg?: 'ES256' | 'RS256';
  /** Clock in ms; default `Date.now()` read at every call, so fake timers work. */
  now?: () => number;
}

export type DevServerConfig = Required<DevServerOptions>;

export const DEFAULT_ISSUER = 'http://127.0.0.1:4010';

export function resolveConfig(options: DevServerOptions = {}): DevServerConfig {
  const refreshTokenTtl = options.refreshTokenTtl ?? 30 * 24 * 60 * 60;
  return {
    issuer: stripTrailingSlash(options.issuer ?? DEFAULT_ISSUER),
    accessTokenTtl: options.accessTokenTtl ?? 1800,
    refreshTokenTtl,
    refreshTokenAbsoluteTtl: options.refreshTokenAbsoluteTtl ?? refreshTokenTtl,
    authorizationCodeTtl: options.authorizationCodeTtl ?? 60,
    rotateRefreshTokens: options.rotateRefreshTokens ?? true,
    reuseGrace: options.reuseGrace ?? 0,
    revocationEndpoint: options.revocationEndpoint ?? true,
    issParameter: options.issParameter ?? true,
    autoConsent: options.autoConsent ?? false,
    latencyMs: options.latencyMs ?? 0,
    introspectionRateLimit: options.introspectionRateLimit ?? { limit: 5, windowSeconds: 60 },
    extraRedirectUris: options.extraRedirectUris ?? [],
    signingAlg: options.signingAlg ?? 'ES256',
    now: options.now ?? (() => Date.now()),
  };
}

function stripTrailingSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}

/** The config keys the admin API may change at runtime (JSON values only). */
export const PATCHABLE_CONFIG_KEYS = [
  'accessTokenTtl',
  'refreshTokenTtl',
  'refreshTokenAbsoluteTtl',
  'authorizationCodeTtl',
  'rotateRefreshTokens',
  'reuseGrace',
  'revocationEndpoint',
  'issParameter',
  'autoConsent',
  'latencyMs',
  'introspectionRateLimit',
] as const satisfies ReadonlyArray<keyof DevServerConfig>;
