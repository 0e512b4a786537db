/** `/connected-apps`: the applications the user has authorised (OAuth grants), with Revoke. */
import { useCallback, useState } from 'react';
import { useTelnyxAPI } from '@telnyx-oauth/react';
import type { OAuthGrant } from '@telnyx-oauth/core/api';
import { config } from '../auth.js';
import { ConfirmAction } from '../components/confirm-action.js';
import { EmptyState, Notice, SkeletonRows } from '../components/feedback.js';
import { ManagementAPIError } from '../components/no-management-api.js';
import { WritePermissionHint } from '../components/write-permission-hint.js';
import { Pagination } from '../components/pagination.js';
import { formatDateTime, plural } from '../lib/format.js';
import { navigate, useLocation } from '../lib/router.js';
import { useAsync } from '../lib/use-async.js';
import { useWithScope } from '../lib/with-scope.js';

const PAGE_SIZE = 10;

export function ConnectedAppsPage() {
  const api = useTelnyxAPI();
  const { search } = useLocation();
  const page = Math.max(1, Number(search.get('page')) || 1);
  const [revoked, setRevoked] = useState<OAuthGrant | null>(null);

  const load = useCallback(
    () => api.oauthGrants.list({ 'page[number]': page, 'page[size]': PAGE_SIZE }),
    [api, page],
  );
  const grants = useAsync(load);

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Connected apps</h1>
          <p>Applications you allowed to use your Telnyx account. Revoke one to cut its access at once.</p>
        </div>
      </div>
      <WritePermissionHint />
      {revoked ? (
        <Notice tone="success" title="Access revoked">
          <p>
            <code>{revoked.client_id}</code> can no longer use your account.
            {revoked.client_id === config.clientId
              ? ' That was this app: your session here ends the next time it renews.'
              : ''}
          </p>
        </Notice>
      ) : null}
      <section className="card" aria-labelledby="grants-title" aria-busy={grants.status === 'loading'}>
        <div className="card__header">
          <h2 id="grants-title">Your grants</h2>
          {grants.data ? (
            <span className="badge">{plural(grants.data.meta.total_results, 'app')}</span>
          ) : null}
        </div>
        {grants.status === 'failed' ? (
          <ManagementAPIError
            error={grants.error}
            path="/v2/oauth_grants"
            collection
            onRetry={grants.reload}
          />
        ) : null}
        {grants.data === undefined ? (
          grants.status === 'loading' ? (
            <SkeletonRows rows={5} label="Loading your connected apps…" />
          ) : null
        ) : grants.data.data.length === 0 ? (
          <EmptyState title="No connected apps">
            <p>When you allow an application to use your Telnyx account, it shows up here.</p>
          </EmptyState>
        ) : (
          <>
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Application</th>
                    <th scope="col">Scopes</th>
                    <th scope="col">Authorised</th>
                    <th scope="col">Last used</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {grants.data.data.map((grant) => (
                    <GrantRow
                      key={grant.id}
                      grant={grant}
                      onRevoked={() => {
                        setRevoked(grant);
                        grants.reload();
                      }}
                    />
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination
              meta={grants.data.meta}
              noun="app"
              busy={grants.status === 'loading'}
              onPage={(next) => navigate(`/connected-apps?page=${next}`)}
            />
          </>
        )}
      </section>
    </>
  );
}

function GrantRow({ grant, onRevoked }: { grant: OAuthGrant; onRevoked: () => void }) {
  const api = useTelnyxAPI();
  const withScope = useWithScope();
  const isThisApp = grant.client_id === config.clientId;
  const name = isThisApp ? 'Telnyx OAuth Demo' : grant.client_id;

  return (
    <tr data-testid={`grant-${grant.client_id}`}>
      <td data-label="Application">
        <div className="cell-title">
          {name} {isThisApp ? <span className="badge badge--ok">This app</span> : null}
        </div>
        {isThisApp ? <div className="cell-sub">{grant.client_id}</div> : null}
      </td>
      <td data-label="Scopes">
        <ul className="chips">
          {grant.scopes.slice(0, 4).map((scope) => (
            <li key={scope} className="chip">
              {scope}
            </li>
          ))}
          {grant.scopes.length > 4 ? <li className="chip">+{grant.scopes.length - 4} more</li> : null}
        </ul>
      </td>
      <td data-label="Authorised">{formatDateTime(grant.created_at)}</td>
      <td data-label="Last used">{grant.last_used_at ? formatDateTime(grant.last_used_at) : 'Never'}</td>
      <td className="actions">
        <ConfirmAction
          label="Revoke"
          ariaLabel={`Revoke ${name}`}
          confirmLabel="Revoke access"
          groupLabel="Confirm revocation"
          onConfirm={async () => {
            await withScope(() => api.oauthGrants.delete(grant.id));
            onRevoked();
          }}
        />
      </td>
    </tr>
  );
}
