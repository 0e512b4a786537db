import { describe, expect, it, vi } from 'vitest';
import { createTabSync } from './tab-sync.js';
import { createChannelHub } from './test-utils/harness.js';
import type { BroadcastChannelLike } from './types.js';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('tab sync', () => {
  it('delivers announcements to other tabs, not to the sender, and carries no token', async () => {
    const hub = createChannelHub();
    const received = vi.fn();
    const sent: unknown[] = [];
    const spyingHub = (name: string): BroadcastChannelLike => {
      const channel = hub(name);
      return { ...channel, postMessage: (message) => (sent.push(message), channel.postMessage(message)) };
    };
    const a = createTabSync(spyingHub, 'n', vi.fn());
    const self = vi.fn();
    const b = createTabSync(hub, 'n', received);
    const other = createTabSync(hub, 'other-name', self);
    a.post({ type: 'signed_out', reason: 'logout' });
    await flush();
    expect(received).toHaveBeenCalledWith({ type: 'signed_out', reason: 'logout' });
    expect(self).not.toHaveBeenCalled();
    expect(Object.keys((sent[0] as { message: object }).message)).toEqual(['type', 'reason']);
    a.close();
    b.close();
    other.close();
  });

  it('ignores malformed or forged messages', async () => {
    const hub = createChannelHub();
    const received = vi.fn();
    createTabSync(hub, 'n', received);
    const raw = hub('n');
    for (const data of [
      null,
      'x',
      { v: 2 },
      { v: 1, sender: 's', message: { type: 'signed_out', reason: 'nope' } },
      { v: 1, sender: 's', message: { type: 'evil' } },
    ]) {
      raw.postMessage(data);
    }
    await flush();
    expect(received).not.toHaveBeenCalled();
  });

  it('is a no-op without BroadcastChannel or when creating one throws', () => {
    expect(() => createTabSync(null, 'n', vi.fn()).post({ type: 'refreshed' })).not.toThrow();
    const throwing = () => {
      throw new Error('sandboxed');
    };
    expect(() => createTabSync(throwing, 'n', vi.fn()).post({ type: 'refreshed' })).not.toThrow();
  });
});
