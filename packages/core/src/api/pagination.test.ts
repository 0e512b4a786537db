/**
 * Pagination properties over a synthetic server (any number of items, any page size, honest or lying
 * meta): the walk yields every item exactly once, asks for each page once, and always terminates.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TelnyxOAuthAPI } from './client.js';

interface Lies {
  /** Added to total_pages (a server that over-counts). */
  extraPages: number;
  /** Reports page 1 whatever was asked (a server that ignores page[number]). */
  stuckPageNumber: boolean;
}

function listingServer(total: number, lies: Lies = { extraPages: 0, stuckPageNumber: false }) {
  const items = Array.from({ length: total }, (_, i) => ({ id: `g${i}` }));
  let requests = 0;
  const fetch = async (input: RequestInfo | URL) => {
    requests++;
    const url = new URL(String(input));
    const size = Number(url.searchParams.get('page[size]') ?? 20);
    const number = Number(url.searchParams.get('page[number]') ?? 1);
    const data = items.slice((number - 1) * size, number * size);
    const meta = {
      page_number: lies.stuckPageNumber ? 1 : number,
      page_size: size,
      total_pages: Math.ceil(total / size) + lies.extraPages,
      total_results: total,
    };
    return new Response(JSON.stringify({ data, meta }), { headers: { 'content-type': 'application/json' } });
  };
  const api = new TelnyxOAuthAPI({
    apiKey: 'K',
    baseURL: 'https://api.example.test',
    fetch: fetch as typeof globalThis.fetch,
  });
  return { api, requests: () => requests };
}

describe('pagination walk', () => {
  it('yields each item once and fetches each page once, for any total and page size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 100 }),
        async (total, size) => {
          const { api, requests } = listingServer(total);
          const ids: string[] = [];
          for await (const grant of api.oauthGrants.list({ 'page[size]': size })) ids.push(grant.id);
          expect(ids).toEqual(Array.from({ length: total }, (_, i) => `g${i}`));
          expect(requests()).toBe(Math.max(1, Math.ceil(total / size)));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('stops at the first empty page when the server over-counts pages', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 5 }),
        async (total, size, extraPages) => {
          const { api, requests } = listingServer(total, { extraPages, stuckPageNumber: false });
          let count = 0;
          for await (const _grant of api.oauthGrants.list({ 'page[size]': size })) count++;
          expect(count).toBe(total);
          // Every real page, plus at most one empty page that ends the walk.
          expect(requests()).toBeLessThanOrEqual(Math.ceil(total / size) + 1);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('terminates when the server ignores page[number]', async () => {
    const { api, requests } = listingServer(50, { extraPages: 0, stuckPageNumber: true });
    let count = 0;
    for await (const _grant of api.oauthGrants.list({ 'page[size]': 10 })) count++;
    expect(count).toBe(10);
    expect(requests()).toBe(2);
  });

  it('keeps filters and page size on every following page', async () => {
    const seen: string[] = [];
    const fetch = async (input: RequestInfo | URL) => {
      const url = new URL(String(input));
      seen.push(url.search);
      const number = Number(url.searchParams.get('page[number]') ?? 1);
      const meta = { page_number: number, page_size: 1, total_pages: 3, total_results: 3 };
      return Response.json({ data: [{ client_id: `c${number}` }], meta });
    };
    const api = new TelnyxOAuthAPI({
      apiKey: 'K',
      baseURL: 'https://api.example.test',
      fetch: fetch as typeof globalThis.fetch,
    });
    const ids: string[] = [];
    for await (const c of api.oauthClients.list({ 'page[size]': 1, 'filter[client_type]': 'public' }))
      ids.push(c.client_id);
    expect(ids).toEqual(['c1', 'c2', 'c3']);
    expect(seen.map((search) => Object.fromEntries(new URLSearchParams(search)))).toEqual([
      { 'page[size]': '1', 'filter[client_type]': 'public' },
      { 'page[size]': '1', 'filter[client_type]': 'public', 'page[number]': '2' },
      { 'page[size]': '1', 'filter[client_type]': 'public', 'page[number]': '3' },
    ]);
  });

  it('treats a listing without meta as a single page, and one without data as invalid', async () => {
    const single = new TelnyxOAuthAPI({
      apiKey: 'K',
      baseURL: 'https://api.example.test',
      fetch: (async () => Response.json({ data: [{ id: 'a' }] })) as typeof globalThis.fetch,
    });
    const page = await single.oauthGrants.list();
    expect(page.hasNextPage()).toBe(false);
    expect(page.meta).toEqual({ page_number: 1, page_size: 1, total_pages: 1, total_results: 1 });

    const broken = new TelnyxOAuthAPI({
      apiKey: 'K',
      baseURL: 'https://api.example.test',
      fetch: (async () => Response.json({ items: [] })) as typeof globalThis.fetch,
    });
    await expect(broken.oauthGrants.list()).rejects.toMatchObject({ code: 'invalid_response' });
  });
});
