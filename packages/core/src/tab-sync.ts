/**
 * Cross-tab announcements over BroadcastChannel: sign-in, refresh and sign-out. Messages carry no token: a tab
 * that hears one re-reads the shared storage, so nothing secret crosses the channel and a forged message can at
 * worst make a tab re-read what is already stored.
 */
import type { BroadcastChannelLike, SignOutReason } from './types.js';

export type TabMessage =
  { type: 'signed_in' } | { type: 'refreshed' } | { type: 'signed_out'; reason: SignOutReason };

interface Envelope {
  v: 1;
  sender: string;
  message: TabMessage;
}

const SIGN_OUT_REASONS: ReadonlySet<string> = new Set([
  'logout',
  'remote_logout',
  'refresh_rejected',
  'expired',
  'storage_cleared',
]);

function readEnvelope(data: unknown): Envelope | null {
  if (typeof data !== 'object' || data === null) return null;
  const { v, sender, message } = data as Record<string, unknown>;
  if (v !== 1 || typeof sender !== 'string' || typeof message !== 'object' || message === null) return null;
  const { type, reason } = message as Record<string, unknown>;
  if (type === 'signed_in' || type === 'refreshed') return { v, sender, message: { type } };
  if (type === 'signed_out' && typeof reason === 'string' && SIGN_OUT_REASONS.has(reason)) {
    return { v, sender, message: { type, reason: reason as SignOutReason } };
  }
  return null;
}

export interface TabSync {
  post(message: TabMessage): void;
  close(): void;
}

/** Sync that does nothing: before start-up, without BroadcastChannel, or when the channel cannot be opened. */
export const NO_TAB_SYNC: TabSync = { post: () => undefined, close: () => undefined };

export function createTabSync(
  factory: ((name: string) => BroadcastChannelLike) | null,
  name: string,
  onMessage: (message: TabMessage) => void,
): TabSync {
  if (!factory) return NO_TAB_SYNC;
  let channel: BroadcastChannelLike;
  try {
    channel = factory(name);
  } catch {
    return NO_TAB_SYNC; // e.g. a sandboxed iframe: sync is best effort
  }
  const sender = Math.random().toString(36).slice(2) + Date.now().toString(36);
  const listener = (event: { data: unknown }): void => {
    const envelope = readEnvelope(event.data);
    if (envelope && envelope.sender !== sender) onMessage(envelope.message);
  };
  channel.addEventListener('message', listener);
  let closed = false;
  return {
    post(message) {
      if (closed) return;
      try {
        channel.postMessage({ v: 1, sender, message } satisfies Envelope);
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
