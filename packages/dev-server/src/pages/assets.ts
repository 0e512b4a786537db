/** Images the dev server serves itself, so the consent page fetches nothing from the internet. */

/** The demo client's logo (the seeded logo_uri points here so nothing is fetched from the internet). */
export const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48" role="img" aria-label="Telnyx OAuth Demo">
<rect width="48" height="48" rx="10" fill="#00c08b"/>
<path d="M14 16h20v5h-7.5v15h-5V21H14z" fill="#fff"/>
</svg>
`;
