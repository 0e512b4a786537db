/**
 * Sign-out's request that must survive the page going away (issue 11, finding 9): a fetch that holds it, and
 * the check that it was sent with `keepalive` and that `logout()` waited for its answer.
 */
import { expect, vi } from 'vitest';
import type { TelnyxAuth } from '../types.js';

type Fetch = typeof globalThis.fetch;

export interface HeldRequest {
  /** Forwards every request; the one whose URL ends with the held path waits until `release()`. */
  fetch: Fetch;
  /** The init of every held request, in order. */
  sent: RequestInit[];
  release(): void;
}

export function holdRequest(path: string, forward: Fetch): HeldRequest {
  const sent: RequestInit[] = [];
  let release = (): void => undefined;
  const fetch: Fetch = async (input, init) => {
    if (!String(input instanceof Request ? input.url : input).endsWith(path)) return forward(input, init);
    sent.push(init ?? {});
    await new Promise<void>((resolve) => (release = resolve));
    return forward(input, init);
  };
  return { fetch, sent, release: () => release() };
}

/** Signs `client` out: the held request goes with keepalive, and logout() resolves only after its answer. */
export async function expectLogoutToWaitFor(client: TelnyxAuth, held: HeldRequest): Promise<void> {
  let done = false;
  const logout = client.logout().then(() => (done = true));
  await vi.waitUntil(() => held.sent.length === 1);
  expect(held.sent[0]?.keepalive).toBe(true);
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(done).toBe(false); // still waiting for the answer
  held.release();
  await logout;
}
