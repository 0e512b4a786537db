/** The direct transport against a token endpoint that does not answer the browser (no CORS). */
import { createDevServer } from '@telnyx-oauth/dev-server';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_ORIGIN, createHarness } from './test-utils/harness.js';

/**
 * `fetch` as a browser on the app's origin runs it: a cross-origin answer without
 * `Access-Control-Allow-Origin` for this origin never reaches the page, which sees fetch's TypeError.
 */
function browserFetch(server: ReturnType<typeof createDevServer>): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    request.headers.set('origin', APP_ORIGIN);
    const response = await server.fetch(request);
    if (response.headers.get('access-control-allow-origin') !== APP_ORIGIN)
      throw new TypeError('Failed to fetch');
    return response;
  };
}

describe('a token endpoint without CORS (the dev server with cors: false, like the telnyx profile)', () => {
  const server = createDevServer({ cors: false });
  const harness = createHarness(server);
  afterEach(() => harness.destroyAll());

  it('fails the sign-in at the code exchange with a typed error that names both causes and the token handler', async () => {
    const client = harness.client({ fetch: browserFetch(server) });
    const authorize = await client.buildAuthorizeUrl(); // discovery still answers the browser
    const callback = await server.completeAuthorization(authorize);
    const failure = await client.handleRedirectCallback(callback).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'network_error', recoverable: false });
    expect((failure as Error).message).toMatch(/network is down/);
    expect((failure as Error).message).toMatch(/CORS/);
    expect((failure as Error).message).toMatch(/@telnyx-oauth\/token-handler/);
    expect(client.getSnapshot()).toMatchObject({
      status: 'unauthenticated',
      error: { code: 'network_error' },
    });
  });
});
