/** Wiring of the API client to an in-process dev server, with instant, recorded retry waits. */
import { createDevServer, type DevServer } from '@telnyx-oauth/dev-server';
import { calculatePKCECodeChallenge, generateRandomCodeVerifier } from 'oauth4webapi';
import { TelnyxOAuthAPI, type ClientOptions } from '../client.js';
import { recordingSleep } from './scripted-fetch.js';

export interface DevServerHarness {
  server: DevServer;
  api: TelnyxOAuthAPI;
  /** Delays the client asked to wait between attempts, in ms. */
  delays: number[];
  client(options?: ClientOptions): TelnyxOAuthAPI;
}

export function devServerHarness(): DevServerHarness {
  const server = createDevServer();
  const recorder = recordingSleep();
  const client = (options: ClientOptions = {}) =>
    new TelnyxOAuthAPI({
      fetch: server.fetch,
      baseURL: server.issuer,
      apiKey: server.seed.user.apiKey,
      sleep: recorder.sleep,
      ...options,
    });
  return { server, api: client(), delays: recorder.delays, client };
}

/** RFC 7636 §4.1-4.2 S256 pair, from the same library the sign-in runtime uses. */
export async function pkcePair(): Promise<{ verifier: string; challenge: string }> {
  const verifier = generateRandomCodeVerifier();
  return { verifier, challenge: await calculatePKCECodeChallenge(verifier) };
}
