/** `/clients/new` and `/clients/:id`: create or edit an OAuth client. */
import { useCallback, useState, type ReactNode } from 'react';
import { useTelnyxAPI } from '@telnyx-oauth/react';
import type { OAuthClientCreateParams, OAuthClientUpdateParams } from '@telnyx-oauth/core/api';
import {
  ClientForm,
  initialValues,
  type ClientFormValues,
  type FieldErrors,
} from '../components/client-form.js';
import { Notice, SkeletonRows } from '../components/feedback.js';
import { ManagementAPIError } from '../components/no-management-api.js';
import { setFlash, useFlash } from '../lib/flash.js';
import { formatDateTime } from '../lib/format.js';
import { Link, navigate } from '../lib/router.js';
import { useAsync } from '../lib/use-async.js';
import { useWithScope } from '../lib/with-scope.js';
import { WritePermissionHint } from '../components/write-permission-hint.js';

const FIELDS = new Set<string>([
  'name',
  'client_type',
  'allowed_grant_types',
  'allowed_scopes',
  'redirect_uris',
  'require_pkce',
  'logo_uri',
  'policy_uri',
  'tos_uri',
]);

/** Maps Telnyx's `errors[].source.pointer` (e.g. `/allowed_scopes`) onto the form's fields. */
function fieldErrorsOf(error: unknown): FieldErrors {
  const details = (error as { errors?: { detail?: string; title?: string; source?: { pointer?: string } }[] })
    ?.errors;
  const result: FieldErrors = {};
  for (const detail of Array.isArray(details) ? details : []) {
    const field = detail.source?.pointer?.replace(/^\/(data\/)?/, '').split('/')[0];
    if (field && FIELDS.has(field)) {
      result[field as keyof FieldErrors] = detail.detail ?? detail.title ?? 'Not accepted.';
    }
  }
  return result;
}

function optional(value: string): string | undefined {
  return value.trim() === '' ? undefined : value.trim();
}

function toCreateParams(values: ClientFormValues): OAuthClientCreateParams {
  const params: OAuthClientCreateParams = {
    name: values.name,
    client_type: values.client_type,
    allowed_grant_types: values.allowed_grant_types,
    allowed_scopes: values.allowed_scopes,
    redirect_uris: values.redirect_uris,
    require_pkce: values.require_pkce,
  };
  for (const field of ['logo_uri', 'policy_uri', 'tos_uri'] as const) {
    const value = optional(values[field]);
    if (value) params[field] = value;
  }
  return params;
}

function toUpdateParams(values: ClientFormValues): OAuthClientUpdateParams {
  const { client_type: _type, ...create } = toCreateParams(values);
  return create;
}

function useSave(save: (values: ClientFormValues) => Promise<void>) {
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  async function submit(values: ClientFormValues) {
    setSubmitting(true);
    setError(null);
    setFieldErrors({});
    try {
      await save(values);
    } catch (caught) {
      setError(caught);
      setFieldErrors(fieldErrorsOf(caught));
      setSubmitting(false);
    }
  }
  return { submitting, error, fieldErrors, submit };
}

/** The heading of both client pages, under a link back to the list. */
function ClientPageHeader({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <Link to="/clients" className="small">
          ← OAuth clients
        </Link>
        <h1>{title}</h1>
        <p>{children}</p>
      </div>
    </div>
  );
}

export function NewClientPage() {
  const api = useTelnyxAPI();
  const withScope = useWithScope();
  const { submitting, error, fieldErrors, submit } = useSave(async (values) => {
    const { data } = await withScope(() => api.oauthClients.create(toCreateParams(values)));
    setFlash({
      message: `Created “${data.name}”.`,
      ...(data.client_secret ? { secret: data.client_secret } : {}),
    });
    navigate(`/clients/${encodeURIComponent(data.client_id)}`, { replace: true });
  });

  return (
    <>
      <ClientPageHeader title="New OAuth client">
        Register an application that signs users in with Telnyx.
      </ClientPageHeader>
      <WritePermissionHint />
      <section className="card">
        {error ? <ManagementAPIError error={error} path="/v2/oauth_clients" collection /> : null}
        <ClientForm
          mode="create"
          initial={initialValues()}
          serverErrors={fieldErrors}
          submitting={submitting}
          onSubmit={submit}
          onCancel={() => navigate('/clients')}
        />
      </section>
    </>
  );
}

export function EditClientPage({ clientId }: { clientId: string }) {
  const api = useTelnyxAPI();
  const flash = useFlash();
  const load = useCallback(() => api.oauthClients.retrieve(clientId), [api, clientId]);
  const client = useAsync(load);
  const withScope = useWithScope();
  const { submitting, error, fieldErrors, submit } = useSave(async (values) => {
    const { data } = await withScope(() => api.oauthClients.update(clientId, toUpdateParams(values)));
    setFlash({ message: `Saved “${data.name}”.` });
    navigate('/clients');
  });

  const record = client.data?.data;
  return (
    <>
      <ClientPageHeader title={record ? record.name : 'OAuth client'}>
        <code>{clientId}</code>
      </ClientPageHeader>
      {flash ? (
        <Notice tone="success" title={flash.message}>
          {flash.secret ? (
            <>
              <p>Copy the client secret now: it is shown only once.</p>
              <p className="secret">
                <code data-testid="client-secret">{flash.secret}</code>
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => void navigator.clipboard?.writeText(flash.secret ?? '')}
                >
                  Copy
                </button>
              </p>
            </>
          ) : null}
        </Notice>
      ) : null}
      {client.status === 'failed' ? (
        <ManagementAPIError
          error={client.error}
          path={`/v2/oauth_clients/${clientId}`}
          collection={false}
          onRetry={client.reload}
        >
          <Link to="/clients" className="button button--small">
            Back to the list
          </Link>
        </ManagementAPIError>
      ) : null}
      {record === undefined ? (
        client.status === 'loading' ? (
          <section className="card">
            <SkeletonRows rows={8} label="Loading the client…" />
          </section>
        ) : null
      ) : (
        <div className="stack">
          <section className="card" aria-labelledby="client-facts">
            <h2 id="client-facts">Details</h2>
            <dl className="facts">
              <dt>Client ID</dt>
              <dd>
                <code>{record.client_id}</code>
              </dd>
              <dt>Type</dt>
              <dd>{record.client_type}</dd>
              <dt>Created</dt>
              <dd>{formatDateTime(record.created_at)}</dd>
              <dt>Updated</dt>
              <dd>{formatDateTime(record.updated_at)}</dd>
            </dl>
          </section>
          <section className="card" aria-labelledby="client-edit">
            <h2 id="client-edit">Settings</h2>
            <WritePermissionHint />
            {error ? (
              <ManagementAPIError error={error} path={`/v2/oauth_clients/${clientId}`} collection={false} />
            ) : null}
            <ClientForm
              key={record.updated_at}
              mode="edit"
              initial={initialValues(record)}
              serverErrors={fieldErrors}
              submitting={submitting}
              onSubmit={submit}
              onCancel={() => navigate('/clients')}
            />
          </section>
        </div>
      )}
    </>
  );
}
