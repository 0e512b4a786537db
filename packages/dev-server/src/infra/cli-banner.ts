import type { DevServerConfig } from './config.js';
import { CONFIDENTIAL_CLIENT_ID, CONFIDENTIAL_CLIENT_SECRET, PUBLIC_CLIENT_ID, SEED_USER } from './seed.js';

const onOff = (value: boolean) => (value ? 'on' : 'off');

/** What `pnpm dev-server` prints once listening: where, with which credentials, and the effective settings. */
export function bannerLines(url: string, config: DevServerConfig): string[] {
  return [
    `Telnyx OAuth dev server listening on ${url}`,
    `  metadata:       ${url}/.well-known/oauth-authorization-server`,
    `  API key:        ${SEED_USER.apiKey}  (user ${SEED_USER.id}, ${SEED_USER.email})`,
    `  demo client:    ${PUBLIC_CLIENT_ID}  (public, PKCE)`,
    `  confidential:   ${CONFIDENTIAL_CLIENT_ID} / ${CONFIDENTIAL_CLIENT_SECRET}`,
    `  profile ${config.profile}: revocation ${onOff(config.revocationEndpoint)}, ` +
      `iss ${onOff(config.issParameter)}, CORS on token/revoke ${onOff(config.cors)}, ` +
      `refresh for public clients ${onOff(config.publicClientRefresh)}`,
    `  access tokens ${config.accessTokenTtl}s, refresh tokens ${config.refreshTokenTtl}s ` +
      `(session at most ${config.refreshTokenAbsoluteTtl}s), rotation ${onOff(config.rotateRefreshTokens)}, ` +
      `reuse grace ${config.reuseGrace}s, consent ${config.autoConsent ? 'automatic' : 'page'}`,
  ];
}
