import { describe, expect, it, vi } from 'vitest';
import { TelnyxOAuthAPI, type ClientOptions } from './client.js';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  AuthenticationError,
  InsufficientScopeError,
  InternalServerError,
  RateLimitError,
} from './errors.js';
import { empty, json, recordingSleep, scriptedFetch, type ScriptEntry } from './test-utils/scripted-fetch.js';

const GRANT = {
  data: {
    record_type: 'oauth_grant',
    id: 'g1',
    client_id: 'c',
    created_at: '',
    scopes: [],
    last_used_at: null,
  },
};

function setup(script: ScriptEntry[], options: ClientOptions = {}) {
  const scripted = scriptedFetch(...script);
  const recorder = recordingSleep();
  const api = new TelnyxOAuthAPI({
    apiKey: 'KEY',
    baseURL: 'https://api.example.test',
    fetch: scripted.fetch,
    sleep: recorder.sleep,
    ...options,
  });
  return { api, requests: scripted.requests, delays: recorder.delays };
}

describe('retries', () => {
  it('waits retry-after-ms on 429 and then succeeds', async () => {
    const { api, requests, delays } = setup([json(429, {}, { 'retry-after-ms': '1234' }), json(200, GRANT)]);
    await expect(api.oauthGrants.retrieve('g1')).resolves.toEqual(GRANT);
    expect(requests).toHaveLength(2);
    expect(delays).toEqual([1234]);
  });

  it('waits an HTTP-date retry-after', async () => {
    const at = new Date(Date.now() + 30_000).toUTCString();
    const { api, delays } = setup([json(503, {}, { 'retry-after': at }), json(200, GRANT)]);
    await api.oauthGrants.retrieve('g1');
    expect(delays[0]).toBeGreaterThan(25_000);
    expect(delays[0]).toBeLessThanOrEqual(30_000);
  });

  it('backs off exponentially with jitter when the server names no delay', async () => {
    const { api, delays } = setup([json(500, {}), json(502, {}), json(200, GRANT)]);
    await api.oauthGrants.retrieve('g1');
    expect(delays).toHaveLength(2);
    expect(delays[0]).toBeGreaterThanOrEqual(375);
    expect(delays[0]).toBeLessThanOrEqual(500);
    expect(delays[1]).toBeGreaterThanOrEqual(750);
    expect(delays[1]).toBeLessThanOrEqual(1000);
  });

  it('stops after maxRetries and throws the last error', async () => {
    const { api, requests } = setup([json(500, {}), json(500, {}), json(500, {}), json(200, GRANT)]);
    await expect(api.oauthGrants.retrieve('g1')).rejects.toBeInstanceOf(InternalServerError);
    expect(requests).toHaveLength(3);
  });

  it('takes maxRetries per request', async () => {
    const { api, requests } = setup([json(500, {}), json(200, GRANT)]);
    await expect(api.oauthGrants.retrieve('g1', { maxRetries: 0 })).rejects.toBeInstanceOf(
      InternalServerError,
    );
    expect(requests).toHaveLength(1);
  });

  it('does not retry when x-should-retry says false, retries a 400 when it says true', async () => {
    const first = setup([json(503, {}, { 'x-should-retry': 'false' })]);
    await expect(first.api.oauthGrants.retrieve('g1')).rejects.toBeInstanceOf(InternalServerError);
    expect(first.requests).toHaveLength(1);
    const second = setup([json(400, {}, { 'x-should-retry': 'true' }), json(200, GRANT)]);
    await expect(second.api.oauthGrants.retrieve('g1')).resolves.toEqual(GRANT);
  });

  it('does not wait out a retry-after beyond 60 s: the RateLimitError goes back with its headers', async () => {
    const { api, requests } = setup([json(429, {}, { 'retry-after': '3600' })]);
    const error = await api.oauthGrants.retrieve('g1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).headers?.get('retry-after')).toBe('3600');
    expect((error as RateLimitError).retryAfterMs).toBe(3_600_000);
    expect(requests).toHaveLength(1);
  });

  it('retries a dropped connection and reports APIConnectionError when it keeps dropping', async () => {
    const drop = () => new TypeError('fetch failed');
    const ok = setup([drop(), json(200, GRANT)]);
    await expect(ok.api.oauthGrants.retrieve('g1')).resolves.toEqual(GRANT);
    const failing = setup([drop(), drop(), drop()]);
    const error = await failing.api.oauthGrants.retrieve('g1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).not.toBeInstanceOf(APIConnectionTimeoutError);
    expect((error as APIConnectionError).code).toBe('connection_error');
    expect(failing.requests).toHaveLength(3);
  });

  it('times out each attempt, retries, then throws APIConnectionTimeoutError', async () => {
    const { api, requests } = setup(['hang', 'hang'], { timeout: 5, maxRetries: 1 });
    const error = await api.oauthGrants.retrieve('g1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect((error as APIConnectionTimeoutError).code).toBe('timeout');
    expect(requests).toHaveLength(2);
  });

  it('aborts with APIUserAbortError and does not retry', async () => {
    const controller = new AbortController();
    const { api, requests } = setup(['hang', json(200, GRANT)]);
    const pending = api.oauthGrants.retrieve('g1', { signal: controller.signal });
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect((error as APIUserAbortError).code).toBe('aborted');
    expect(requests).toHaveLength(1);
  });

  it('aborts during the wait between attempts', async () => {
    const controller = new AbortController();
    const { api, requests } = setup([json(503, {})], {
      sleep: (_ms, signal) =>
        new Promise((_, reject) => {
          controller.abort();
          reject(signal?.reason);
        }),
    });
    const error = await api.oauthGrants
      .retrieve('g1', { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(requests).toHaveLength(1);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const { api, requests } = setup([json(200, GRANT)]);
    await expect(api.oauthGrants.retrieve('g1', { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      APIUserAbortError,
    );
    expect(requests).toHaveLength(0);
  });
});

describe('the default sleep, under fake timers', () => {
  it('sends the retry only once Retry-After has passed', async () => {
    vi.useFakeTimers();
    try {
      const scripted = scriptedFetch(json(429, {}, { 'retry-after': '2' }), json(200, GRANT));
      const api = new TelnyxOAuthAPI({
        apiKey: 'K',
        baseURL: 'https://api.example.test',
        fetch: scripted.fetch,
      });
      const pending = api.oauthGrants.retrieve('g1');
      await vi.advanceTimersByTimeAsync(1_999);
      expect(scripted.requests).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      await expect(pending).resolves.toEqual(GRANT);
      expect(scripted.requests).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('single-use token requests (code exchange, refresh)', () => {
  const TOKEN = { access_token: 'at', token_type: 'Bearer', expires_in: 1800 };
  const exchange = (api: TelnyxOAuthAPI) =>
    api.oauth.token({ grant_type: 'authorization_code', code: 'c', code_verifier: 'v' }, { clientId: 'pub' });
  const refresh = (api: TelnyxOAuthAPI) =>
    api.oauth.token({ grant_type: 'refresh_token', refresh_token: 'rt' }, { clientId: 'pub' });

  it('are not resent after a dropped connection or a timeout (the server may have spent the code)', async () => {
    const dropped = setup([new TypeError('fetch failed'), json(200, TOKEN)]);
    await expect(exchange(dropped.api)).rejects.toBeInstanceOf(APIConnectionError);
    expect(dropped.requests).toHaveLength(1);
    const stalled = setup(['hang', json(200, TOKEN)], { timeout: 5 });
    await expect(refresh(stalled.api)).rejects.toBeInstanceOf(APIConnectionTimeoutError);
    expect(stalled.requests).toHaveLength(1);
  });

  it('are not resent after a 500 or 409', async () => {
    for (const status of [500, 502, 409]) {
      const { api, requests } = setup([json(status, { error: 'server_error' }), json(200, TOKEN)]);
      await expect(exchange(api)).rejects.toMatchObject({ status });
      expect(requests).toHaveLength(1);
    }
  });

  it('are resent when the server said it did not process them: 408, 429, 503', async () => {
    for (const status of [408, 429, 503]) {
      const { api, requests } = setup([json(status, {}, { 'retry-after': '1' }), json(200, TOKEN)]);
      await expect(refresh(api)).resolves.toEqual(TOKEN);
      expect(requests).toHaveLength(2);
    }
  });

  it('client_credentials keeps the ordinary rules', async () => {
    const { api, requests } = setup([new TypeError('fetch failed'), json(500, {}), json(200, TOKEN)]);
    await expect(
      api.oauth.token({ grant_type: 'client_credentials' }, { clientId: 'c', clientSecret: 's' }),
    ).resolves.toEqual(TOKEN);
    expect(requests).toHaveLength(3);
  });
});

describe('session binding', () => {
  function session(tokens: string[]) {
    const calls: Array<boolean | undefined> = [];
    return {
      calls,
      auth: {
        issuer: 'https://api.example.test',
        getAccessToken: async (options?: { forceRefresh?: boolean }) => {
          calls.push(options?.forceRefresh);
          return tokens[calls.length - 1] ?? 'exhausted';
        },
      },
    };
  }
  const invalidToken = { 'www-authenticate': 'Bearer realm="Telnyx API", error="invalid_token"' };

  it('refreshes once on 401 invalid_token and retries with the new token', async () => {
    const { auth, calls } = session(['old', 'new']);
    const { api, requests } = setup([json(401, {}, invalidToken), json(200, GRANT)], { auth, apiKey: null });
    await expect(api.oauthGrants.retrieve('g1')).resolves.toEqual(GRANT);
    expect(calls).toEqual([undefined, true]);
    expect(requests.map((r) => r.headers.get('authorization'))).toEqual(['Bearer old', 'Bearer new']);
  });

  it('refreshes only once: a second 401 is thrown', async () => {
    const { auth, calls } = session(['old', 'new']);
    const { api, requests } = setup([json(401, {}, invalidToken), json(401, {}, invalidToken)], { auth });
    await expect(api.oauthGrants.retrieve('g1')).rejects.toBeInstanceOf(AuthenticationError);
    expect(calls).toHaveLength(2);
    expect(requests).toHaveLength(2);
  });

  it('throws InsufficientScopeError naming the scope on 401 insufficient_scope: no refresh, no retry', async () => {
    const { auth, calls } = session(['old']);
    const challenge =
      'Bearer realm="Telnyx API", error="insufficient_scope", scope="account_management.write"';
    const { api, requests } = setup(
      [json(401, {}, { 'www-authenticate': challenge, 'x-should-retry': 'true' }), json(200, GRANT)],
      { auth },
    );
    const error = await api.oauthGrants.delete('g1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InsufficientScopeError);
    expect(error).toBeInstanceOf(AuthenticationError); // code catching 401s keeps working
    expect(error).toMatchObject({
      name: 'InsufficientScopeError',
      code: 'insufficient_scope',
      status: 401,
      scopes: ['account_management.write'],
    });
    expect(calls).toEqual([undefined]);
    expect(requests).toHaveLength(1);
  });

  it('names no scope when the insufficient_scope challenge has none', async () => {
    const { auth } = session(['old']);
    const { api } = setup([json(401, {}, { 'www-authenticate': 'Bearer error="insufficient_scope"' })], {
      auth,
    });
    await expect(api.oauthGrants.retrieve('g1')).rejects.toMatchObject({
      code: 'insufficient_scope',
      scopes: [],
    });
  });

  it('passes the session’s own error through when there is no session to use', async () => {
    const loginRequired = Object.assign(new Error('No session'), { code: 'login_required' });
    const auth = {
      issuer: 'https://api.example.test',
      getAccessToken: async () => {
        throw loginRequired;
      },
    };
    const { api, requests } = setup([json(200, GRANT)], { auth });
    await expect(api.oauthGrants.retrieve('g1')).rejects.toBe(loginRequired);
    expect(requests).toHaveLength(0);
  });

  it('keeps the refresh failure as the cause of the AuthenticationError', async () => {
    const failure = new Error('refresh_rejected');
    const auth = {
      issuer: 'https://api.example.test',
      getAccessToken: async (options?: { forceRefresh?: boolean }) => {
        if (options?.forceRefresh) throw failure;
        return 'old';
      },
    };
    const { api } = setup([json(401, {}, invalidToken)], { auth });
    const error = await api.oauthGrants.retrieve('g1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).cause).toBe(failure);
  });
});

describe('credentials', () => {
  it('refuses a key with a line break or space before sending, naming the option', async () => {
    const { api, requests } = setup([json(200, GRANT)], { apiKey: 'KEY\nX-Injected: 1' });
    await expect(api.oauthGrants.retrieve('g1')).rejects.toMatchObject({
      code: 'validation_error',
      field: 'apiKey',
    });
    const spaced = setup([json(200, GRANT)], { accessToken: async () => 'two words' });
    await expect(spaced.api.oauthGrants.retrieve('g1')).rejects.toMatchObject({ field: 'accessToken' });
    expect(requests.length + spaced.requests.length).toBe(0);
  });
});

describe('responses', () => {
  it('resolves a 204 to undefined', async () => {
    const { api } = setup([empty(204)]);
    await expect(api.oauthClients.delete('c1')).resolves.toBeUndefined();
  });

  it('rejects a 200 whose body is not JSON with code invalid_response, without retrying', async () => {
    const { api, requests } = setup([() => new Response('<html>', { status: 200 })]);
    await expect(api.oauthGrants.retrieve('g1')).rejects.toMatchObject({
      code: 'invalid_response',
      status: 200,
    });
    expect(requests).toHaveLength(1);
  });

  it('percent-encodes path ids', async () => {
    const { api, requests } = setup([json(200, GRANT)]);
    await api.oauthGrants.retrieve('../oauth_clients?x=1');
    expect(requests[0]?.url.pathname).toBe('/v2/oauth_grants/..%2Foauth_clients%3Fx%3D1');
  });
});
