/**
 * Images the dev server serves itself, so neither the consent page nor a browser fetches anything from
 * the internet.
 */

/** The demo client's logo (the seeded logo_uri points here). */
export const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48" role="img" aria-label="Telnyx OAuth Demo">
<rect width="48" height="48" rx="10" fill="#00c08b"/>
<path d="M14 16h20v5h-7.5v15h-5V21H14z" fill="#fff"/>
</svg>
`;

/** The dev server's icon, linked from the consent page as /favicon.svg. */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48">
<rect width="48" height="48" rx="10" fill="#007a55"/>
<path d="M14 16h20v5h-7.5v15h-5V21H14z" fill="#fff"/>
</svg>
`;

/**
 * /favicon.ico, which browsers ask for on their own for any page of this origin (JSON, error pages): the
 * same icon rendered as a 32×32 PNG inside an ICO container (one directory entry), base64.
 */
export const FAVICON_ICO: Uint8Array<ArrayBuffer> = Uint8Array.from(
  Buffer.from(
    'AAABAAEAICAAAAEAIACTAAAAFgAAAIlQTkcNChoKAAAADUlIRFIAAAAgAAAAIAgGAAAAc3p69AAAAFpJREFUeNrt10sKACAMQ8Fe0st4ed0JihQR+lFewHVmUzAia2pppk+NdbmK8CrfIrzLJ0RU+UAAAPAC4DYA/gGcoNyvAAAAAADCAXxIPgKED5MU0yzFOA2a5x2di8F6qt3fwwAAAABJRU5ErkJggg==',
    'base64',
  ),
);
