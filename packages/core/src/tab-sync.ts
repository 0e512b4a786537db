/**
 * Cross-tab announcements over BroadcastChannel: sign-in, refresh and sign-out. Messages carry no token: a tab
 * that hears one re-reads the shared storage, so nothing secret crosses the channel and a forged message can at
 * worst make a tab re-read what is already stored. The wire format (`{ v: 1, sender, message }`) is shared
 * with tabs running other versions of the library: change it only with a new `v`.
 */
import type { BroadcastChannelLike, SignOutReason } from './types.js';

export type TabMessage =
  { type: 'signed_in' } | { type: 'refreshed' } | { type: 'signed_out'; reason: SignOutReason };

export interface TabSync {
  post(message: TabMessage): void;
  close(): void;
}

/** Sync that does nothing: before start-up, without BroadcastChannel, or when the channel cannot be opened. */
export const NO_TAB_SYNC: TabSync = { post() {}, close() {} };

const REASONS = /^(logout|remote_logout|refresh_rejected|expired|storage_cleared)$/;

export function createTabSync(
  factory: ((name: string) => BroadcastChannelLike) | null,
  name: string,
  onMessage: (message: TabMessage) => void,
): TabSync {
  let channel: BroadcastChannelLike | undefined;
  try {
    channel = factory?.(name);
  } catch {
    // e.g. a sandboxed iframe: sync is best effort
  }
  if (!channel) return NO_TAB_SYNC;
  const sender = Math.random().toString(36).slice(2) + Date.now().toString(36);
  const listener = ({ data }: { data: unknown }): void => {
    const { v, sender: from, message } = (data ?? {}) as { v?: unknown; sender?: unknown; message?: unknown };
    const { type, reason } = (message ?? {}) as { type?: unknown; reason?: unknown };
    if (v !== 1 || typeof from !== 'string' || from === sender) return;
    if (type === 'signed_in' || type === 'refreshed') onMessage({ type });
    else if (type === 'signed_out' && typeof reason === 'string' && REASONS.test(reason))
      onMessage({ type, reason: reason as SignOutReason });
  };
  channel.addEventListener('message', listener);
  let closed = false;
  return {
    post(message) {
      try {
        if (!closed) channel.postMessage({ v: 1, sender, message });
      } catch {
        // a closed or broken channel must never break sign-in or refresh in this tab
      }
    },
    close() {
      if (closed) return;
      closed = true;
      channel.removeEventListener('message', listener);
      channel.close();
    },
  };
}
