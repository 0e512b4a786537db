/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_TELNYX_ISSUER?: string;
  readonly VITE_TELNYX_CLIENT_ID?: string;
  readonly VITE_TELNYX_REDIRECT_URI?: string;
  readonly VITE_TELNYX_SCOPE?: string;
  readonly VITE_TELNYX_TOKEN_HANDLER?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
