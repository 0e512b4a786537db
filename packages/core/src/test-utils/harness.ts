/**
 * Test harness: an in-process dev server, a fake window (location + history) and helpers to sign in the way a
 * browser would (buildAuthorizeUrl -> the server's consent flow -> handleRedirectCallback).
 */
import {
  createDevServer,
  PUBLIC_CLIENT_ID,
  type DevServer,
  type DevServerOptions,
} from '@telnyx-oauth/dev-server';
import { afterEach, beforeEach } from 'vitest';
import { createAuthFetch } from '../auth-fetch.js';
import { createTelnyxAuth } from '../client.js';
import { createInMemoryLockManager } from '../locks.js';
import { createMemoryStorage } from '../storage/memory.js';
import type { BroadcastChannelLike, StorageAdapter, TelnyxAuth, TelnyxAuthOptions } from '../types.js';

export const REDIRECT_URI = 'http://localhost:5173/callback';
export const APP_ORIGIN = 'http://localhost:5173';
export const SCOPE = ['account_management.read'];

export interface FakeWindow {
  location: { href: string; origin: string; assign(url: string): void };
  history: { state: unknown; replaceState(state: unknown, title: string, url: string): void };
  assigned: string[];
  replaced: string[];
}

export function createFakeWindow(href = `${APP_ORIGIN}/`): FakeWindow {
  const win: FakeWindow = {
    assigned: [],
    replaced: [],
    location: {
      href,
      get origin() {
        return new URL(win.location.href).origin;
      },
      assign(url: string) {
        win.assigned.push(url);
      },
    },
    history: {
      state: { app: 'state' },
      replaceState(state: unknown, _title: string, url: string) {
        win.history.state = state;
        win.location.href = new URL(url, win.location.href).href;
        win.replaced.push(url);
      },
    },
  };
  return win;
}

/** An in-memory BroadcastChannel hub: channels with the same name on one hub deliver to each other (not to self). */
export function createChannelHub(): (name: string) => BroadcastChannelLike {
  const members = new Map<string, Set<Set<(event: { data: unknown }) => void>>>();
  return (name) => {
    const listeners = new Set<(event: { data: unknown }) => void>();
    const peers = members.get(name) ?? new Set();
    members.set(name, peers);
    peers.add(listeners);
    return {
      postMessage(message) {
        const data = structuredClone(message);
        for (const other of peers) {
          if (other === listeners) continue;
          for (const listener of [...other]) queueMicrotask(() => listener({ data }));
        }
      },
      addEventListener: (_type, listener) => listeners.add(listener),
      removeEventListener: (_type, listener) => listeners.delete(listener),
      close: () => peers.delete(listeners),
    };
  };
}

export type HarnessClient = TelnyxAuth & {
  window: FakeWindow;
  authFetch: ReturnType<typeof createAuthFetch>;
};

export interface Harness {
  server: DevServer;
  storage: StorageAdapter;
  locks: ReturnType<typeof createInMemoryLockManager>;
  channels: (name: string) => BroadcastChannelLike;
  /**
   * A new client ("tab") sharing this harness's server, storage, locks and channel hub; `authFetch` is
   * `createAuthFetch` over it, sending through the same `fetch` as the client.
   */
  client(overrides?: Partial<TelnyxAuthOptions>): HarnessClient;
  destroyAll(): void;
}

/**
 * Fresh storage, locks and channels around a dev server. Pass an existing server (and `reset()` it between tests)
 * to avoid paying for its key generation and seeding in every test.
 */
export function createHarness(serverOrOptions: DevServer | DevServerOptions = {}): Harness {
  const server = 'fetch' in serverOrOptions ? serverOrOptions : createDevServer(serverOrOptions);
  const storage = createMemoryStorage();
  const locks = createInMemoryLockManager();
  const channels = createChannelHub();
  const clients: TelnyxAuth[] = [];
  return {
    server,
    storage,
    locks,
    channels,
    client(overrides = {}) {
      const win = createFakeWindow();
      const client = createTelnyxAuth({
        clientId: PUBLIC_CLIENT_ID,
        redirectUri: REDIRECT_URI,
        scope: SCOPE,
        issuer: server.issuer,
        fetch: server.fetch,
        storage,
        locks,
        broadcastChannel: channels,
        window: win as unknown as Pick<Window, 'location' | 'history'>,
        autoRefresh: false,
        ...overrides,
      });
      clients.push(client);
      const authFetch = createAuthFetch(client, { fetch: overrides.fetch ?? server.fetch });
      return Object.assign(client, { window: win, authFetch });
    },
    destroyAll() {
      for (const client of clients.splice(0)) client.destroy();
    },
  };
}

/**
 * One harness per test around a shared server: before each test the server is reset and a fresh harness made
 * (register it before the file's own `beforeEach`, which then sees the reset server); after each, every client
 * is destroyed. The returned harness always speaks for the running test's.
 */
export function harnessPerTest(server: DevServer): Harness {
  let current: Harness | undefined;
  beforeEach(() => {
    server.reset();
    current = createHarness(server);
  });
  afterEach(() => current?.destroyAll());
  const now = (): Harness => {
    if (!current) throw new Error('harnessPerTest: the harness is only there during a test');
    return current;
  };
  return {
    server,
    get storage() {
      return now().storage;
    },
    get locks() {
      return now().locks;
    },
    get channels() {
      return now().channels;
    },
    client: (overrides) => now().client(overrides),
    destroyAll: () => now().destroyAll(),
  };
}

/** Runs the whole browser sign-in against the dev server and returns the callback URL that was handled. */
export async function signIn(
  client: TelnyxAuth & { window: FakeWindow },
  server: DevServer,
  login: Parameters<TelnyxAuth['buildAuthorizeUrl']>[0] = {},
): Promise<string> {
  const authorizeUrl = await client.buildAuthorizeUrl(login);
  const callbackUrl = await server.completeAuthorization(authorizeUrl);
  client.window.location.href = callbackUrl;
  await client.handleRedirectCallback();
  return callbackUrl;
}
