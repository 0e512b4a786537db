import { TelnyxAuthError, type LoginOptions, type TelnyxAuth } from '@telnyx-oauth/core';
import { toAuthError } from './to-auth-error.js';

/**
 * What the React layer knows about the current sign-in attempt of one client, shared by every
 * <RequireAuth>, <AuthCallback> and withAuthRequired() under it:
 * - `redirecting`: a redirect to Telnyx was started; nobody starts another (StrictMode, several guards);
 * - `completing`: a callback is being handled; guards on the same page wait for its outcome;
 * - `error`: the last sign-in failed (the callback or the redirect itself); guards render it instead of
 *   redirecting again, which is how a failing sign-in cannot loop.
 */
export interface SignInAttemptState {
  readonly redirecting: boolean;
  /** An <AuthCallback> is completing a sign-in: guards wait for it instead of redirecting. */
  readonly completing: boolean;
  readonly error: TelnyxAuthError | null;
}

export interface SignInAttempt {
  getState(): SignInAttemptState;
  subscribe(listener: () => void): () => void;
  /** Starts the redirect unless one is under way or a callback is completing; a failure becomes `error`. */
  redirect(options: LoginOptions): Promise<void>;
  /** A callback is being handled. */
  completing(): void;
  fail(error: unknown): void;
  succeed(): void;
  /** The page came back from the back/forward cache mid-redirect (the user pressed Back on Telnyx). */
  interrupted(): void;
}

const IDLE: SignInAttemptState = { redirecting: false, completing: false, error: null };
const attempts = new WeakMap<TelnyxAuth, SignInAttempt>();

function createSignInAttempt(client: TelnyxAuth): SignInAttempt {
  let state = IDLE;
  const listeners = new Set<() => void>();
  const set = (next: SignInAttemptState): void => {
    if (
      next.redirecting === state.redirecting &&
      next.completing === state.completing &&
      next.error === state.error
    ) {
      return;
    }
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
      if (state.redirecting || state.completing) return;
      set({ redirecting: true, completing: false, error: null });
      try {
        await client.loginWithRedirect(options);
      } catch (error) {
        set({ ...IDLE, error: toAuthError(error) });
      }
    },
    completing: () => set({ ...IDLE, completing: true }),
    fail: (error) => set({ ...IDLE, error: toAuthError(error) }),
    succeed: () => set(IDLE),
    interrupted() {
      if (!state.redirecting) return;
      set({
        ...IDLE,
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
