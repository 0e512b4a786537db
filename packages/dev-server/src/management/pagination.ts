import { TELNYX_CODES, telnyxError, telnyxErrorItem } from './telnyx-errors.js';

/** A requested page: `page[number]` (from 1) and `page[size]`. */
export interface Page {
  number: number;
  size: number;
}

/** Telnyx's default `page[size]`. */
export const DEFAULT_PAGE_SIZE = 20;
/** The largest `page[size]` accepted. */
export const MAX_PAGE_SIZE = 100;

function badParameter(parameter: string, detail: string): Response {
  return telnyxError(400, [
    telnyxErrorItem(TELNYX_CODES.invalidParameter, 'Invalid parameter', detail, { parameter }),
  ]);
}

/** Telnyx's `page[number]` (from 1) and `page[size]` (1..100, default 20). */
export function parsePage(query: URLSearchParams): Page | Response {
  const number = query.get('page[number]');
  const size = query.get('page[size]');
  const page: Page = { number: 1, size: DEFAULT_PAGE_SIZE };
  if (number !== null) {
    if (!/^\d+$/.test(number) || Number(number) < 1) {
      return badParameter('page[number]', 'page[number] must be an integer of at least 1.');
    }
    page.number = Number(number);
  }
  if (size !== null) {
    if (!/^\d+$/.test(size) || Number(size) < 1 || Number(size) > MAX_PAGE_SIZE) {
      return badParameter('page[size]', `page[size] must be an integer from 1 to ${MAX_PAGE_SIZE}.`);
    }
    page.size = Number(size);
  }
  return page;
}

/** The `meta` of a paginated list answer, as Telnyx sends it: where this page is and how many there are. */
export interface PageMeta {
  page_number: number;
  page_size: number;
  total_pages: number;
  total_results: number;
}

/** A page past the end is empty, with the same meta (total_pages tells the client where the end is). */
export function paginate<T>(items: readonly T[], page: Page): { data: T[]; meta: PageMeta } {
  const start = (page.number - 1) * page.size;
  return {
    data: items.slice(start, start + page.size),
    meta: {
      page_number: page.number,
      page_size: page.size,
      total_pages: Math.ceil(items.length / page.size),
      total_results: items.length,
    },
  };
}

/** Any `filter[...]` parameter not in the list is refused, so a typo never silently returns everything. */
export function unknownFilter(query: URLSearchParams, known: readonly string[]): Response | undefined {
  for (const key of query.keys()) {
    if (key.startsWith('filter[') && !known.includes(key)) {
      return badParameter(key, `Unknown filter ${key}; supported: ${known.join(', ') || 'none'}.`);
    }
  }
  return undefined;
}

export { badParameter };
