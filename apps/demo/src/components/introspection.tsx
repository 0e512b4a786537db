/**
 * What the authorization server says about the current access token (RFC 7662 introspection). The demo is
 * a public client, so it authenticates with its client_id alone. Introspection is rate limited (Telnyx:
 * 5 per minute per client), so it runs once when the page opens and then only on request. Introspection is
 * optional (RFC 7662): the server's metadata says whether and where it is offered.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useAuth, useTelnyxAPI } from '@telnyx-oauth/react';
import type { IntrospectResponse } from '@telnyx-oauth/core/api';
import { auth, config } from '../auth.js';
import { formatEpochSeconds, formatTime, splitScopes } from '../lib/format.js';
import { ErrorAlert, SkeletonRows, Spinner } from './feedback.js';

type State =
  | { kind: 'loading' }
  | { kind: 'loaded'; result: IntrospectResponse; at: number }
  | { kind: 'unsupported'; reason: 'server' | 'token-handler' }
  | { kind: 'failed'; error: unknown };

export function IntrospectionCard() {
  const api = useTelnyxAPI();
  const { getAccessToken } = useAuth();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [pending, setPending] = useState(false);
  const started = useRef(false);

  const introspect = useCallback(async () => {
    setPending(true);
    try {
      // Introspection authenticates the client (RFC 7662 §2.1). Through a token handler the client is
      // confidential and its secret stays on the server, so the page has nothing to authenticate with.
      if (config.tokenHandler) {
        setState({ kind: 'unsupported', reason: 'token-handler' });
        return;
      }
      // The metadata the library discovered for sign-in (cached with the session): no request of its own.
      const endpoint = (await auth.getServerMetadata()).introspection_endpoint;
      if (typeof endpoint !== 'string' || endpoint === '') {
        setState({ kind: 'unsupported', reason: 'server' });
        return;
      }
      const token = await getAccessToken();
      const result = await api.oauth.introspect(
        { token },
        { clientId: config.clientId, maxRetries: 0, endpoint },
      );
      setState({ kind: 'loaded', result, at: Date.now() });
    } catch (error) {
      setState({ kind: 'failed', error });
    } finally {
      setPending(false);
    }
  }, [api, getAccessToken]);

  useEffect(() => {
    // Once per mount, also under StrictMode's double effects: every call counts against the rate limit.
    if (started.current) return;
    started.current = true;
    void introspect();
  }, [introspect]);

  return (
    <section className="card card--wide" aria-labelledby="introspection-title" aria-busy={pending}>
      <div className="card__header">
        <h2 id="introspection-title">Token introspection</h2>
        {state.kind === 'loaded' ? (
          state.result.active ? (
            <span className="badge badge--ok">Active</span>
          ) : (
            <span className="badge badge--danger">Inactive</span>
          )
        ) : null}
      </div>
      <p className="muted small">
        What the authorization server reports about this tab&apos;s access token (RFC 7662).
      </p>
      {state.kind === 'loading' ? (
        <SkeletonRows rows={4} label="Asking the authorization server about the token…" />
      ) : state.kind === 'failed' ? (
        <ErrorAlert error={state.error} />
      ) : state.kind === 'unsupported' && state.reason === 'token-handler' ? (
        <div className="alert alert--info" role="status" data-testid="introspection-unsupported">
          <p className="alert__title">This page does not introspect its token.</p>
          <p>
            Introspection authenticates the client, and this client&apos;s secret stays on the server with the
            token handler. Signing in and renewing do not need it.
          </p>
        </div>
      ) : state.kind === 'unsupported' ? (
        <div className="alert alert--info" role="status" data-testid="introspection-unsupported">
          <p className="alert__title">This server does not offer token introspection.</p>
          <p>
            Its metadata lists no <code>introspection_endpoint</code> (RFC 8414), so there is nothing to ask
            about the token. Signing in and renewing do not need it.
          </p>
        </div>
      ) : (
        <IntrospectionFacts result={state.result} at={state.at} />
      )}
      {state.kind === 'unsupported' ? null : (
        <div className="card__footer">
          <button type="button" className="button" onClick={() => void introspect()} disabled={pending}>
            {pending ? <Spinner /> : null}
            Introspect again
          </button>
        </div>
      )}
    </section>
  );
}

function IntrospectionFacts({ result, at }: { result: IntrospectResponse; at: number }) {
  if (!result.active) {
    return (
      <p data-testid="introspection">
        The server reports this token as <strong>inactive</strong> (revoked or expired). Checked at{' '}
        {formatTime(at)}.
      </p>
    );
  }
  const scopes = splitScopes(result.scope);
  return (
    <dl className="facts" data-testid="introspection">
      <dt>Active</dt>
      <dd>Yes (checked at {formatTime(at)})</dd>
      <dt>Client</dt>
      <dd>
        <code>{result.client_id ?? '—'}</code>
      </dd>
      <dt>Issuer</dt>
      <dd>
        <code>{result.iss ?? '—'}</code>
      </dd>
      <dt>Audience</dt>
      <dd>
        <code>{Array.isArray(result.aud) ? result.aud.join(', ') : (result.aud ?? '—')}</code>
      </dd>
      <dt>Issued</dt>
      <dd>{formatEpochSeconds(result.iat)}</dd>
      <dt>Expires</dt>
      <dd>{formatEpochSeconds(result.exp)}</dd>
      <dt>Scope</dt>
      <dd>
        {scopes.length > 0 ? (
          <ul className="chips">
            {scopes.map((scope) => (
              <li key={scope} className="chip">
                {scope}
              </li>
            ))}
          </ul>
        ) : (
          '—'
        )}
      </dd>
    </dl>
  );
}
