/**
 * Turns library and API errors into sentences for people. The library's errors carry a stable `code`
 * (see @telnyx-oauth/core errors.ts); the API client's carry an HTTP `status`. We branch on those, never on
 * messages. The authorization server is called by its name: "Telnyx" for Telnyx, else its host.
 */
import type { TelnyxAuthErrorCode } from '@telnyx-oauth/core';
import { config } from '../auth.js';

const server = config.serverName;

export interface FriendlyError {
  title: string;
  detail: string;
  /** True when trying the same thing again may work (network, rate limit, server hiccup). */
  retryable: boolean;
}

const AUTH_MESSAGES: Partial<Record<TelnyxAuthErrorCode, Omit<FriendlyError, 'retryable'>>> = {
  authorization_denied: {
    title: 'You did not allow access',
    detail: `You chose "Deny" on the consent screen of ${server}, so nothing was shared with this app. You can sign in again whenever you like.`,
  },
  unknown_state: {
    title: 'This sign-in link is not valid',
    detail:
      'It was already used, it expired, it was opened in a different browser, or it was altered. For your safety it was ignored. Start signing in again from this app.',
  },
  missing_state: {
    title: 'This sign-in link is incomplete',
    detail: `The response from ${server} is missing information we need to verify it, so it was ignored.`,
  },
  issuer_mismatch: {
    title: 'The sign-in response came from an unexpected server',
    detail: 'It did not come from the authorization server this app trusts, so it was ignored.',
  },
  authorization_error: {
    title: `${server} could not complete the sign-in`,
    detail: 'The authorization server reported a problem with this request.',
  },
  code_exchange_failed: {
    title: 'Sign-in could not be completed',
    detail:
      'The one-time sign-in code was rejected: it may have expired or already been used. Please try again.',
  },
  not_a_callback: {
    title: 'Nothing to finish here',
    detail:
      'This page completes a sign-in started from this app, but the address has no sign-in response in it.',
  },
  refresh_rejected: {
    title: 'Your session has ended',
    detail: 'Access for this app was revoked or expired. Sign in again to continue.',
  },
  login_required: {
    title: 'Please sign in',
    detail: 'You are not signed in, or your session has ended.',
  },
  discovery_failed: {
    title: 'The sign-in server is unreachable',
    detail: 'We could not load the authorization server settings. Check your connection and try again.',
  },
  insecure_issuer: {
    title: 'This app is misconfigured',
    detail: 'The authorization server address must use https (http is only allowed on this computer).',
  },
  invalid_options: {
    title: 'This app is misconfigured',
    detail: 'Its sign-in settings are incomplete. See apps/demo/README.md.',
  },
  storage_error: {
    title: 'Your browser blocked storage',
    detail:
      'The session could not be saved (private browsing or storage disabled). Allow site data and try again.',
  },
  popup_blocked: {
    title: 'Your browser blocked the Telnyx window',
    detail: 'Allow pop-ups for this site, then try again. Nothing was changed.',
  },
  popup_closed: {
    title: 'The Telnyx window was closed',
    detail: 'Nothing was changed. Try again, and choose Allow in the window that opens.',
  },
  popup_timeout: {
    title: 'The Telnyx window took too long',
    detail: 'Nothing was changed. Try again, and finish in the window that opens.',
  },
  popup_in_progress: {
    title: 'A Telnyx window is already open',
    detail: 'Finish there first: it was brought to the front.',
  },
  storage_unavailable: {
    title: 'Your browser cannot keep a sign-in',
    detail: `This browser offers no storage for this site (private browsing?), so a sign-in could not survive the trip to ${server} and back. Allow site data, or use a normal window, and try again.`,
  },
};

const RECOVERABLE_AUTH_MESSAGE = {
  title: `${server} did not answer`,
  detail: 'Your session is still here. The network or the server had a problem; try again in a moment.',
};

interface ErrorLike {
  code?: unknown;
  scopes?: unknown;
  oauthError?: unknown;
  status?: unknown;
  recoverable?: unknown;
  oauthErrorDescription?: unknown;
  message?: unknown;
  headers?: unknown;
}

function retryAfterSeconds(error: ErrorLike): number | null {
  const headers = error.headers;
  if (headers instanceof Headers) {
    const value = Number(headers.get('retry-after'));
    return Number.isFinite(value) && value > 0 ? value : null;
  }
  return null;
}

/** The human-readable details of a Telnyx error envelope (`errors[].detail`), joined. */
export function apiErrorDetails(error: unknown): string {
  const details = (error as { errors?: { title?: string; detail?: string }[] } | null)?.errors;
  const lines = (Array.isArray(details) ? details : [])
    .map((item) => item.detail ?? item.title)
    .filter((line): line is string => typeof line === 'string' && line !== '');
  return lines.length > 0 ? lines.join(' ') : 'Some values were not accepted.';
}

export function describeError(error: unknown): FriendlyError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;

  // A token without a scope: the library's own check (getAccessToken({ scope })) or the API's 401
  // insufficient_scope (Telnyx answers 401, not 403). Not an ended session: the permission is missing.
  if (e.code === 'insufficient_scope') {
    const scopes = Array.isArray(e.scopes) ? e.scopes.filter((scope) => typeof scope === 'string') : [];
    return {
      title: 'This needs another permission',
      detail: `Your sign-in does not include ${scopes.length ? scopes.join(', ') : 'the permission (scope)'}, which this needs. Nothing was changed, and you are still signed in.`,
      retryable: false,
    };
  }

  // A code exchange the server refused (invalid_grant) differs from one it failed to answer (5xx, network).
  if (e.code === 'code_exchange_failed' && e.oauthError === undefined) {
    return {
      title: 'Sign-in could not be completed',
      detail: `${server} did not answer properly while finishing your sign-in. Please try again in a moment.`,
      retryable: true,
    };
  }
  if (typeof e.code === 'string' && e.code in AUTH_MESSAGES) {
    const known = AUTH_MESSAGES[e.code as TelnyxAuthErrorCode]!;
    return { ...known, retryable: e.recoverable === true };
  }
  if (e.recoverable === true || e.code === 'network_error' || e.code === 'refresh_failed') {
    return { ...RECOVERABLE_AUTH_MESSAGE, retryable: true };
  }

  if (e.code === 'connection_error' || e.code === 'timeout') {
    return {
      title: `Could not reach ${server}`,
      detail: 'The request did not get an answer. Check your connection and try again.',
      retryable: true,
    };
  }
  if (e.code === 'validation_error') {
    return {
      title: 'Please check the form',
      detail: typeof e.message === 'string' ? e.message : 'A value was not accepted.',
      retryable: false,
    };
  }

  if (typeof e.status === 'number') {
    const status = e.status;
    if (status === 401) {
      return { title: 'Your session has ended', detail: 'Sign in again to continue.', retryable: false };
    }
    if (status === 403) {
      return {
        title: 'Not allowed',
        detail: 'Your sign-in does not include the permission (scope) this action needs.',
        retryable: false,
      };
    }
    if (status === 404) {
      return { title: 'Not found', detail: 'It may have been deleted already.', retryable: false };
    }
    if (status === 422 || status === 400) {
      return { title: 'Please check the form', detail: apiErrorDetails(error), retryable: false };
    }
    if (status === 429) {
      const wait = retryAfterSeconds(e);
      return {
        title: 'Too many requests',
        detail: wait
          ? `${server} asked us to slow down. Try again in ${wait} seconds.`
          : `${server} asked us to slow down. Try again in a minute.`,
        retryable: true,
      };
    }
    if (status >= 500) {
      return {
        title: `${server} had a problem`,
        detail: 'The server failed to answer. Try again in a moment.',
        retryable: true,
      };
    }
  }

  if (error instanceof TypeError) {
    return {
      title: `Could not reach ${server}`,
      detail: 'Check your connection and try again.',
      retryable: true,
    };
  }

  return {
    title: 'Something went wrong',
    detail: typeof e.message === 'string' && e.message ? e.message : 'An unexpected error occurred.',
    retryable: true,
  };
}

/**
 * A failed sign-in on the callback page. A code exchange that got no answer (`network_error`) is a network
 * that is down, or, browser-only, a token endpoint that does not answer browsers (no CORS, as Telnyx
 * documents none): the cure for that is a token handler, so the page says so. Everything else is
 * {@link describeError}'s.
 */
export function describeCallbackError(error: unknown): FriendlyError {
  if ((error as { code?: unknown } | null)?.code !== 'network_error') return describeError(error);
  return config.tokenHandler
    ? {
        title: 'Sign-in could not be completed',
        detail: `The token handler at ${config.tokenHandler} could not reach ${server} to finish your sign-in. Please try again in a moment.`,
        retryable: true,
      }
    : {
        title: 'Sign-in could not be completed',
        detail: `The code exchange with ${server} got no answer this page may read. Either the network is down, or its token endpoint does not accept requests from browsers (no CORS). For the second, this app needs a token handler: run @telnyx-oauth/token-handler on its server and set VITE_TELNYX_TOKEN_HANDLER (see apps/demo/README.md).`,
        retryable: true,
      };
}
