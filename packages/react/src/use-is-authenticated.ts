'use client';
import { useAuthState } from './use-auth-state.js';

/** True while there is a session; re-renders only when that changes (not on token refreshes). */
export const useIsAuthenticated = (): boolean => useAuthState((snapshot) => snapshot.isAuthenticated);
