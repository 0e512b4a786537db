import { afterEach, describe, expect, it, vi } from 'vitest';
import { deadline } from './timeout.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('deadline', () => {
  it('aborts with a TimeoutError after the time, without AbortSignal.timeout', async () => {
    vi.useFakeTimers();
    const original = AbortSignal.timeout;
    // Safari 15.4-15.x: Web Locks but no AbortSignal.timeout.
    (AbortSignal as { timeout?: unknown }).timeout = undefined;
    try {
      const { signal } = deadline(1000);
      await vi.advanceTimersByTimeAsync(999);
      expect(signal.aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(signal.aborted).toBe(true);
      expect((signal.reason as DOMException).name).toBe('TimeoutError');
    } finally {
      AbortSignal.timeout = original;
    }
  });

  it('follows its parent signal, and clear() leaves no timer or listener behind', () => {
    vi.useFakeTimers();
    const parent = new AbortController();
    const first = deadline(1000, parent.signal);
    first.clear();
    expect(vi.getTimerCount()).toBe(0);
    const second = deadline(1000, parent.signal);
    parent.abort(new Error('user'));
    expect(second.signal.aborted).toBe(true);
    expect((second.signal.reason as Error).message).toBe('user');
    second.clear();
  });

  it('is aborted at once when the parent already was', () => {
    const parent = new AbortController();
    parent.abort('gone');
    const { signal, clear } = deadline(1000, parent.signal);
    expect(signal.reason).toBe('gone');
    clear();
  });
});
