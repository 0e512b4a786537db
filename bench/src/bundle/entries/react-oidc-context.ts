// react-oidc-context handles the callback inside AuthProvider; oidc-client-ts comes with it.
export { AuthProvider, useAuth, hasAuthParams } from 'react-oidc-context';
export { WebStorageStateStore } from 'oidc-client-ts';
