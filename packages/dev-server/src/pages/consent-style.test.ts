import { describe, expect, it } from 'vitest';
import { CONSENT_STYLE, CONTRAST_PAIRS, PALETTES, type Palette } from './consent-style.js';

/** WCAG 2.2 relative luminance of an #rrggbb colour. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((c) =>
    c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4,
  );
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.2 contrast ratio. */
function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

describe('consent page colours', () => {
  it.each(Object.entries(PALETTES) as Array<[string, Palette]>)(
    'every text colour meets WCAG AA (4.5:1) on its background in the %s scheme',
    (_scheme, palette) => {
      for (const [text, background] of CONTRAST_PAIRS) {
        const ratio = contrast(palette[text], palette[background]);
        expect(ratio, `${text} on ${background}: ${ratio.toFixed(2)}`).toBeGreaterThanOrEqual(4.5);
      }
    },
  );

  it('control borders meet the 3:1 non-text contrast on the card in both schemes', () => {
    for (const palette of Object.values(PALETTES)) {
      expect(contrast(palette.border, palette.card)).toBeGreaterThanOrEqual(3);
    }
  });

  it('the stylesheet uses the palettes it declares', () => {
    for (const palette of Object.values(PALETTES)) {
      for (const value of Object.values(palette)) expect(CONSENT_STYLE).toContain(value);
    }
    expect(CONSENT_STYLE).not.toMatch(/color: #|background: #/); // every colour goes through a variable
  });
});
