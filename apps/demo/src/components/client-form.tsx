/** The create / edit form of an OAuth client, with field-level errors from the user and from the API. */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { ClientType, GrantType, OAuthClient } from '@telnyx-oauth/core/api';
import { TELNYX_SCOPES } from '../lib/scopes.js';
import { Spinner } from './feedback.js';

export interface ClientFormValues {
  name: string;
  client_type: ClientType;
  allowed_grant_types: GrantType[];
  allowed_scopes: string[];
  redirect_uris: string[];
  require_pkce: boolean;
  logo_uri: string;
  policy_uri: string;
  tos_uri: string;
}

export type FieldErrors = Partial<Record<keyof ClientFormValues, string>>;

const GRANT_TYPE_LABELS: Record<GrantType, string> = {
  authorization_code: 'Authorization code (users sign in)',
  refresh_token: 'Refresh token (stay signed in)',
  client_credentials: 'Client credentials (server to server)',
};

export function initialValues(client?: OAuthClient): ClientFormValues {
  return {
    name: client?.name ?? '',
    client_type: client?.client_type ?? 'public',
    allowed_grant_types: client?.allowed_grant_types ?? ['authorization_code', 'refresh_token'],
    allowed_scopes: client?.allowed_scopes ?? ['account_management.read'],
    redirect_uris: client?.redirect_uris ?? [],
    require_pkce: client?.require_pkce ?? true,
    logo_uri: client?.logo_uri ?? '',
    policy_uri: client?.policy_uri ?? '',
    tos_uri: client?.tos_uri ?? '',
  };
}

function isAbsoluteUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export function validate(values: ClientFormValues): FieldErrors {
  const errors: FieldErrors = {};
  if (!values.name.trim()) errors.name = 'Give the client a name your users will recognise.';
  if (values.allowed_grant_types.length === 0) errors.allowed_grant_types = 'Choose at least one grant type.';
  if (values.allowed_scopes.length === 0) errors.allowed_scopes = 'Choose at least one scope.';
  const badUri = values.redirect_uris.find((uri) => !isAbsoluteUrl(uri));
  if (badUri) errors.redirect_uris = `“${badUri}” is not an absolute http(s) URL.`;
  else if (values.allowed_grant_types.includes('authorization_code') && values.redirect_uris.length === 0) {
    errors.redirect_uris = 'Sign-in (authorization code) needs at least one redirect URI.';
  }
  for (const field of ['logo_uri', 'policy_uri', 'tos_uri'] as const) {
    if (values[field] && !isAbsoluteUrl(values[field])) errors[field] = 'Enter an absolute http(s) URL.';
  }
  return errors;
}

function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <span className="field__hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span className="field__error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

function describedBy(id: string, hint: boolean, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function toggle<T>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? [...list.filter((value) => value !== item), item] : list.filter((value) => value !== item);
}

export function ClientForm({
  mode,
  initial,
  serverErrors,
  submitting,
  onSubmit,
  onCancel,
}: {
  mode: 'create' | 'edit';
  initial: ClientFormValues;
  serverErrors: FieldErrors;
  submitting: boolean;
  onSubmit: (values: ClientFormValues) => void;
  onCancel: () => void;
}) {
  const base = useId();
  const [values, setValues] = useState(initial);
  const [redirectText, setRedirectText] = useState(initial.redirect_uris.join('\n'));
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const errors = { ...serverErrors, ...localErrors };
  const set = <K extends keyof ClientFormValues>(key: K, value: ClientFormValues[K]) =>
    setValues((previous) => ({ ...previous, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const next = {
      ...values,
      name: values.name.trim(),
      redirect_uris: redirectText
        .split(/\s+/)
        .map((line) => line.trim())
        .filter(Boolean),
    };
    const found = validate(next);
    setLocalErrors(found);
    if (Object.keys(found).length > 0) {
      const first = Object.keys(found)[0];
      document.getElementById(`${base}-${first}`)?.focus();
      return;
    }
    onSubmit(next);
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-busy={submitting}>
      <Field
        id={`${base}-name`}
        label="Name"
        hint="Shown to users on the consent screen."
        error={errors.name}
      >
        <input
          id={`${base}-name`}
          className="input"
          value={values.name}
          onChange={(event) => set('name', event.target.value)}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={describedBy(`${base}-name`, true, errors.name)}
          autoComplete="off"
          required
        />
      </Field>

      <fieldset className="field">
        <legend>Client type</legend>
        <div className="choices">
          {(['public', 'confidential'] as const).map((type) => (
            <label key={type} className="choice">
              <input
                type="radio"
                name={`${base}-client_type`}
                value={type}
                checked={values.client_type === type}
                disabled={mode === 'edit'}
                onChange={() => set('client_type', type)}
              />
              {type === 'public' ? 'Public (browser or mobile app, PKCE)' : 'Confidential (has a server)'}
            </label>
          ))}
        </div>
        {mode === 'edit' ? <span className="field__hint">The type cannot change after creation.</span> : null}
      </fieldset>

      <fieldset
        className="field"
        aria-describedby={errors.allowed_grant_types ? `${base}-grants-error` : undefined}
      >
        <legend>Grant types</legend>
        <div className="choices">
          {(Object.keys(GRANT_TYPE_LABELS) as GrantType[]).map((grant) => (
            <label key={grant} className="choice">
              <input
                type="checkbox"
                id={grant === 'authorization_code' ? `${base}-allowed_grant_types` : undefined}
                checked={values.allowed_grant_types.includes(grant)}
                onChange={(event) =>
                  set('allowed_grant_types', toggle(values.allowed_grant_types, grant, event.target.checked))
                }
              />
              {GRANT_TYPE_LABELS[grant]}
            </label>
          ))}
        </div>
        {errors.allowed_grant_types ? (
          <span className="field__error" id={`${base}-grants-error`}>
            {errors.allowed_grant_types}
          </span>
        ) : null}
      </fieldset>

      <Field
        id={`${base}-redirect_uris`}
        label="Redirect URIs"
        hint="One per line. Telnyx sends users back only to these exact addresses."
        error={errors.redirect_uris}
      >
        <textarea
          id={`${base}-redirect_uris`}
          className="textarea"
          value={redirectText}
          onChange={(event) => setRedirectText(event.target.value)}
          aria-invalid={errors.redirect_uris ? true : undefined}
          aria-describedby={describedBy(`${base}-redirect_uris`, true, errors.redirect_uris)}
          placeholder="https://app.example.com/callback"
          spellCheck={false}
        />
      </Field>

      <fieldset
        className="field"
        aria-describedby={errors.allowed_scopes ? `${base}-scopes-error` : undefined}
      >
        <legend>Allowed scopes</legend>
        <div className="scope-picker">
          {TELNYX_SCOPES.map((scope, index) => (
            <label key={scope} className="choice">
              <input
                type="checkbox"
                id={index === 0 ? `${base}-allowed_scopes` : undefined}
                checked={values.allowed_scopes.includes(scope)}
                onChange={(event) =>
                  set('allowed_scopes', toggle(values.allowed_scopes, scope, event.target.checked))
                }
              />
              {scope}
            </label>
          ))}
        </div>
        {errors.allowed_scopes ? (
          <span className="field__error" id={`${base}-scopes-error`}>
            {errors.allowed_scopes}
          </span>
        ) : null}
      </fieldset>

      <label className="choice">
        <input
          type="checkbox"
          checked={values.require_pkce}
          onChange={(event) => set('require_pkce', event.target.checked)}
        />
        Require PKCE (recommended; required for public clients to be safe)
      </label>

      {(['logo_uri', 'policy_uri', 'tos_uri'] as const).map((field) => (
        <Field
          key={field}
          id={`${base}-${field}`}
          label={
            { logo_uri: 'Logo URL', policy_uri: 'Privacy policy URL', tos_uri: 'Terms of service URL' }[field]
          }
          error={errors[field]}
        >
          <input
            id={`${base}-${field}`}
            className="input"
            type="url"
            value={values[field]}
            onChange={(event) => set(field, event.target.value)}
            aria-invalid={errors[field] ? true : undefined}
            aria-describedby={describedBy(`${base}-${field}`, false, errors[field])}
            placeholder="https://"
          />
        </Field>
      ))}

      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={submitting}>
          {submitting ? <Spinner /> : null}
          {mode === 'create' ? 'Create client' : 'Save changes'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={submitting}>
          Cancel
        </button>
      </div>
    </form>
  );
}
