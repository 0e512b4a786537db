/** `/clients`: the user's OAuth applications, paginated and searchable, with delete. */
import { useCallback, useState, type FormEvent } from 'react';
import { useTelnyxAPI } from '@telnyx-oauth/react';
import type { OAuthClient, OAuthClientListParams } from '@telnyx-oauth/core/api';
import { ConfirmAction } from '../components/confirm-action.js';
import { EmptyState, Notice, SkeletonRows } from '../components/feedback.js';
import { ManagementAPIError } from '../components/no-management-api.js';
import { Pagination } from '../components/pagination.js';
import { formatDateTime } from '../lib/format.js';
import { Link, navigate, useLocation } from '../lib/router.js';
import { useAsync } from '../lib/use-async.js';
import { useFlash } from '../lib/flash.js';
import { useWithScope } from '../lib/with-scope.js';
import { WritePermissionHint } from '../components/write-permission-hint.js';

const PAGE_SIZE = 20;

function listUrl(page: number, query: string): string {
  const params = new URLSearchParams();
  if (page > 1) params.set('page', String(page));
  if (query) params.set('q', query);
  const search = params.toString();
  return search ? `/clients?${search}` : '/clients';
}

export function OAuthClientsPage() {
  const api = useTelnyxAPI();
  const { search } = useLocation();
  const page = Math.max(1, Number(search.get('page')) || 1);
  const query = search.get('q') ?? '';
  const [draft, setDraft] = useState(query);
  const flash = useFlash();
  const [deleted, setDeleted] = useState<string | null>(null);

  const load = useCallback(() => {
    const params: OAuthClientListParams = { 'page[number]': page, 'page[size]': PAGE_SIZE };
    if (query) params['filter[name][contains]'] = query;
    return api.oauthClients.list(params);
  }, [api, page, query]);
  const clients = useAsync(load);

  function submitSearch(event: FormEvent) {
    event.preventDefault();
    navigate(listUrl(1, draft.trim()));
  }

  return (
    <>
      <div className="page-header">
        <div>
          <h1>OAuth clients</h1>
          <p>Applications you registered to offer &ldquo;Sign in with Telnyx&rdquo;.</p>
        </div>
        <Link to="/clients/new" className="button button--primary">
          New client
        </Link>
      </div>
      <WritePermissionHint />
      {flash ? <Notice tone="success">{flash.message}</Notice> : null}
      {deleted ? <Notice tone="success">Deleted &ldquo;{deleted}&rdquo;.</Notice> : null}
      <section className="card" aria-labelledby="clients-title" aria-busy={clients.status === 'loading'}>
        <div className="card__header">
          <h2 id="clients-title">{query ? `Clients matching “${query}”` : 'All clients'}</h2>
        </div>
        <form className="toolbar" role="search" onSubmit={submitSearch}>
          <label htmlFor="client-search" className="visually-hidden">
            Search clients by name
          </label>
          <input
            id="client-search"
            className="input"
            type="search"
            placeholder="Search by name"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
          />
          <button type="submit" className="button">
            Search
          </button>
          {query ? (
            <Link
              to="/clients"
              className="button"
              onClick={() => {
                setDraft('');
              }}
            >
              Clear
            </Link>
          ) : null}
        </form>
        {clients.status === 'failed' ? (
          <ManagementAPIError
            error={clients.error}
            path="/v2/oauth_clients"
            collection
            onRetry={clients.reload}
          />
        ) : null}
        {clients.data === undefined ? (
          clients.status === 'loading' ? (
            <SkeletonRows rows={8} label="Loading your OAuth clients…" />
          ) : null
        ) : clients.data.data.length === 0 ? (
          <EmptyState title={query ? 'No clients match your search' : 'No OAuth clients yet'}>
            <p>
              {query
                ? 'Try another name, or clear the search.'
                : 'Create one to let users sign in with Telnyx.'}
            </p>
          </EmptyState>
        ) : (
          <>
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Type</th>
                    <th scope="col">Grant types</th>
                    <th scope="col">Created</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {clients.data.data.map((client) => (
                    <ClientRow
                      key={client.client_id}
                      client={client}
                      onDeleted={() => {
                        setDeleted(client.name);
                        clients.reload();
                      }}
                    />
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination
              meta={clients.data.meta}
              noun="client"
              busy={clients.status === 'loading'}
              onPage={(next) => navigate(listUrl(next, query))}
            />
          </>
        )}
      </section>
    </>
  );
}

function ClientRow({ client, onDeleted }: { client: OAuthClient; onDeleted: () => void }) {
  const api = useTelnyxAPI();
  const withScope = useWithScope();
  const editPath = `/clients/${encodeURIComponent(client.client_id)}`;

  return (
    <tr>
      <td data-label="Name">
        <div className="cell-title">
          <Link to={editPath}>{client.name}</Link>
        </div>
        <div className="cell-sub">{client.client_id}</div>
      </td>
      <td data-label="Type">
        <span className="badge">{client.client_type}</span>
      </td>
      <td data-label="Grant types">{client.allowed_grant_types.join(', ') || '—'}</td>
      <td data-label="Created">{formatDateTime(client.created_at)}</td>
      <td className="actions">
        <ConfirmAction
          before={
            <Link to={editPath} className="button button--small">
              Edit<span className="visually-hidden"> {client.name}</span>
            </Link>
          }
          label={
            <>
              Delete<span className="visually-hidden"> {client.name}</span>
            </>
          }
          confirmLabel="Delete for good"
          groupLabel={`Confirm deleting ${client.name}`}
          onConfirm={async () => {
            await withScope(() => api.oauthClients.delete(client.client_id));
            onDeleted();
          }}
        />
      </td>
    </tr>
  );
}
