import { Link, Outlet, Route, Routes, useNavigate } from 'react-router';
import { AuthCallback, RequireAuth, SignInWithTelnyx, useAuth } from '@telnyx-oauth/react';

function Home() {
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
}

function Account() {
  const { scope } = useAuth();
  return (
    <main>
      <h1>Signed in</h1>
      <p>Granted scope: {scope.join(' ')}</p>
      <Link to="/">Home</Link>
    </main>
  );
}

function Callback() {
  const navigate = useNavigate();
  return (
    <AuthCallback
      onSuccess={(returnTo) => navigate(returnTo, { replace: true })}
      fallback={<p>Signing you in…</p>}
    />
  );
}

export function App() {
  return (
    <Routes>
      <Route path="/" element={<Home />} />
      <Route path="/callback" element={<Callback />} />
      <Route
        element={
          <RequireAuth fallback={<p>Loading…</p>}>
            <Outlet />
          </RequireAuth>
        }
      >
        <Route path="/account" element={<Account />} />
      </Route>
    </Routes>
  );
}
