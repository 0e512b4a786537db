import { describe, expect, it } from 'vitest';
import { createSingleFlight, flightKey } from './single-flight.js';

function deferred<T>(): { promise: Promise<T>; resolve(value: T): void; reject(error: unknown): void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('single flight', () => {
  it('runs one task per key while it is in flight', async () => {
    const flight = createSingleFlight<string>(0, () => 0);
    const gate = deferred<string>();
    let runs = 0;
    const task = (): Promise<string> => {
      runs += 1;
      return gate.promise;
    };
    const all = Promise.all([flight.run('a', task), flight.run('a', task), flight.run('b', async () => 'b')]);
    gate.resolve('a');
    expect(await all).toEqual([
      { value: 'a', shared: false },
      { value: 'a', shared: true },
      { value: 'b', shared: false },
    ]);
    expect(runs).toBe(1);
    expect(flight.size()).toBe(0); // window 0: nothing kept
  });

  it('hands the result to the same key within the window, and runs again after it', async () => {
    let now = 1_000;
    const flight = createSingleFlight<number>(10_000, () => now);
    let runs = 0;
    const task = async (): Promise<number> => ++runs;
    expect(await flight.run('k', task)).toEqual({ value: 1, shared: false });
    now += 9_999;
    expect(await flight.run('k', task)).toEqual({ value: 1, shared: true });
    now += 1;
    expect(await flight.run('k', task)).toEqual({ value: 2, shared: false });
  });

  it('shares a failure with the waiters but does not remember it', async () => {
    const flight = createSingleFlight<number>(10_000, () => 0);
    const gate = deferred<number>();
    const first = flight.run('k', () => gate.promise);
    const second = flight.run('k', async () => 2);
    gate.reject(new Error('down'));
    await expect(first).rejects.toThrow('down');
    await expect(second).rejects.toThrow('down');
    expect(await flight.run('k', async () => 3)).toEqual({ value: 3, shared: false });
  });

  it('forgets a key and matching results', async () => {
    const flight = createSingleFlight<string>(10_000, () => 0);
    await flight.run('old', async () => 'rotated');
    await flight.run('other', async () => 'kept');
    flight.forget('unrelated', (value) => value === 'rotated');
    expect(await flight.run('old', async () => 'fresh')).toEqual({ value: 'fresh', shared: false });
    expect(await flight.run('other', async () => 'x')).toEqual({ value: 'kept', shared: true });
  });

  it('drops expired entries as it goes', async () => {
    let now = 0;
    const flight = createSingleFlight<number>(100, () => now);
    for (let i = 0; i < 50; i += 1) await flight.run(`k${i}`, async () => i);
    expect(flight.size()).toBe(50);
    now = 100;
    await flight.run('new', async () => 0);
    expect(flight.size()).toBe(1);
  });

  it('keys are hashes: stable, distinct, and free of the secret', async () => {
    const key = await flightKey('refresh', 'secret-token');
    expect(key).toBe(await flightKey('refresh', 'secret-token'));
    expect(key).not.toBe(await flightKey('refresh', 'secret-token2'));
    expect(key).not.toBe(await flightKey('refres', 'hsecret-token'));
    expect(key).not.toContain('secret');
  });
});
