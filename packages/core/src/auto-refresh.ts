/**
 * Proactive refresh: a timer set to fire `refreshLeeway` before the access token expires, so API calls rarely
 * wait for a refresh. Timers are throttled in background tabs and useless offline, so the check also runs when
 * the page becomes visible again and when the network comes back. After a failure it backs off (30 s doubling
 * to 5 min, or the server's Retry-After when longer) instead of hammering the token endpoint.
 */
import type { TelnyxAuthError } from './errors.js';
import { needsRefresh, refreshDueAt, type TokenSet } from './token-set.js';

/** setTimeout's ceiling (about 24.8 days); longer delays would fire immediately. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const RETRY_MS = 30_000;
const RETRY_MAX_MS = 5 * 60_000;

export interface AutoRefreshDeps {
  enabled: boolean;
  leewayMs: number;
  now(): number;
  tokens(): TokenSet | null;
  /** Starts a refresh; its outcome reaches the snapshot through the coordinator's hooks. */
  refresh(): void;
  /** Re-reads the shared session when the page becomes visible (changes made by other tabs meanwhile). */
  resync(): void;
}

export interface AutoRefresh {
  /** (Re)arms the timer for the current tokens. */
  schedule(): void;
  succeeded(): void;
  failed(error: TelnyxAuthError): void;
  /** Adds the visibilitychange / online listeners (browsers only). */
  listen(): void;
  stop(): void;
}

export function createAutoRefresh(deps: AutoRefreshDeps): AutoRefresh {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let retryNotBefore = 0;
  let failures = 0;
  let stopped = false;
  const removers: Array<() => void> = [];

  function schedule(): void {
    clearTimeout(timer);
    timer = undefined;
    const tokens = deps.tokens();
    const dueAt = tokens ? refreshDueAt(tokens, deps.leewayMs) : null;
    if (!deps.enabled || stopped || !tokens?.refreshToken || dueAt === null) return;
    const delay = Math.max(dueAt, retryNotBefore) - deps.now();
    timer = setTimeout(check, Math.min(Math.max(delay, 0), MAX_TIMER_MS));
  }

  function check(): void {
    const tokens = deps.tokens();
    if (stopped || !tokens || !needsRefresh(tokens, deps.now(), deps.leewayMs)) schedule();
    else deps.refresh();
  }

  return {
    schedule,
    succeeded() {
      retryNotBefore = 0;
      failures = 0;
      schedule();
    },
    failed(error) {
      const backoff = Math.min(RETRY_MS * 2 ** failures, RETRY_MAX_MS);
      failures += 1;
      retryNotBefore = deps.now() + Math.max(error.retryAfterMs ?? 0, backoff);
      schedule();
    },
    listen() {
      if (!deps.enabled) return;
      const doc = (globalThis as { document?: Document }).document;
      const win = typeof window === 'undefined' ? undefined : window;
      const onVisible = (): void => {
        if (doc?.visibilityState === 'hidden') return;
        deps.resync();
        if (deps.now() >= retryNotBefore) check();
      };
      const onOnline = (): void => {
        retryNotBefore = 0;
        failures = 0;
        check();
      };
      if (doc && typeof doc.addEventListener === 'function') {
        doc.addEventListener('visibilitychange', onVisible);
        removers.push(() => doc.removeEventListener('visibilitychange', onVisible));
      }
      if (win && typeof win.addEventListener === 'function') {
        win.addEventListener('online', onOnline);
        removers.push(() => win.removeEventListener('online', onOnline));
      }
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      for (const remove of removers.splice(0)) remove();
    },
  };
}
