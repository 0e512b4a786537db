interface ImportMetaEnv {
  readonly VITE_TELNYX_ISSUER: string;
  readonly VITE_TELNYX_CLIENT_ID: string;
  readonly VITE_TELNYX_SCOPE: string;
}
