/**
 * Page-number pagination of the management API (`page[number]`, `page[size]` → `{data, meta}`), shaped like
 * the pages of Telnyx's generated SDKs: `await list()` gives the first page, `for await (… of list())`
 * walks every item of every page, and each page offers `hasNextPage()`, `getNextPage()`, `iterPages()`.
 */
import { APIError, TelnyxError, isRecord } from './errors.js';
import type { RequestOptions, Transport } from './request.js';
import type { PaginationMeta } from './types.js';
import { requireObject, validatePageParams } from './validate.js';

type Query = Record<string, unknown>;
type PageLoader<Item> = (query: Query) => Promise<Page<Item>>;

/**
 * One page of a listing (`GET /v2/oauth_clients`, `GET /v2/oauth_grants`): its items, Telnyx's pagination
 * `meta`, and the way to the next pages. Iterating a page (`for await`) yields its items and those of every
 * following page, fetched one page at a time.
 *
 * @example
 * ```ts
 * let page = await api.oauthGrants.list({ 'page[size]': 100 });
 * console.log(`${page.meta.total_results} grants`);
 * while (page.hasNextPage()) page = await page.getNextPage();
 * ```
 */
export class Page<Item> implements AsyncIterable<Item> {
  /** The items of this page, in the order the server listed them; empty past the last page. */
  readonly data: Item[];
  /**
   * Telnyx's pagination `meta`. When the server sent none (or only some fields), the missing ones are
   * inferred so that this page counts as the last: `page_number` the one requested, `total_pages` equal to
   * it, `page_size` and `total_results` the number of items.
   */
  readonly meta: PaginationMeta;
  /** The query this page was fetched with (filters and page parameters). */
  readonly params: Readonly<Query>;
  readonly #load: PageLoader<Item>;

  constructor(load: PageLoader<Item>, params: Query, data: Item[], meta: PaginationMeta) {
    this.#load = load;
    this.params = params;
    this.data = data;
    this.meta = meta;
  }

  /** False after the last page, and after an empty page (a server that miscounts cannot loop us). */
  hasNextPage(): boolean {
    return this.data.length > 0 && this.meta.page_number < this.meta.total_pages;
  }

  /** The query of the next page (same filters and size), or null on the last page. */
  nextPageParams(): Query | null {
    if (!this.hasNextPage()) return null;
    return { ...this.params, 'page[number]': this.meta.page_number + 1 };
  }

  /**
   * Fetches the next page, with the same filters and page size.
   *
   * @throws {@link TelnyxError} with code `no_next_page` on the last page (check {@link Page.hasNextPage}
   *   first), and any error of the request itself ({@link APIError} and its subclasses).
   */
  async getNextPage(): Promise<Page<Item>> {
    const params = this.nextPageParams();
    if (!params) {
      throw new TelnyxError('no_next_page', 'No next page: check hasNextPage() before getNextPage().');
    }
    return this.#load(params);
  }

  /** This page, then every following one. */
  iterPages(): AsyncGenerator<Page<Item>, void, undefined> {
    return walkPages(this);
  }

  /**
   * Every item of this page and of the following pages, fetching each next page when the previous one is
   * used up. Stops after the last page, after an empty page, or when the server answers a page number that
   * does not advance (so a server ignoring `page[number]` cannot loop it). A failing page request throws
   * from the loop.
   */
  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    for await (const page of this.iterPages()) yield* page.data;
  }
}

async function* walkPages<Item>(first: Page<Item>): AsyncGenerator<Page<Item>, void, undefined> {
  let page = first;
  yield page;
  while (page.hasNextPage()) {
    const next = await page.getNextPage();
    // A server that ignores page[number] would hand back the same page forever.
    if (next.meta.page_number <= page.meta.page_number) return;
    page = next;
    yield page;
  }
}

/**
 * What `list()` returns: awaitable to the first page and async-iterable over every item.
 * The first page is requested at once (like a promise) and shared by `await` and iteration.
 */
export class PagePromise<Item> implements PromiseLike<Page<Item>>, AsyncIterable<Item> {
  readonly #first: Promise<Page<Item>>;

  constructor(load: () => Promise<Page<Item>>) {
    this.#first = load();
    // Rejections surface through then()/iteration; a list() nobody awaits must not crash the process.
    this.#first.catch(() => undefined);
  }

  /**
   * Resolves to the first page; rejects with a {@link ValidationError} for bad parameters, or with the
   * request's {@link APIError}.
   */
  then<TResult1 = Page<Item>, TResult2 = never>(
    onfulfilled?: ((page: Page<Item>) => TResult1 | PromiseLike<TResult1>) | null,
    onrejected?: ((reason: unknown) => TResult2 | PromiseLike<TResult2>) | null,
  ): Promise<TResult1 | TResult2> {
    return this.#first.then(onfulfilled, onrejected);
  }

  /** As `Promise.prototype.catch` on the first page. */
  catch<TResult = never>(
    onrejected?: ((reason: unknown) => TResult | PromiseLike<TResult>) | null,
  ): Promise<Page<Item> | TResult> {
    return this.#first.catch(onrejected);
  }

  /** As `Promise.prototype.finally` on the first page. */
  finally(onfinally?: (() => void) | null): Promise<Page<Item>> {
    return this.#first.finally(onfinally);
  }

  /**
   * Every item of every page, from the first (`for await (const client of api.oauthClients.list())`); see
   * {@link Page}'s iterator for when it stops. A failing request throws from the loop.
   */
  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    yield* await this.#first;
  }
}

/** `GET path` as a page-number listing. */
export function paginate<Item>(
  transport: Transport,
  path: string,
  params: object | undefined,
  options: RequestOptions | undefined,
  validateFilters?: (params: Query) => void,
): PagePromise<Item> {
  const load: PageLoader<Item> = async (query) => {
    const res = await transport.request({ method: 'GET', path, query, auth: 'bearer', options });
    const { data, meta } = readPageBody<Item>(res.body, query, res.status, res.headers);
    return new Page(load, query, data, meta);
  };
  return new PagePromise(async () => {
    const query = { ...requireObject('params', params ?? {}) };
    validatePageParams(query);
    validateFilters?.(query);
    return load(query);
  });
}

function readPageBody<Item>(
  body: unknown,
  query: Query,
  status: number,
  headers: Headers,
): { data: Item[]; meta: PaginationMeta } {
  if (!isRecord(body) || !Array.isArray(body.data)) {
    throw new APIError(status, body, 'A listing answered without a `data` array.', headers, {
      code: 'invalid_response',
    });
  }
  const data = body.data as Item[];
  const requested = typeof query['page[number]'] === 'number' ? query['page[number]'] : 1;
  const meta = isRecord(body.meta) ? body.meta : {};
  const number = (key: string, fallback: number) => (typeof meta[key] === 'number' ? meta[key] : fallback);
  // Without meta the page can only be taken as the last one.
  const pageNumber = number('page_number', requested);
  return {
    data,
    meta: {
      page_number: pageNumber,
      page_size: number('page_size', data.length),
      total_pages: number('total_pages', pageNumber),
      total_results: number('total_results', data.length),
    },
  };
}
