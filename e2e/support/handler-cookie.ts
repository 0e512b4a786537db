/**
 * The token handler's session cookie, opened with the handler's own code and the test's cookie key
 * (support/profiles.ts), so a test knows the refresh token the dev server issued and the handler keeps:
 * the one secret the page must never see. Watches every `Set-Cookie` the handler sends to the context.
 */
import type { BrowserContext, Response } from '@playwright/test';
import { createKeyRing } from '../../packages/token-handler/src/key-ring.js';
import { resolveOptions } from '../../packages/token-handler/src/options.js';
import { createSessionCookies } from '../../packages/token-handler/src/session-cookie.js';

/** The handler's cookie on an http loopback origin: no `__Secure-` prefix (see its README). */
export const HANDLER_COOKIE_NAME = 'telnyx-auth';

export interface HandlerCookieWatch {
  /** Every refresh token a `Set-Cookie` of the handler carried, in order. */
  readonly refreshTokens: string[];
  /** Resolves once every cookie seen so far was opened. */
  settle(): Promise<void>;
}

/**
 * Opens each session cookie the handler at `basePath` sets in `context` (the handler of `issuer`, client
 * `clientId`, sealed with `cookieKey`) and records the refresh token inside; `onToken` gets each new one.
 */
export function watchHandlerCookies(
  context: BrowserContext,
  settings: { appOrigin: string; basePath: string; issuer: string; clientId: string; cookieKey: string },
  onToken: (refreshToken: string) => void,
): HandlerCookieWatch {
  const options = resolveOptions({
    issuer: settings.issuer,
    clientId: settings.clientId,
    clientSecret: 'unused: this reads cookies only',
    cookieKeys: [settings.cookieKey],
    allowedOrigins: [settings.appOrigin],
    basePath: settings.basePath,
  });
  const cookies = createSessionCookies(options, () => createKeyRing(options.cookieKeys));
  const refreshTokens: string[] = [];
  const pending: Promise<void>[] = [];

  async function open(response: Response): Promise<void> {
    const header = await response.headerValue('set-cookie');
    for (const line of header?.split('\n') ?? []) {
      const pair = line.split(';')[0] ?? '';
      if (!pair.startsWith(`${HANDLER_COOKIE_NAME}=`) || pair === `${HANDLER_COOKIE_NAME}=`) continue;
      const request = new Request(settings.appOrigin, { headers: { cookie: pair } });
      const read = await cookies.read(request, false);
      if (read.kind !== 'valid') throw new Error(`a session cookie the test could not open (${read.kind})`);
      if (!refreshTokens.includes(read.session.refreshToken)) {
        refreshTokens.push(read.session.refreshToken);
        onToken(read.session.refreshToken);
      }
    }
  }

  context.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith(`${settings.basePath}/`)) pending.push(open(response));
  });
  return {
    refreshTokens,
    settle: async () => {
      await Promise.all(pending);
    },
  };
}
