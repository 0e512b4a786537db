/** Stylesheet of the consent page, served as /consent.css (a strict CSP forbids inline styles). */
export const CONSENT_STYLE = `body { font-family: system-ui, sans-serif; background: #f4f6f8; color: #1c1c1c; margin: 0; }
main { max-width: 28rem; margin: 3rem auto; background: #fff; border-radius: 12px; padding: 2rem;
  box-shadow: 0 2px 12px rgb(0 0 0 / 0.08); }
header { display: flex; align-items: center; gap: 0.75rem; }
h1 { font-size: 1.3rem; margin: 0; }
.badge { font-size: 0.75rem; background: #00c08b; color: #fff; border-radius: 999px; padding: 0.1rem 0.5rem;
  vertical-align: middle; }
.dev-banner { font-size: 0.8rem; background: #fff4d6; border-radius: 6px; padding: 0.4rem 0.6rem; }
ul { padding-left: 1.2rem; }
li { margin: 0.4rem 0; }
.note { font-size: 0.85rem; color: #555; }
[role='alert'] { color: #b00020; }
.actions { display: flex; gap: 0.75rem; justify-content: flex-end; margin-top: 1.5rem; }
button { font: inherit; padding: 0.5rem 1.2rem; border-radius: 6px; border: 1px solid #999; background: #fff;
  cursor: pointer; }
button.primary { background: #00c08b; border-color: #00c08b; color: #fff; }
button:disabled { opacity: 0.5; cursor: default; }
`;
