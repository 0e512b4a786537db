/** Live countdown to access token expiry, with a "Refresh now" action. */
import { useState } from 'react';
import { useAuth } from '@telnyx-oauth/react';
import { formatCountdown, formatTime } from '../lib/format.js';
import { useNow } from '../lib/use-now.js';
import { ErrorAlert, Notice, Spinner } from './feedback.js';

/** Remembers when this tab first saw a given expiry, to draw how much of the lifetime is left. */
function useLifetimeStart(expiresAt: number | null): number {
  const [seen, setSeen] = useState({ expiresAt, at: Date.now() });
  if (seen.expiresAt !== expiresAt) {
    const next = { expiresAt, at: Date.now() };
    setSeen(next);
    return next.at;
  }
  return seen.at;
}

type RefreshState =
  { kind: 'idle' } | { kind: 'pending' } | { kind: 'done'; at: number } | { kind: 'failed'; error: unknown };

export function TokenLifetimeCard() {
  const { expiresAt, status, getAccessToken } = useAuth();
  const now = useNow(1000);
  const startedAt = useLifetimeStart(expiresAt);
  const [refresh, setRefresh] = useState<RefreshState>({ kind: 'idle' });

  const remaining = expiresAt === null ? 0 : expiresAt - now;
  const lifetime = expiresAt === null ? 1 : Math.max(1, expiresAt - startedAt);
  const fraction = Math.min(1, Math.max(0, remaining / lifetime));

  async function refreshNow() {
    setRefresh({ kind: 'pending' });
    try {
      await getAccessToken({ forceRefresh: true });
      setRefresh({ kind: 'done', at: Date.now() });
    } catch (error) {
      setRefresh({ kind: 'failed', error });
    }
  }

  return (
    <section className="card" aria-labelledby="token-title">
      <div className="card__header">
        <h2 id="token-title">Access token</h2>
        {status === 'refreshing' ? (
          <span className="badge">
            <Spinner /> Renewing
          </span>
        ) : remaining > 0 ? (
          <span className="badge badge--ok">Valid</span>
        ) : (
          <span className="badge badge--warn">Expired</span>
        )}
      </div>
      <p className="muted small">Expires in</p>
      <div className="countdown">
        <span className="countdown__value" aria-live="off" data-testid="token-countdown">
          {formatCountdown(remaining)}
        </span>
        {expiresAt !== null ? (
          <span className="muted small">
            at{' '}
            <time dateTime={new Date(expiresAt).toISOString()} data-testid="token-expiry">
              {formatTime(expiresAt)}
            </time>
          </span>
        ) : null}
      </div>
      <progress className="meter" max={1} value={fraction} aria-label="Remaining token lifetime" />
      <p className="muted small">
        It is renewed automatically shortly before it expires, once for all open tabs.
      </p>
      {refresh.kind === 'done' ? (
        <Notice tone="success">Renewed at {formatTime(refresh.at)}.</Notice>
      ) : refresh.kind === 'failed' ? (
        <ErrorAlert error={refresh.error} />
      ) : null}
      <div className="card__footer">
        <button type="button" className="button" onClick={refreshNow} disabled={refresh.kind === 'pending'}>
          {refresh.kind === 'pending' ? <Spinner /> : null}
          Refresh now
        </button>
      </div>
    </section>
  );
}
