/**
 * The dev server's HTTP admin API (packages/dev-server, /__admin/*): reset state between tests, read
 * per-endpoint request counters, change token lifetimes and inject faults.
 */
import { expect, type APIRequestContext } from '@playwright/test';
// Type-only: the shapes the admin API accepts, from the dev server itself (erased at run time).
import type { CounterName, Fault } from '../../packages/dev-server/src/index.js';

export const DEV_SERVER_URL = 'http://127.0.0.1:4010';
/** The seeded user's API key: the bearer for the management API (packages/dev-server/README.md). */
export const DEV_SERVER_API_KEY = 'KEYdevserver_0123456789abcdef';

export type Counters = Partial<Record<CounterName, number>>;

export class DevServerAdmin {
  /** `url`: the dev server of the test's profile (support/profiles.ts); 127.0.0.1:4010 by default. */
  constructor(
    private readonly request: APIRequestContext,
    readonly url: string = DEV_SERVER_URL,
  ) {}

  /** `vite preview` starts the dev server asynchronously; wait until it answers. */
  async waitUntilUp(timeoutMs = 30_000): Promise<void> {
    await expect
      .poll(
        async () => {
          try {
            const response = await this.request.get(`${this.url}/.well-known/oauth-authorization-server`, {
              timeout: 2000,
            });
            return response.status();
          } catch {
            return 0;
          }
        },
        { timeout: timeoutMs, message: `dev server at ${this.url} did not start` },
      )
      .toBe(200);
  }

  private async send(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, data?: unknown) {
    const response = await this.request.fetch(`${this.url}${path}`, {
      method,
      ...(data === undefined ? {} : { data }),
    });
    expect(response.ok(), `${method} ${path} answered ${response.status()}: ${await response.text()}`).toBe(
      true,
    );
    return response;
  }

  async reset(): Promise<void> {
    await this.send('POST', '/__admin/reset');
  }

  async counters(): Promise<Counters> {
    const response = await this.send('GET', '/__admin/counters');
    const body = (await response.json()) as { counters: Counters };
    return body.counters;
  }

  /** One counter, 0 when the endpoint was never called. */
  async count(name: CounterName): Promise<number> {
    return (await this.counters())[name] ?? 0;
  }

  async resetCounters(): Promise<void> {
    await this.send('POST', '/__admin/counters/reset');
  }

  async configure(config: Record<string, unknown>): Promise<void> {
    await this.send('PATCH', '/__admin/config', config);
  }

  async injectFault(fault: Fault): Promise<void> {
    await this.send('POST', '/__admin/faults', fault);
  }

  async clearFaults(): Promise<void> {
    await this.send('DELETE', '/__admin/faults');
  }

  async revokeGrants(clientId?: string): Promise<void> {
    await this.send('POST', '/__admin/grants/revoke', clientId ? { client_id: clientId } : {});
  }

  /**
   * Registers one more redirect URI for a client through the management API, as its owner would in the
   * Telnyx portal (`PUT /v2/oauth_clients/{id}`). Its origin may then also call the server (CORS). Lasts
   * until the next reset, i.e. this test.
   */
  async addRedirectUri(clientId: string, redirectUri: string): Promise<void> {
    const url = `${this.url}/v2/oauth_clients/${encodeURIComponent(clientId)}`;
    const headers = { Authorization: `Bearer ${DEV_SERVER_API_KEY}` };
    const current = await this.request.get(url, { headers });
    expect(current.ok(), `GET ${url} answered ${current.status()}`).toBe(true);
    const { data } = (await current.json()) as { data: { redirect_uris: string[] } };
    if (data.redirect_uris.includes(redirectUri)) return;
    const updated = await this.request.put(url, {
      headers,
      data: { redirect_uris: [...data.redirect_uris, redirectUri] },
    });
    expect(updated.ok(), `PUT ${url} answered ${updated.status()}: ${await updated.text()}`).toBe(true);
  }
}
