import { describe, expect, it, vi } from 'vitest';
import { createInMemoryLockManager, resolveLocks } from './locks.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('in-memory LockManager', () => {
  it('grants one holder at a time, in request order', async () => {
    const locks = createInMemoryLockManager();
    const order: string[] = [];
    let releaseFirst = (): void => undefined;
    const first = locks.request('l', {}, async () => {
      order.push('first:start');
      await new Promise<void>((resolve) => (releaseFirst = resolve));
      order.push('first:end');
      return 1;
    });
    const second = locks.request('l', {}, () => {
      order.push('second');
      return 2;
    });
    const third = locks.request('l', {}, () => {
      order.push('third');
      return 3;
    });
    await tick();
    expect(order).toEqual(['first:start']);
    releaseFirst();
    expect(await Promise.all([first, second, third])).toEqual([1, 2, 3]);
    expect(order).toEqual(['first:start', 'first:end', 'second', 'third']);
  });

  it('keeps different names independent', async () => {
    const locks = createInMemoryLockManager();
    let release = (): void => undefined;
    const held = locks.request('a', {}, () => new Promise<void>((resolve) => (release = resolve)));
    await expect(locks.request('b', {}, () => 'b')).resolves.toBe('b');
    release();
    await held;
  });

  it('releases the lock when the callback throws', async () => {
    const locks = createInMemoryLockManager();
    await expect(
      locks.request('l', {}, () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(locks.request('l', {}, () => 'ok')).resolves.toBe('ok');
  });

  it('rejects a waiting request when its signal aborts, and the queue moves on', async () => {
    const locks = createInMemoryLockManager();
    let release = (): void => undefined;
    const held = locks.request('l', {}, () => new Promise<void>((resolve) => (release = resolve)));
    const controller = new AbortController();
    let ran = false;
    const waiting = locks.request('l', { signal: controller.signal }, () => {
      ran = true;
    });
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    const next = locks.request('l', {}, () => 'next');
    release();
    await held;
    await expect(next).resolves.toBe('next');
    expect(ran).toBe(false);
  });

  it('rejects at once with an already-aborted signal', async () => {
    const locks = createInMemoryLockManager();
    const callback = vi.fn(() => 1);
    await expect(locks.request('l', { signal: AbortSignal.abort() }, callback)).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(callback).not.toHaveBeenCalled();
    await expect(locks.request('l', {}, () => 'free')).resolves.toBe('free'); // the aborted request held nothing
  });

  it('passes null to an ifAvailable callback when the lock is held', async () => {
    const locks = createInMemoryLockManager();
    let release = (): void => undefined;
    const held = locks.request('l', {}, () => new Promise<void>((resolve) => (release = resolve)));
    await expect(locks.request('l', { ifAvailable: true }, (lock) => lock)).resolves.toBeNull();
    release();
    await held;
    await expect(locks.request('l', { ifAvailable: true }, (lock) => lock !== null)).resolves.toBe(true);
  });

  it('resolves to the in-tab fallback when the runtime has no Web Locks (Node)', () => {
    expect(resolveLocks(undefined)).toBe(resolveLocks(null));
    const custom = createInMemoryLockManager();
    expect(resolveLocks(custom)).toBe(custom);
  });
});
