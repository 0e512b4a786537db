// @axa-fr/react-oidc handles the callback inside OidcProvider.
export { OidcProvider, useOidc, useOidcAccessToken } from '@axa-fr/react-oidc';
