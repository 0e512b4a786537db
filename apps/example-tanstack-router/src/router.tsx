import { Link, Outlet, createRootRoute, createRoute, createRouter, useRouter } from '@tanstack/react-router';
import { AuthCallback, RequireAuth, SignInWithTelnyx, useAuth } from '@telnyx-oauth/react';

const rootRoute = createRootRoute({ component: Outlet });

const homeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  component: function Home() {
    const { isAuthenticated, logout } = useAuth();
    return (
      <main>
        <h1>Home</h1>
        {isAuthenticated ? (
          <>
            <Link to="/account">Your account</Link>
            {/* Sign out anywhere: a mounted <RequireAuth> then offers to sign in again, never silently. */}
            <button onClick={() => logout()}>Sign out</button>
          </>
        ) : (
          <SignInWithTelnyx returnTo="/account" />
        )}
      </main>
    );
  },
});

const callbackRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/callback',
  component: function Callback() {
    const router = useRouter();
    return (
      <AuthCallback
        onSuccess={(returnTo) => router.history.replace(returnTo)}
        fallback={<p>Signing you in…</p>}
      />
    );
  },
});

// A pathless layout route: every route under it needs a session.
const protectedRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'protected',
  component: () => (
    <RequireAuth fallback={<p>Loading…</p>}>
      <Outlet />
    </RequireAuth>
  ),
});

const accountRoute = createRoute({
  getParentRoute: () => protectedRoute,
  path: '/account',
  component: function Account() {
    const { scope } = useAuth();
    return (
      <main>
        <h1>Signed in</h1>
        <p>Granted scope: {scope.join(' ')}</p>
        <Link to="/">Home</Link>
      </main>
    );
  },
});

export const router = createRouter({
  routeTree: rootRoute.addChildren([homeRoute, callbackRoute, protectedRoute.addChildren([accountRoute])]),
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
