/**
 * Errors of the Telnyx management API (`/v2/oauth_grants`, `/v2/oauth_clients`) on the Connected apps and
 * OAuth clients pages: a server that has no such API is said to have none, any other failure is shown as
 * usual (with "Try again" where that may help).
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useTelnyxAPI } from '@telnyx-oauth/react';
import { config } from '../auth.js';
import { isMissingManagementAPI, isUnreadableAnswer, serverAnswers } from '../lib/server-features.js';
import { ErrorAlert, Notice, Spinner } from './feedback.js';

type Verdict = 'missing' | 'unreadable' | 'failed' | 'checking';

/**
 * What a management API error means. Most answers say it themselves; a request that got no readable answer
 * is either a network failure or a server that answers that path without CORS headers (a standard server's
 * "not found" page usually has none). Asking the same server for its metadata tells the two apart.
 */
function useVerdict(error: unknown, collection: boolean): Verdict {
  const api = useTelnyxAPI();
  const unreadable = isUnreadableAnswer(error);
  const [probe, setProbe] = useState<{ error: unknown; answers: boolean } | null>(null);

  useEffect(() => {
    if (!unreadable) return;
    let current = true;
    void serverAnswers(api).then((answers) => {
      if (current) setProbe({ error, answers });
    });
    return () => {
      current = false;
    };
  }, [api, error, unreadable]);

  if (isMissingManagementAPI(error, { collection })) return 'missing';
  if (!unreadable) return 'failed';
  if (probe === null || probe.error !== error) return 'checking';
  return probe.answers ? 'unreadable' : 'failed';
}

export function NoManagementAPI({
  error,
  path,
  onRetry,
}: {
  error: unknown;
  path: string;
  onRetry?: (() => void) | undefined;
}) {
  const status = (error as { status?: unknown } | null)?.status;
  const host = <code>{new URL(config.issuer).host}</code>;
  const answered =
    typeof status === 'number' && (status < 200 || status > 299) ? (
      <>
        answered <code>{status}</code> to
      </>
    ) : (
      'answered with a web page, not JSON, to'
    );
  return (
    <Notice tone="warning" title="This server has no Telnyx management API">
      <p data-testid="no-management-api">
        {isUnreadableAnswer(error) ? (
          <>
            {host} answers this page&apos;s other requests, but gave no answer it may read to{' '}
            <code>{path}</code> (no CORS headers): it has no such API, or does not let browsers call it.
          </>
        ) : (
          <>
            {host} {answered} <code>{path}</code>.
          </>
        )}{' '}
        Connected apps and OAuth clients are managed through Telnyx&apos;s own API, which Telnyx and its local
        dev server offer and standard OAuth servers do not. Signing in, renewing the session and signing out
        do not need it.
      </p>
      {onRetry && isUnreadableAnswer(error) ? (
        <div className="card__footer">
          <button type="button" className="button button--small" onClick={onRetry}>
            Try again
          </button>
        </div>
      ) : null}
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
  const verdict = useVerdict(error, collection);
  if (verdict === 'checking') {
    return (
      <div className="loading" role="status">
        <Spinner />
        <span>Checking whether the server has a management API…</span>
      </div>
    );
  }
  if (verdict !== 'failed') return <NoManagementAPI error={error} path={path} onRetry={onRetry} />;
  return (
    <ErrorAlert error={error} {...(onRetry ? { onRetry } : {})}>
      {children}
    </ErrorAlert>
  );
}
