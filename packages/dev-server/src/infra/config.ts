/**
 * Named sets of defaults for the switches where today's documented Telnyx lacks what the standards offer:
 * `standard` (the default) offers everything; `telnyx` offers only what Telnyx documents today, the
 * pessimistic case a browser-only app must survive (no revocation endpoint, no RFC 9207 `iss`, no CORS on
 * the token and revocation endpoints, no refresh tokens for public clients). Individual options override.
 */
export type DevServerProfile = 'standard' | 'telnyx';

/** The switches a profile sets, by profile. */
export const PROFILES: Readonly<
  Record<
    DevServerProfile,
    Readonly<Pick<DevServerConfig, 'revocationEndpoint' | 'issParameter' | 'cors' | 'publicClientRefresh'>>
  >
> = {
  standard: { revocationEndpoint: true, issParameter: true, cors: true, publicClientRefresh: true },
  telnyx: { revocationEndpoint: false, issParameter: false, cors: false, publicClientRefresh: false },
};

/** Options of `createDevServer` and `startDevServer` (see the package README). All optional. */
export interface DevServerOptions {
  /**
   * Defaults for `revocationEndpoint`, `issParameter`, `cors` and `publicClientRefresh` (see
   * `DevServerProfile`); those options, when given, override it. Default `'standard'`.
   */
  profile?: DevServerProfile;
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
  /**
   * Advertise and serve RFC 7009 revocation; false behaves like today's Telnyx. Default: the profile's
   * (true).
   */
  revocationEndpoint?: boolean;
  /** RFC 9207: advertise and add `iss` to every authorization response. Default: the profile's (true). */
  issParameter?: boolean;
  /**
   * CORS on the token and revocation endpoints for registered origins. False: they send no CORS headers
   * and refuse preflights, so a browser cannot read their answers (Telnyx documents no CORS there); other
   * endpoints keep theirs. Default: the profile's (true).
   */
  cors?: boolean;
  /**
   * Refresh tokens for public clients. False: a public client's code exchange answers no `refresh_token`
   * and its refresh_token grant is refused (`unauthorized_client`), as Telnyx's telnyx.com metadata says
   * ("refresh is not available for clients without a secret"); confidential clients are unaffected.
   * Default: the profile's (true).
   */
  publicClientRefresh?: boolean;
  /** Authorize redirects straight back with a code, skipping the consent page (default false). */
  autoConsent?: boolean;
  /** Added to every request except the admin API (default 0). */
  latencyMs?: number;
  /** Per client; default 5 per 60 s, what Telnyx is reported to do. */
  introspectionRateLimit?: {
    /** Calls allowed per client within the window; one more answers 429. */
    limit: number;
    /** The window's length, in seconds. */
    windowSeconds: number;
  };
  /**
   * Added to the redirect_uris of both seeded demo clients (the public one and the confidential one a token
   * handler uses), e.g. the demo served on another port.
   */
  extraRedirectUris?: string[];
  /** Access token signing algorithm (default ES256; RS256 for RSA keys). Fixed at creation. */
  signingAlg?: 'ES256' | 'RS256';
  /** Clock in ms; default `Date.now()` read at every call, so fake timers work. */
  now?: () => number;
}

/** The resolved options: every default filled in (the profile's switches included). */
export type DevServerConfig = Required<DevServerOptions>;

/** Where `pnpm dev-server` and the demo expect the server. */
export const DEFAULT_ISSUER = 'http://127.0.0.1:4010';

/** Options with every default filled in; throws a TypeError for an unknown profile. */
export function resolveConfig(options: DevServerOptions = {}): DevServerConfig {
  const profile = options.profile ?? 'standard';
  if (!Object.hasOwn(PROFILES, profile)) {
    throw new TypeError(
      `Unknown dev server profile '${String(profile)}'; use one of ${Object.keys(PROFILES).join(', ')}.`,
    );
  }
  const base = PROFILES[profile];
  const refreshTokenTtl = options.refreshTokenTtl ?? 30 * 24 * 60 * 60;
  return {
    profile,
    issuer: stripTrailingSlash(options.issuer ?? DEFAULT_ISSUER),
    accessTokenTtl: options.accessTokenTtl ?? 1800,
    refreshTokenTtl,
    refreshTokenAbsoluteTtl: options.refreshTokenAbsoluteTtl ?? refreshTokenTtl,
    authorizationCodeTtl: options.authorizationCodeTtl ?? 60,
    rotateRefreshTokens: options.rotateRefreshTokens ?? true,
    reuseGrace: options.reuseGrace ?? 0,
    revocationEndpoint: options.revocationEndpoint ?? base.revocationEndpoint,
    issParameter: options.issParameter ?? base.issParameter,
    cors: options.cors ?? base.cors,
    publicClientRefresh: options.publicClientRefresh ?? base.publicClientRefresh,
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

/**
 * The config keys the admin API may change at runtime (JSON values only; not the profile, the issuer or
 * the signing key).
 */
export const PATCHABLE_CONFIG_KEYS = [
  'accessTokenTtl',
  'refreshTokenTtl',
  'refreshTokenAbsoluteTtl',
  'authorizationCodeTtl',
  'rotateRefreshTokens',
  'reuseGrace',
  'revocationEndpoint',
  'issParameter',
  'cors',
  'publicClientRefresh',
  'autoConsent',
  'latencyMs',
  'introspectionRateLimit',
] as const satisfies ReadonlyArray<keyof DevServerConfig>;
