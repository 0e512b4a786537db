/** Picks the screen for the current path. */
import { Layout } from './components/layout.js';
import { Protected } from './components/protected.js';
import { Link, matchPath, useLocation } from './lib/router.js';
import { CallbackPage } from './routes/callback.js';
import { ConnectedAppsPage } from './routes/connected-apps.js';
import { HomePage } from './routes/home.js';
import { LibraryUIPage } from './routes/library-ui.js';
import { EditClientPage, NewClientPage } from './routes/oauth-client-edit.js';
import { OAuthClientsPage } from './routes/oauth-clients.js';

function Screen({ pathname }: { pathname: string }) {
  if (pathname === '/') return <HomePage />;
  if (pathname === '/callback') return <CallbackPage />;
  if (pathname === '/library-ui') return <LibraryUIPage />;
  if (pathname === '/connected-apps') {
    return (
      <Protected>
        <ConnectedAppsPage />
      </Protected>
    );
  }
  if (pathname === '/clients') {
    return (
      <Protected>
        <OAuthClientsPage />
      </Protected>
    );
  }
  if (pathname === '/clients/new') {
    return (
      <Protected>
        <NewClientPage />
      </Protected>
    );
  }
  const client = matchPath('/clients/:id', pathname);
  if (client?.id) {
    return (
      <Protected>
        <EditClientPage key={client.id} clientId={client.id} />
      </Protected>
    );
  }
  return (
    <section className="card center-card">
      <h1>Page not found</h1>
      <p>There is nothing at this address.</p>
      <Link to="/" className="button button--primary">
        Go home
      </Link>
    </section>
  );
}

export function App() {
  const { pathname } = useLocation();
  return (
    <Layout>
      <Screen pathname={pathname} />
    </Layout>
  );
}
