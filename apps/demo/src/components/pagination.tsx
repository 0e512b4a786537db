import type { PaginationMeta } from '@telnyx-oauth/core/api';
import { plural } from '../lib/format.js';

/** Previous / next with "Page 2 of 13 · 251 clients"; the buttons stay focusable targets, not links. */
export function Pagination({
  meta,
  noun,
  onPage,
  busy,
}: {
  meta: PaginationMeta;
  noun: string;
  onPage: (page: number) => void;
  busy: boolean;
}) {
  const { page_number: page, total_pages: pages, total_results: total } = meta;
  if (total === 0) return null;
  return (
    <nav className="pagination" aria-label="Pagination">
      <span aria-live="polite">
        Page {page} of {Math.max(pages, 1)} · {plural(total, noun)}
      </span>
      <div className="pagination__buttons">
        <button
          type="button"
          className="button button--small"
          onClick={() => onPage(page - 1)}
          disabled={busy || page <= 1}
        >
          Previous
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={() => onPage(page + 1)}
          disabled={busy || page >= pages}
        >
          Next
        </button>
      </div>
    </nav>
  );
}
