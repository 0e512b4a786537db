/** Loading, empty and error states: every screen uses these so none is ever left blank. */
import type { ReactNode } from 'react';
import { describeError } from '../lib/describe-error.js';
import { navigate } from '../lib/router.js';

export function Spinner() {
  return <span className="spinner" aria-hidden="true" />;
}

export function Loading({ label, page = false }: { label: string; page?: boolean }) {
  return (
    <div className={page ? 'loading loading--page' : 'loading'} role="status" aria-live="polite">
      <Spinner />
      <span>{label}</span>
    </div>
  );
}

/** Placeholder rows while a list loads (keeps the layout from jumping). */
export function SkeletonRows({ rows = 4, label }: { rows?: number; label: string }) {
  return (
    <div role="status" aria-live="polite" aria-busy="true">
      <span className="visually-hidden">{label}</span>
      {Array.from({ length: rows }, (_, index) => (
        <div key={index} className="skeleton" />
      ))}
    </div>
  );
}

export function ErrorAlert({
  error,
  onRetry,
  children,
}: {
  error: unknown;
  onRetry?: () => void;
  children?: ReactNode;
}) {
  const friendly = describeError(error);
  return (
    <div className="alert alert--error" role="alert">
      <p className="alert__title">{friendly.title}</p>
      <p>{friendly.detail}</p>
      {(onRetry && friendly.retryable) || children ? (
        <div className="card__footer">
          {onRetry && friendly.retryable ? (
            <button type="button" className="button button--small" onClick={onRetry}>
              Try again
            </button>
          ) : null}
          {children}
        </div>
      ) : null}
    </div>
  );
}

export function Notice({
  tone,
  title,
  children,
}: {
  tone: 'info' | 'success' | 'warning';
  title?: string;
  children: ReactNode;
}) {
  return (
    <div className={`alert alert--${tone}`} role="status">
      {title ? <p className="alert__title">{title}</p> : null}
      {children}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty__title">{title}</p>
      {children}
    </div>
  );
}

/** The way out of a failed or refused sign-in: try again, or go home (the callback page and <Protected>). */
export function SignInAgainActions({ retry }: { retry: () => void }) {
  return (
    <>
      <button type="button" className="button button--primary" onClick={retry}>
        Sign in again
      </button>
      <button type="button" className="button" onClick={() => navigate('/', { replace: true })}>
        Back to home
      </button>
    </>
  );
}
