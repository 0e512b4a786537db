import { describe, expect, it } from 'vitest';
import {
  createHandler,
  createUpstream,
  json,
  KEY_A,
  KEY_B,
  request,
  setCookies,
  signIn,
  signedIn,
} from './test-utils/harness.js';

function tamper(cookie: string, index: number): string {
  const eq = cookie.indexOf('=');
  const value = cookie.slice(eq + 1);
  const at = index % value.length;
  const swapped = value[at] === 'A' ? 'B' : 'A';
  return `${cookie.slice(0, eq)}=${value.slice(0, at)}${swapped}${value.slice(at + 1)}`;
}

async function expectNoSession(response: Response, cleared: boolean): Promise<void> {
  expect(response.status).toBe(401);
  expect(await json(response.clone())).toMatchObject({ error: 'no_session' });
  const set = setCookies(response);
  if (cleared) expect(set[0]?.attributes.get('max-age')).toBe('0');
  else expect(set).toEqual([]);
}

describe('the session cookie', () => {
  it('refuses a tampered cookie (any part) and clears it, without calling upstream', async () => {
    const { upstream, handler, cookie } = await signedIn();
    const value = cookie.slice(cookie.indexOf('=') + 1);
    const [, kid = '', iv = ''] = value.split('.');
    // one position in each part: version, key id, IV, ciphertext, tag (the last characters)
    for (const index of [0, 3, 3 + kid.length + 1, 3 + kid.length + 1 + iv.length + 5, value.length - 1]) {
      await expectNoSession(await handler(request('refresh', { cookie: tamper(cookie, index) })), true);
    }
    for (const broken of ['', 'v1', 'v1...', `${value}.x`, value.slice(0, -1), `v2${value.slice(2)}`]) {
      await expectNoSession(
        await handler(request('refresh', { cookie: `__Secure-telnyx-auth=${broken}` })),
        true,
      );
    }
    expect(upstream.server.counters.get('token')).toBe(0);
    // the untouched cookie still works
    expect((await handler(request('refresh', { cookie }))).status).toBe(200);
  });

  it('reads the session status of a tampered cookie as inactive and clears it', async () => {
    const { handler, cookie } = await signedIn();
    const response = await handler(request('session', { cookie: tamper(cookie, 40) }));
    expect(await json(response.clone())).toEqual({ active: false });
    expect(setCookies(response)[0]?.attributes.get('max-age')).toBe('0');
  });

  it('refuses a cookie sealed with a key the handler does not have', async () => {
    const { upstream, cookie } = await signedIn({ cookieKeys: [KEY_A] });
    const other = createHandler(upstream, { cookieKeys: [KEY_B] });
    await expectNoSession(await other(request('refresh', { cookie })), true);
  });

  it('rotates keys: the new key seals, the old one still opens, and removing it ends its sessions', async () => {
    const upstream = await createUpstream();
    const before = createHandler(upstream, { cookieKeys: [KEY_A], reuseWindow: 0 });
    const old = (await signIn(before, upstream)).cookie;
    const oldKid = old.split('=')[1]?.split('.')[1];

    const rotated = createHandler(upstream, { cookieKeys: [KEY_B, KEY_A], reuseWindow: 0 });
    const session = await rotated(request('session', { cookie: old }));
    expect(await json(session)).toMatchObject({ active: true });
    const refreshed = await rotated(request('refresh', { cookie: old }));
    expect(refreshed.status).toBe(200);
    const resealed = setCookies(refreshed)[0];
    const newKid = resealed?.value.split('.')[1];
    expect(newKid).not.toBe(oldKid);

    const after = createHandler(upstream, { cookieKeys: [KEY_B], reuseWindow: 0 });
    expect((await after(request('refresh', { cookie: `${resealed?.name}=${resealed?.value}` }))).status).toBe(
      200,
    );
    // a session nobody refreshed while both keys were configured is over once the old key is gone
    const stale = (await signIn(before, upstream)).cookie;
    await expectNoSession(await after(request('refresh', { cookie: stale })), true);
  });

  it('refuses a cookie of another deployment (other client id or issuer), even with the same key', async () => {
    const { upstream, cookie } = await signedIn();
    const otherClient = createHandler(upstream, { clientId: 'another-client' });
    await expectNoSession(await otherClient(request('refresh', { cookie })), true);
    const otherIssuer = createHandler(upstream, { issuer: 'http://127.0.0.1:4011' });
    await expectNoSession(await otherIssuer(request('refresh', { cookie })), true);
  });

  it('refuses a cookie whose session expired, and bounds Max-Age by the configured lifetime', async () => {
    let now = Date.now();
    const { handler, response, cookie } = await signedIn({ cookie: { maxAgeSeconds: 120 }, now: () => now });
    expect(setCookies(response)[0]?.attributes.get('max-age')).toBe('120');
    now += 121_000;
    await expectNoSession(await handler(request('refresh', { cookie })), true);
  });

  it('uses a cookie of another name only under that name; honours the configured name and path', async () => {
    const { handler, response, cookie } = await signedIn({ cookie: { name: 'sid', path: '/' } });
    const [set] = setCookies(response);
    expect(set?.name).toBe('__Host-sid');
    expect(set?.attributes.get('path')).toBe('/');
    const renamed = cookie.replace('__Host-sid', '__Secure-sid');
    await expectNoSession(await handler(request('refresh', { cookie: renamed })), false);
  });

  it('picks its own cookie among others, and the first valid one among duplicates', async () => {
    const { handler, cookie } = await signedIn();
    const header = `theme=dark; __Secure-telnyx-auth=garbage; ${cookie}; other=1`;
    expect((await handler(request('refresh', { cookie: header }))).status).toBe(200);
  });
});
