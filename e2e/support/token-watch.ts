/**
 * Watches a browser context for token leaks "at any point", not only at the end of a test:
 * - every token the token endpoint (or a token handler's `/token` and `/refresh`) hands out is captured from
 *   its response; a test may add others it learns (the refresh token a token handler keeps in its cookie);
 * - every request URL and every navigation (including history.pushState/replaceState) is recorded;
 * - every localStorage / sessionStorage write is recorded by wrapping Storage.prototype.setItem;
 * - every console message is recorded (tokens must never be logged).
 * `assertNoLeaks()` then checks none of those ever contained a token.
 */
import { expect, type BrowserContext, type Page } from '@playwright/test';

interface StorageWrite {
  origin: string;
  area: string;
  key: string;
  value: string;
}

const TOKEN_ENDPOINT = /\/oauth\/token(?:\?|$)|\/api\/auth\/(?:token|refresh)(?:\?|$)/;

function recordStorageWrites() {
  const original = Storage.prototype.setItem;
  Storage.prototype.setItem = function setItem(this: Storage, key: string, value: string) {
    const area = this === window.localStorage ? 'localStorage' : 'sessionStorage';
    const record = (window as unknown as { __e2eStorageWrite?: (...args: string[]) => void })
      .__e2eStorageWrite;
    record?.(area, String(key), String(value));
    return original.call(this, key, value);
  };
}

export class TokenWatch {
  readonly tokens = new Set<string>();
  readonly urls: string[] = [];
  readonly storageWrites: StorageWrite[] = [];
  readonly consoleMessages: string[] = [];
  private readonly pending: Promise<void>[] = [];

  async attach(context: BrowserContext): Promise<void> {
    await context.exposeBinding(
      '__e2eStorageWrite',
      ({ frame }, area: string, key: string, value: string) => {
        this.storageWrites.push({ origin: new URL(frame.url()).origin, area, key, value });
      },
    );
    await context.addInitScript(recordStorageWrites);

    context.on('request', (request) => this.urls.push(request.url()));
    context.on('response', (response) => {
      if (!TOKEN_ENDPOINT.test(response.url()) || response.request().method() !== 'POST') return;
      this.pending.push(
        response
          .json()
          .then((body: { access_token?: unknown; refresh_token?: unknown }) => {
            for (const value of [body.access_token, body.refresh_token]) {
              if (typeof value === 'string' && value.length > 0) this.tokens.add(value);
            }
          })
          .catch(() => {}),
      );
    });
    context.on('console', (message) => this.consoleMessages.push(message.text()));
    const watchPage = (page: Page) => {
      page.on('framenavigated', (frame) => this.urls.push(frame.url()));
    };
    context.pages().forEach(watchPage);
    context.on('page', watchPage);
  }

  /** Resolves once every token response seen so far was read. */
  async settle(): Promise<void> {
    await Promise.all(this.pending);
  }

  async tokenCount(): Promise<number> {
    await this.settle();
    return this.tokens.size;
  }

  /** The current Web Storage contents of a page, as one string. */
  private static async webStorageDump(page: Page): Promise<string> {
    if (page.isClosed()) return '';
    try {
      return await page.evaluate(() => {
        const dump = (storage: Storage) =>
          Array.from({ length: storage.length }, (_, index) => {
            const key = storage.key(index) ?? '';
            return `${key}=${storage.getItem(key) ?? ''}`;
          }).join('\n');
        return `${dump(window.localStorage)}\n${dump(window.sessionStorage)}`;
      });
    } catch {
      return ''; // the page is navigating or closed
    }
  }

  async assertNoLeaks(pages: readonly Page[]): Promise<void> {
    await this.settle();
    for (const url of this.urls) {
      expect(url, 'a URL carried a token parameter').not.toMatch(
        /[?#&](access_token|refresh_token|id_token)=/,
      );
    }
    const storageNow = await Promise.all(pages.map((page) => TokenWatch.webStorageDump(page)));
    for (const token of this.tokens) {
      const shortToken = `${token.slice(0, 12)}…`;
      for (const url of this.urls)
        expect(url.includes(token), `token ${shortToken} in URL ${url}`).toBe(false);
      for (const write of this.storageWrites) {
        expect(
          write.key.includes(token) || write.value.includes(token),
          `token ${shortToken} written to ${write.area} of ${write.origin} under "${write.key}"`,
        ).toBe(false);
      }
      for (const dump of storageNow)
        expect(dump.includes(token), `token ${shortToken} in Web Storage`).toBe(false);
      for (const message of this.consoleMessages) {
        expect(message.includes(token), `token ${shortToken} logged to the console`).toBe(false);
      }
    }
  }
}
