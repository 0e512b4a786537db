/** The signed-in page: session status, granted scopes, token lifetime, introspection, recent activity. */
import { useAuth } from '@telnyx-oauth/react';
import { config } from '../auth.js';
import { EmptyState } from '../components/feedback.js';
import { IntrospectionCard } from '../components/introspection.js';
import { TokenLifetimeCard } from '../components/token-lifetime.js';
import { useActivity } from '../lib/activity.js';
import { formatTime } from '../lib/format.js';
import { Link } from '../lib/router.js';

function ScopesCard() {
  const { scope } = useAuth();
  return (
    <section className="card" aria-labelledby="scopes-title">
      <div className="card__header">
        <h2 id="scopes-title">Granted scopes</h2>
        <span className="badge">{scope.length}</span>
      </div>
      {scope.length > 0 ? (
        <ul className="chips" aria-label="Granted scopes">
          {scope.map((item) => (
            <li key={item} className="chip">
              {item}
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState title="No scopes reported">The authorization server did not list any.</EmptyState>
      )}
      <p className="muted small card__note">
        Manage what this app may do on <Link to="/connected-apps">Connected apps</Link>.
      </p>
    </section>
  );
}

function ActivityCard() {
  const activity = useActivity();
  return (
    <section className="card" aria-labelledby="activity-title">
      <h2 id="activity-title">Activity in this tab</h2>
      {activity.length > 0 ? (
        <ol className="activity" data-testid="activity">
          {activity.map((entry) => (
            <li key={entry.id}>
              <time dateTime={new Date(entry.at).toISOString()}>{formatTime(entry.at)}</time>
              {entry.text}
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted small">
          Nothing yet. Renewals, sign-outs and errors of this session will show up here.
        </p>
      )}
    </section>
  );
}

export function SessionPage() {
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Signed in</h1>
          <p>
            Your session with {config.serverName} is active in this browser, as client{' '}
            <code>{config.clientId}</code>.
          </p>
          {config.tokenHandler ? (
            <p className="muted small" data-testid="token-handler-note">
              Signed in through the token handler at <code>{config.tokenHandler}</code>: the refresh token
              stays on the server, in an HttpOnly cookie this page cannot read.
            </p>
          ) : null}
        </div>
      </div>
      <div className="grid">
        <TokenLifetimeCard />
        <ScopesCard />
        <IntrospectionCard />
        <ActivityCard />
      </div>
    </>
  );
}
