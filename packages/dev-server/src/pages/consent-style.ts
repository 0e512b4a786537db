/**
 * Stylesheet of the consent page, served as /consent.css (a strict CSP forbids inline styles). Every colour
 * is a custom property of one of two palettes, light and `prefers-color-scheme: dark`, each chosen so that
 * text meets WCAG AA contrast (4.5:1) on its background and control borders 3:1 (consent-style.test.ts
 * checks every pair).
 */

/** The colours of one scheme. */
export interface Palette {
  /** Page background, around the card. */
  page: string;
  /** The card (main) background. */
  card: string;
  text: string;
  /** Secondary text (notes, links row). */
  muted: string;
  link: string;
  /** The Allow button and the Verified badge: background and text. */
  accent: string;
  onAccent: string;
  /** The dev-server banner: background and text. */
  banner: string;
  onBanner: string;
  /** Error text. */
  danger: string;
  /** Borders of controls (the Deny button). */
  border: string;
}

/** The light and dark palettes (brand green #00c08b is too light for white text, so light mode darkens it). */
export const PALETTES: Readonly<Record<'light' | 'dark', Palette>> = {
  light: {
    page: '#f4f6f8',
    card: '#ffffff',
    text: '#1c1c1c',
    muted: '#555555',
    link: '#0b57d0',
    accent: '#007a55',
    onAccent: '#ffffff',
    banner: '#fff4d6',
    onBanner: '#1c1c1c',
    danger: '#b00020',
    border: '#767676',
  },
  dark: {
    page: '#0f1419',
    card: '#1a2027',
    text: '#e8eaed',
    muted: '#b0b8c1',
    link: '#8ab4f8',
    accent: '#00c08b',
    onAccent: '#0b1f17',
    banner: '#3d3200',
    onBanner: '#ffe9a8',
    danger: '#ff8a80',
    border: '#8b949e',
  },
};

/** Which text colour the page shows on which background (the pairs the contrast test checks). */
export const CONTRAST_PAIRS: ReadonlyArray<readonly [keyof Palette, keyof Palette]> = [
  ['text', 'card'],
  ['text', 'page'],
  ['muted', 'card'],
  ['link', 'card'],
  ['onAccent', 'accent'],
  ['onBanner', 'banner'],
  ['danger', 'card'],
];

function variables(palette: Palette): string {
  return Object.entries(palette)
    .map(([name, value]) => `  --${name}: ${value};`)
    .join('\n');
}

/** The stylesheet itself. */
export const CONSENT_STYLE = `:root {
  color-scheme: light dark;
${variables(PALETTES.light)}
}
@media (prefers-color-scheme: dark) {
  :root {
${variables(PALETTES.dark).replaceAll('\n', '\n  ').replace(/^/, '  ')}
  }
}
body { font-family: system-ui, sans-serif; background: var(--page); color: var(--text); margin: 0; }
main { max-width: 28rem; margin: 3rem auto; background: var(--card); border-radius: 12px; padding: 2rem;
  box-shadow: 0 2px 12px rgb(0 0 0 / 0.08); }
header { display: flex; align-items: center; gap: 0.75rem; }
h1 { font-size: 1.3rem; margin: 0; }
a { color: var(--link); }
.badge { font-size: 0.75rem; background: var(--accent); color: var(--onAccent); border-radius: 999px;
  padding: 0.1rem 0.5rem; vertical-align: middle; }
.dev-banner { font-size: 0.8rem; background: var(--banner); color: var(--onBanner); border-radius: 6px;
  padding: 0.4rem 0.6rem; }
ul { padding-left: 1.2rem; }
li { margin: 0.4rem 0; }
.note { font-size: 0.85rem; color: var(--muted); }
[role='alert'] { color: var(--danger); }
.actions { display: flex; gap: 0.75rem; justify-content: flex-end; margin-top: 1.5rem; }
button { font: inherit; padding: 0.5rem 1.2rem; border-radius: 6px; border: 1px solid var(--border);
  background: var(--card); color: var(--text); cursor: pointer; }
button.primary { background: var(--accent); border-color: var(--accent); color: var(--onAccent); }
button:disabled { opacity: 0.5; cursor: default; }
button:focus-visible, a:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
`;
