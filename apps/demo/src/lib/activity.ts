/**
 * A short, in-memory log of this tab's session events (sign-in, silent refreshes, sign-out and why), so
 * the demo can show that refreshes happen without the user noticing.
 */
import { useSyncExternalStore } from 'react';
import type { AuthEvent, SignOutReason } from '@telnyx-oauth/core';
import { auth, config } from '../auth.js';
import { describeError } from './describe-error.js';
import { formatTime } from './format.js';

export interface ActivityEntry {
  id: number;
  at: number;
  text: string;
}

const SIGN_OUT_REASONS: Record<SignOutReason, string> = {
  logout: 'You signed out.',
  remote_logout: 'You signed out in another tab.',
  refresh_rejected: `${config.serverName} refused to renew it: access for this app was revoked or has expired.`,
  expired: 'The access token expired and could not be renewed.',
  storage_cleared: 'The saved session was removed from this browser.',
};

/** Why the session ended, as a sentence. */
export function describeSignOut(reason: SignOutReason): string {
  return SIGN_OUT_REASONS[reason];
}

function describeEvent(event: AuthEvent): string {
  switch (event.type) {
    case 'signed_in':
      return 'Signed in';
    case 'refreshed':
      return `Access token renewed, valid until ${formatTime(event.expiresAt)}`;
    case 'signed_out':
      return event.reason === 'logout' || event.reason === 'remote_logout'
        ? describeSignOut(event.reason)
        : `Session ended. ${describeSignOut(event.reason)}`;
    case 'error':
      return `Problem: ${describeError(event.error).title}`;
  }
}

const MAX_ENTRIES = 20;
let entries: readonly ActivityEntry[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

auth.on((event) => {
  entries = [{ id: nextId++, at: Date.now(), text: describeEvent(event) }, ...entries].slice(0, MAX_ENTRIES);
  for (const listener of listeners) listener();
});

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useActivity(): readonly ActivityEntry[] {
  return useSyncExternalStore(
    subscribe,
    () => entries,
    () => entries,
  );
}
