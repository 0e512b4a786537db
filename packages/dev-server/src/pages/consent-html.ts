import { escapeHtml } from '../infra/http.js';

/**
 * The consent page shell. Everything dynamic comes from the consent API via /consent.js, so the page works
 * under a strict CSP (no inline script or style). The seeded user's API key is embedded because this
 * stands in for a signed-in Telnyx portal session: a dev server only.
 */
export function consentHtml(consentToken: string, apiKey: string, userEmail: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="dev-server-api-key" content="${escapeHtml(apiKey)}">
<title>Authorize application - Telnyx (dev server)</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/consent.css">
<script src="/consent.js" defer></script>
</head>
<body>
<main id="consent" data-consent-token="${escapeHtml(consentToken)}" aria-busy="true">
  <p class="dev-banner">Telnyx OAuth dev server: signed in as ${escapeHtml(userEmail)}</p>
  <header>
    <img id="client-logo" alt="" width="48" height="48" hidden>
    <h1><span id="client-name">Loading…</span> <span id="verified-badge" class="badge" hidden>Verified</span></h1>
  </header>
  <p id="intro" hidden>wants to access your Telnyx account. It is asking for:</p>
  <ul id="scopes" aria-label="Requested permissions"></ul>
  <p id="redirect-note" class="note" hidden></p>
  <p id="consent-error" role="alert" hidden></p>
  <div class="actions">
    <button type="button" id="deny" disabled>Deny</button>
    <button type="button" id="allow" class="primary" disabled>Allow</button>
  </div>
  <p id="links" class="note" hidden><a id="tos-link" hidden>Terms of service</a> <a id="policy-link" hidden>Privacy policy</a></p>
</main>
</body>
</html>
`;
}

/** CSP for the consent page: only same-origin script, style and API calls; images from anywhere. */
export const CONSENT_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: http: data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
