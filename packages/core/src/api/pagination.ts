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

export class Page<Item> implements AsyncIterable<Item> {
  readonly data: Item[];
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

  then<TResult1 = Page<Item>, TResult2 = never>(
    onfulfilled?: ((page: Page<Item>) => TResult1 | PromiseLike<TResult1>) | null,
    onrejected?: ((reason: unknown) => TResult2 | PromiseLike<TResult2>) | null,
  ): Promise<TResult1 | TResult2> {
    return this.#first.then(onfulfilled, onrejected);
  }

  catch<TResult = never>(
    onrejected?: ((reason: unknown) => TResult | PromiseLike<TResult>) | null,
  ): Promise<Page<Item> | TResult> {
    return this.#first.catch(onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<Page<Item>> {
    return this.#first.finally(onfinally);
  }

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
