/**
 * Errors of the Telnyx management API (`/v2/oauth_grants`, `/v2/oauth_clients`) on the Connected apps and
 * OAuth clients pages: a server that has no such API is said to have none, any other failure is shown as
 * usual (with "Try again" where that may help).
 */
import type { ReactNode } from 'react';
import { config } from '../auth.js';
import { isMissingManagementAPI } from '../lib/server-features.js';
import { ErrorAlert, Notice } from './feedback.js';

export function NoManagementAPI({ error, path }: { error: unknown; path: string }) {
  const status = (error as { status?: unknown } | null)?.status;
  return (
    <Notice tone="warning" title="This server has no Telnyx management API">
      <p data-testid="no-management-api">
        <code>{new URL(config.issuer).host}</code> answered{' '}
        {typeof status === 'number' && (status < 200 || status > 299) ? (
          <>
            <code>{status}</code> to
          </>
        ) : (
          'with a web page, not JSON, to'
        )}{' '}
        <code>{path}</code>. Connected apps and OAuth clients are managed through Telnyx&apos;s own API, which
        Telnyx and its local dev server offer and standard OAuth servers do not. Signing in, renewing the
        session and signing out do not need it.
      </p>
    </Notice>
  );
}

export function ManagementAPIError({
  error,
  path,
  collection,
  onRetry,
  children,
}: {
  error: unknown;
  /** The path that was called, shown when the server has no management API. */
  path: string;
  /** True for `/v2/oauth_grants` and `/v2/oauth_clients` themselves (a 404 there means no API at all). */
  collection: boolean;
  onRetry?: () => void;
  children?: ReactNode;
}) {
  if (isMissingManagementAPI(error, { collection })) return <NoManagementAPI error={error} path={path} />;
  return (
    <ErrorAlert error={error} {...(onRetry ? { onRetry } : {})}>
      {children}
    </ErrorAlert>
  );
}
