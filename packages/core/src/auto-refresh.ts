/**
 * The session's timer: renew the access token `refreshLeeway` before it expires, so API calls rarely wait for a
 * refresh, and end a session that cannot be renewed (no refresh token) when its token expires. Timers are
 * throttled in background tabs and useless offline, so the check also runs when the page becomes visible again
 * and when the network comes back. Off with `autoRefresh: false` (and outside browsers by default).
 */
import type { TelnyxAuthError } from './errors.js';
import { addListener } from './listeners.js';
import type { ResolvedOptions } from './options.js';
import { backoffDelay } from './shared/retry.js';
import { canRefresh, refreshDueAt, type TokenSet } from './token-set.js';

/** setTimeout's ceiling (about 24.8 days); longer delays would fire immediately. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The background retry curve after a failed refresh: 30 s doubling to 5 min, without jitter. It differs from
 * the per-call retries (`PER_CALL_BACKOFF`, 0.5 s to 8 s) on purpose: those hold a caller of `getAccessToken`,
 * so they are few and quick and then the error is the caller's; this one has no caller waiting and lasts as long
 * as the page is open, so it starts where the per-call retries gave up and stays slow (about a dozen requests
 * an hour during an outage), while `online` and `visibilitychange` still retry at once when it matters. No
 * jitter: the refresh lock lets one tab ask at a time, and the others adopt its answer.
 */
const BACKGROUND_BACKOFF = { initialMs: 30_000, maxMs: 300_000 };

interface AutoRefresh {
  /** (Re)arms the timer for the current tokens. */
  schedule(): void;
  /** A refresh succeeded: the backoff is reset. */
  succeeded(): void;
  /** A refresh failed: wait (backoff, or the server's Retry-After when longer) before the timer tries again. */
  failed(error: TelnyxAuthError): void;
  /** Adds the visibilitychange / online listeners (browsers only). */
  listen(): void;
  stop(): void;
}

export function createAutoRefresh(
  o: ResolvedOptions,
  tokens: () => TokenSet | null,
  /** Starts a refresh (or ends an expired session); the outcome reaches the snapshot through the coordinator. */
  refresh: () => void,
  /** Re-reads the shared session when the page becomes visible (changes made by other tabs meanwhile). */
  resync: () => void,
): AutoRefresh {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let retryNotBefore = 0;
  let failures = 0;
  let stopped = !o.autoRefresh;
  const removers: Array<() => void> = [];

  /** When the timer acts: the refresh is due, or for a session that cannot be renewed, it expires. */
  const due = (current: TokenSet): number | null =>
    canRefresh(current) ? refreshDueAt(current, o.refreshLeeway) : current.expiresAt;

  function schedule(): void {
    clearTimeout(timer);
    const current = tokens();
    const at = current && due(current);
    if (stopped || at == null) return;
    timer = setTimeout(check, Math.min(Math.max(Math.max(at, retryNotBefore) - Date.now(), 0), MAX_TIMER_MS));
  }

  function check(): void {
    const current = tokens();
    if (!current || stopped) return;
    const at = due(current);
    if (at !== null && Date.now() >= at) refresh();
    else schedule();
  }

  return {
    schedule,
    succeeded() {
      retryNotBefore = failures = 0;
      schedule();
    },
    failed(error) {
      retryNotBefore =
        Date.now() + Math.max(error.retryAfterMs ?? 0, backoffDelay(failures++, BACKGROUND_BACKOFF, 0));
      schedule();
    },
    listen() {
      if (stopped) return;
      const doc = globalThis.document;
      removers.push(
        addListener(doc, 'visibilitychange', () => {
          if (doc.visibilityState === 'hidden') return;
          resync();
          if (Date.now() >= retryNotBefore) check();
        }),
        addListener(globalThis.window, 'online', () => {
          retryNotBefore = failures = 0;
          check();
        }),
      );
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      for (const remove of removers.splice(0)) remove();
    },
  };
}
