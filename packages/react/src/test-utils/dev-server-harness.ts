/**
 * Integration harness: real core clients ("tabs") against an in-process dev server, sharing storage,
 * locks and a BroadcastChannel hub the way tabs of one browser share IndexedDB, Web Locks and channels.
 * Each tab gets a fake location/history so that a redirect to Telnyx is recorded instead of navigating.
 */
import { afterEach, beforeEach } from 'vitest';
import { createDevServer, PUBLIC_CLIENT_ID, type DevServer } from '@telnyx-oauth/dev-server';
import {
  createInMemoryLockManager,
  createMemoryStorage,
  createTelnyxAuth,
  type BroadcastChannelLike,
  type TelnyxAuth,
  type TelnyxAuthOptions,
} from '@telnyx-oauth/core';

export const REDIRECT_URI = 'http://localhost:5173/callback';

export interface FakeWindow {
  location: { href: string; origin: string; assign(url: string): void };
  history: { state: unknown; replaceState(state: unknown, title: string, url: string): void };
  /** URLs passed to location.assign: the redirects to the authorization endpoint. */
  assigned: string[];
}

function createFakeWindow(href = 'http://localhost:5173/'): FakeWindow {
  const win: FakeWindow = {
    assigned: [],
    location: {
      href,
      get origin() {
        return new URL(win.location.href).origin;
      },
      assign: (url) => void win.assigned.push(url),
    },
    history: {
      state: null,
      replaceState(state, _title, url) {
        win.history.state = state;
        win.location.href = new URL(url, win.location.href).href;
      },
    },
  };
  return win;
}

/** Channels of one name deliver to each other (not to themselves), asynchronously, like BroadcastChannel. */
function createChannelHub(): { open: (name: string) => BroadcastChannelLike; closed: () => number } {
  const members = new Map<string, Set<Set<(event: { data: unknown }) => void>>>();
  let closed = 0;
  return {
    closed: () => closed,
    open(name) {
      const listeners = new Set<(event: { data: unknown }) => void>();
      const peers = members.get(name) ?? new Set();
      members.set(name, peers);
      peers.add(listeners);
      return {
        postMessage(message) {
          const data = structuredClone(message);
          for (const other of peers) {
            if (other === listeners) continue;
            for (const listener of [...other]) setTimeout(() => listener({ data }), 0);
          }
        },
        addEventListener: (_type, listener) => void listeners.add(listener),
        removeEventListener: (_type, listener) => void listeners.delete(listener),
        close() {
          closed += 1;
          peers.delete(listeners);
        },
      };
    },
  };
}

export type Tab = TelnyxAuth & { window: FakeWindow };
export type TabOverrides = Omit<Partial<TelnyxAuthOptions>, 'window'>;

export interface Browser {
  server: DevServer;
  /** Options for createTelnyxAuth (or <TelnyxAuthProvider>) that put a client in this browser. */
  options(overrides?: TabOverrides): TelnyxAuthOptions & { window: FakeWindow };
  /** A new tab: a client sharing this browser's storage, locks and channels. */
  tab(overrides?: TabOverrides): Tab;
  /** How many channels were closed (a destroyed client closes its channel). */
  closedChannels(): number;
  destroyAll(): void;
}

/** One dev server per test file (key generation is not free); reset it before each test. */
export function createTestServer(): DevServer {
  return createDevServer({ extraRedirectUris: [REDIRECT_URI] });
}

export function createBrowser(server: DevServer): Browser {
  const storage = createMemoryStorage();
  const locks = createInMemoryLockManager();
  const hub = createChannelHub();
  const tabs: TelnyxAuth[] = [];
  const options: Browser['options'] = (overrides = {}) => {
    const win = createFakeWindow();
    return {
      clientId: PUBLIC_CLIENT_ID,
      redirectUri: REDIRECT_URI,
      scope: ['account_management.read'],
      issuer: server.issuer,
      fetch: server.fetch,
      storage,
      locks,
      broadcastChannel: hub.open,
      autoRefresh: false,
      ...overrides,
      window: win as unknown as FakeWindow & Pick<Window, 'location' | 'history'>,
    };
  };
  return {
    server,
    options,
    tab(overrides) {
      const tabOptions = options(overrides);
      const client = createTelnyxAuth(tabOptions);
      tabs.push(client);
      return Object.assign(client, { window: tabOptions.window });
    },
    closedChannels: hub.closed,
    destroyAll() {
      for (const tab of tabs.splice(0)) tab.destroy();
    },
  };
}

/**
 * The set-up every dev-server test file shares: one server for the file, reset before each test, and a
 * fresh browser per test whose tabs are destroyed after it. The returned Browser forwards to the current
 * test's browser, so it can be held in a file-level const.
 */
export function browserPerTest(server: DevServer): Browser {
  let current: Browser | undefined;
  beforeEach(() => {
    server.reset();
    current = createBrowser(server);
  });
  afterEach(() => current?.destroyAll());
  const browser = (): Browser => {
    if (current === undefined) throw new Error('browserPerTest: use the browser inside a test.');
    return current;
  };
  return {
    server,
    options: (overrides) => browser().options(overrides),
    tab: (overrides) => browser().tab(overrides),
    closedChannels: () => browser().closedChannels(),
    destroyAll: () => browser().destroyAll(),
  };
}

/** The user at Telnyx: approves (or denies) the authorization request the tab redirected to. */
export function consent(server: DevServer, tab: Tab, allowed = true): Promise<string> {
  const authorizeUrl = tab.window.assigned.at(-1);
  if (authorizeUrl === undefined) throw new Error('The tab has not redirected to Telnyx.');
  return server.completeAuthorization(authorizeUrl, { allowed });
}

/** A complete sign-in without React: redirect, consent, callback. */
export async function signIn(server: DevServer, tab: Tab): Promise<void> {
  await tab.loginWithRedirect({ returnTo: '/' });
  await tab.handleRedirectCallback(await consent(server, tab));
}
