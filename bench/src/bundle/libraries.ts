import { fileURLToPath } from 'node:url';

export type LibraryId = 'telnyx' | 'react-oidc-context' | 'axa-react-oidc' | 'auth0-react' | 'msal-react';

export interface SizeSubject {
  readonly id: LibraryId | 'telnyx-api' | 'telnyx-popup';
  /** What the row is called in the report. */
  readonly label: string;
  /** The packages whose versions the report names. */
  readonly packages: readonly string[];
  /** Absolute path of the entry module that imports what an app would import. */
  readonly entry: string;
}

const entry = (name: string) => fileURLToPath(new URL(`./entries/${name}.ts`, import.meta.url));

/** The sign-in path of each library, ours first. */
export const SIGN_IN_PATHS: readonly SizeSubject[] = [
  {
    id: 'telnyx',
    label: '@telnyx-oauth/react + core',
    packages: ['@telnyx-oauth/react', '@telnyx-oauth/core'],
    entry: entry('telnyx-sign-in'),
  },
  {
    id: 'react-oidc-context',
    label: 'react-oidc-context + oidc-client-ts',
    packages: ['react-oidc-context', 'oidc-client-ts'],
    entry: entry('react-oidc-context'),
  },
  {
    id: 'axa-react-oidc',
    label: '@axa-fr/react-oidc',
    packages: ['@axa-fr/react-oidc'],
    entry: entry('axa-react-oidc'),
  },
  {
    id: 'auth0-react',
    label: '@auth0/auth0-react',
    packages: ['@auth0/auth0-react'],
    entry: entry('auth0-react'),
  },
  {
    id: 'msal-react',
    label: '@azure/msal-react + msal-browser',
    packages: ['@azure/msal-react', '@azure/msal-browser'],
    entry: entry('msal-react'),
  },
];

/**
 * Our sign-in path for an app that also signs in with a popup: the same imports plus `popupSupport` from
 * `@telnyx-oauth/core/popup` (the opener's side). A redirect-only app never pays for it.
 */
export const POPUP_SIGN_IN: SizeSubject = {
  id: 'telnyx-popup',
  label: '@telnyx-oauth/react + core + core/popup',
  packages: ['@telnyx-oauth/react', '@telnyx-oauth/core'],
  entry: entry('telnyx-sign-in-popup'),
};

/** Our API client, measured alone (an app that only calls the API pays only this). */
export const API_CLIENT: SizeSubject = {
  id: 'telnyx-api',
  label: '@telnyx-oauth/core/api',
  packages: ['@telnyx-oauth/core'],
  entry: entry('telnyx-api'),
};

/** The sign-in path's goal, gzip bytes (about half of react-oidc-context); see size-check.ts for the budget. */
export const SIGN_IN_BUDGET_GZIP = 10 * 1024;
