// @auth0/auth0-react handles the callback inside Auth0Provider (auth0-spa-js comes with it).
export { Auth0Provider, useAuth0 } from '@auth0/auth0-react';
