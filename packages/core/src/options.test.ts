import { describe, expect, it, vi } from 'vitest';
import { resolveOptions } from './options.js';

const base = { clientId: 'c', redirectUri: 'https://app.example/callback', storage: 'memory' as const };

describe('options', () => {
  it('applies the documented defaults', () => {
    const options = resolveOptions(base);
    expect(options).toMatchObject({
      issuer: 'https://api.telnyx.com',
      refreshLeeway: 60_000,
      discoveryTtl: 24 * 3600 * 1000,
      scope: [],
      autoRefresh: false, // no document in Node
      window: null,
      allowInsecureRequests: false,
    });
  });

  it('normalises scope strings and arrays', () => {
    expect(resolveOptions({ ...base, scope: ' a  b a ' }).scope).toEqual(['a', 'b']);
    expect(resolveOptions({ ...base, scope: ['x', 'y'] }).scope).toEqual(['x', 'y']);
  });

  it.each([
    [{ ...base, clientId: '' }],
    [{ ...base, redirectUri: '/relative' }],
    [{ ...base, issuer: 'https://x.example/?q=1' }],
    [{ ...base, refreshLeeway: -1 }],
    [{ ...base, storage: 'localStorage' as never }],
    [{ ...base, fetch: 'nope' as never }],
  ])('rejects invalid options with invalid_options (%#)', (options) => {
    expect(() => resolveOptions(options)).toThrow(expect.objectContaining({ code: 'invalid_options' }));
  });

  it('calls the global fetch at request time, not at creation', async () => {
    const options = resolveOptions(base);
    const fake = vi.fn(async () => new Response('ok'));
    vi.stubGlobal('fetch', fake);
    await options.request('https://x.example', {});
    expect(fake).toHaveBeenCalledTimes(1);
    vi.unstubAllGlobals();
  });
});

describe('SSR safety', () => {
  it("importing the package touches no browser global (only oauth4webapi's guarded navigator check)", async () => {
    vi.resetModules();
    const touched: string[] = [];
    for (const name of [
      'window',
      'document',
      'navigator',
      'localStorage',
      'sessionStorage',
      'indexedDB',
      'BroadcastChannel',
      'location',
      'history',
    ]) {
      const descriptor = Object.getOwnPropertyDescriptor(globalThis, name);
      Object.defineProperty(globalThis, name, {
        configurable: true,
        get() {
          // oauth4webapi feature-detects navigator.userAgent once at import (guarded by typeof): allowed.
          if (!new Error().stack?.includes('oauth4webapi')) touched.push(name);
          return descriptor?.get ? descriptor.get.call(globalThis) : descriptor?.value;
        },
      });
      afterRestore.push(() => {
        if (descriptor) Object.defineProperty(globalThis, name, descriptor);
        else delete (globalThis as Record<string, unknown>)[name];
      });
    }
    const core = await import('./index.js');
    for (const restore of afterRestore.splice(0)) restore();
    expect(typeof core.createTelnyxAuth).toBe('function');
    expect(touched).toEqual([]);
  });
});

const afterRestore: Array<() => void> = [];
