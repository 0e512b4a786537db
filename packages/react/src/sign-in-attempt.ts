import { TelnyxAuthError, type LoginOptions, type TelnyxAuth } from '@telnyx-oauth/core';
import { toAuthError } from './to-auth-error.js';

/**
 * What the React layer knows about the current sign-in attempt of one client, shared by every
 * <RequireAuth>, <AuthCallback> and withAuthRequired() under it:
 * - `redirecting`: a redirect to Telnyx was started; nobody starts another (StrictMode, several guards);
 * - `error`: the last sign-in failed (the callback or the redirect itself); guards render it instead of
 *   redirecting again, which is how a failing sign-in cannot loop.
 */
export interface SignInAttemptState {
  readonly redirecting: boolean;
  readonly error: TelnyxAuthError | null;
}

export interface SignInAttempt {
  getState(): SignInAttemptState;
  subscribe(listener: () => void): () => void;
  /** Starts the redirect unless one is under way; a failure to start it becomes `error`. */
  redirect(options: LoginOptions): Promise<void>;
  fail(error: unknown): void;
  succeed(): void;
  /** The page came back from the back/forward cache mid-redirect (the user pressed Back on Telnyx). */
  interrupted(): void;
}

const IDLE: SignInAttemptState = { redirecting: false, error: null };
const attempts = new WeakMap<TelnyxAuth, SignInAttempt>();

function createSignInAttempt(client: TelnyxAuth): SignInAttempt {
  let state = IDLE;
  const listeners = new Set<() => void>();
  const set = (next: SignInAttemptState): void => {
    if (next.redirecting === state.redirecting && next.error === state.error) return;
    state = next;
    for (const listener of [...listeners]) listener();
  };
  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async redirect(options) {
      if (state.redirecting) return;
      set({ redirecting: true, error: null });
      try {
        await client.loginWithRedirect(options);
      } catch (error) {
        set({ redirecting: false, error: toAuthError(error) });
      }
    },
    fail: (error) => set({ redirecting: false, error: toAuthError(error) }),
    succeed: () => set(IDLE),
    interrupted() {
      if (!state.redirecting) return;
      set({
        redirecting: false,
        error: new TelnyxAuthError(
          'login_required',
          'Sign-in was not completed: the user came back before finishing it.',
          {
            recoverable: true,
          },
        ),
      });
    },
  };
}

export function getSignInAttempt(client: TelnyxAuth): SignInAttempt {
  let attempt = attempts.get(client);
  if (attempt === undefined) {
    attempt = createSignInAttempt(client);
    attempts.set(client, attempt);
  }
  return attempt;
}
