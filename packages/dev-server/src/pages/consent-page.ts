import { Hono } from 'hono';
import { CONSENT_CSP, consentHtml } from './consent-html.js';
import { CONSENT_SCRIPT } from './consent-script.js';
import { FAVICON_ICO, FAVICON_SVG, LOGO_SVG } from './assets.js';
import { CONSENT_STYLE } from './consent-style.js';
import { SEED_USER } from '../infra/seed.js';

const IMAGE_CACHE = 'max-age=3600';

/**
 * The page authorize redirects to, standing in for the Telnyx portal's consent screen, with its script,
 * stylesheet and images, and the server's favicon (asked for by browsers on any page of this origin).
 */
export function consentPageRoutes(): Hono {
  const app = new Hono();
  app.get('/consent', (c) => {
    const token = c.req.query('consent_token') ?? '';
    return new Response(consentHtml(token, SEED_USER.apiKey, SEED_USER.email), {
      headers: {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': CONSENT_CSP,
        'Cache-Control': 'no-store',
        'Referrer-Policy': 'no-referrer',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });
  app.get(
    '/consent.js',
    () =>
      new Response(CONSENT_SCRIPT, {
        headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
      }),
  );
  app.get(
    '/consent.css',
    () =>
      new Response(CONSENT_STYLE, {
        headers: { 'Content-Type': 'text/css; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
      }),
  );
  const svg = (body: string) => () =>
    new Response(body, { headers: { 'Content-Type': 'image/svg+xml', 'Cache-Control': IMAGE_CACHE } });
  app.get('/assets/logo.svg', svg(LOGO_SVG));
  app.get('/favicon.svg', svg(FAVICON_SVG));
  app.get(
    '/favicon.ico',
    () =>
      new Response(FAVICON_ICO, {
        headers: { 'Content-Type': 'image/x-icon', 'Cache-Control': IMAGE_CACHE },
      }),
  );
  return app;
}
