/**
 * One refresh of the shared session (RFC 6749 §6, through the transport), run by session-state.ts under the
 * cross-tab refresh lock (also taken by sign-in and logout), one at a time per tab. It re-reads the stored
 * session and refreshes only if that token still needs it, and it stores the answer with a compare-and-set
 * (one storage update), so a logout or a new sign-in is never written over.
 *
 * What this guarantees, with rotating refresh tokens and Web Locks: no tab presents a refresh token that another
 * tab already spent *and whose answer was stored*, so tabs never race each other into the server's reuse
 * detection. (Without Web Locks two tabs can still refresh in the same moment: see the README.)
 *
 * What it cannot guarantee: a refresh token is spent when the server processes the request, not when the
 * answer is stored. If the answer is lost (the tab is closed or navigates mid-refresh, the request times out
 * after the server processed it, the connection drops on the way back, or the answer is unusable), storage
 * still holds the spent token and the next refresh presents it. A server with reuse detection then revokes
 * the whole token family: that refresh fails with `refresh_rejected` (`invalid_grant`), storage is cleared
 * and every tab is signed out (`signOutReason: 'refresh_rejected'`); the user signs in again. A server that
 * still accepts the previous refresh token for a short grace period after rotating it (the dev server's
 * `--reuse-grace` option emulates one) lets the session survive a lost answer. See SECURITY.md.
 *
 * @see RFC 6749 §6; RFC 9700 §4.14.2 (refresh token rotation and reuse detection)
 */
import { TelnyxAuthError } from './errors.js';
import type { ResolvedOptions } from './options.js';
import { readSession, updateSession, writeSession } from './storage/session.js';
import { canRefresh, isExpired, needsRefresh, tokenSetFromResponse, type TokenSet } from './token-set.js';
import type { SignOutReason, TokenResponse } from './types.js';

/**
 * What a refresh came to: the tokens to use (`fresh` when this tab got them from the server, else they were
 * already stored, by another tab), or the end of the session. A recoverable failure is thrown instead.
 */
export type RefreshOutcome =
  | { tokens: TokenSet; fresh: boolean; unsaved?: TelnyxAuthError }
  | { ended: SignOutReason; error: TelnyxAuthError | null };

/**
 * Refreshes the stored session if it needs it. `stale`: refresh even if the stored token is not near expiry,
 * unless storage already holds another token than this one (someone refreshed since): forceRefresh, a 401.
 */
export async function refreshStored(o: ResolvedOptions, stale?: string): Promise<RefreshOutcome> {
  const used = await readSession(o);
  // The stored session disappeared (another tab signed out, site data cleared): a clean sign-out.
  if (!used) return { ended: 'storage_cleared', error: null };
  const now = Date.now();
  if (!needsRefresh(used, now, o.refreshLeeway) && used.accessToken !== stale)
    return { tokens: used, fresh: false };
  if (!canRefresh(used)) {
    if (stale === undefined && !isExpired(used, now)) return { tokens: used, fresh: false };
    await writeSession(o, null);
    return { ended: 'expired', error: null };
  }
  let response: TokenResponse | undefined;
  let rejected: TelnyxAuthError | undefined;
  try {
    response = await o.transport.refresh(o, used);
  } catch (cause) {
    rejected = TelnyxAuthError.from(cause);
    // Decided under the compare-and-set below: a rejection ends the session only if it is still ours.
    if (rejected.code !== 'refresh_rejected') throw rejected;
  }
  const fresh = response && tokenSetFromResponse(response, Date.now(), used);
  // Only if the stored session is still the one we refreshed is it replaced (new tokens) or ended (rejected).
  // A logout or a new sign-in that happened meanwhile (in any tab) wins; nothing is written over it.
  let stored: TokenSet | null = used; // if storage fails before it could compare, assume ours (see guardStorage)
  let unsaved: TelnyxAuthError | undefined;
  try {
    await updateSession(o, (current) => {
      stored = current;
      return current?.accessToken === used.accessToken ? (fresh ?? null) : current;
    });
  } catch (cause) {
    // The old refresh token is spent (rotation): failing to persist the new one must not throw them away.
    unsaved = TelnyxAuthError.from(cause);
  }
  const latest = stored as TokenSet | null;
  if (!latest) return { ended: 'storage_cleared', error: null };
  // Someone else (a tab without Web Locks, or a new sign-in) replaced the session meanwhile: theirs wins.
  if (latest.accessToken !== used.accessToken) return { tokens: latest, fresh: false };
  return fresh ? { tokens: fresh, fresh: true, unsaved } : { ended: 'refresh_rejected', error: rejected! };
}
