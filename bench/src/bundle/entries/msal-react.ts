// msal-react needs an application object from msal-browser; MsalProvider handles the redirect.
export { MsalProvider, useMsal, useIsAuthenticated } from '@azure/msal-react';
export { PublicClientApplication } from '@azure/msal-browser';
