// @vitest-environment node
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { signInWithTelnyxCss } from './sign-in-styles.js';

/** CSS without comments and whitespace, to compare rules whatever the formatting. */
const rules = (css: string): string => css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, '');

describe('the sign-in button stylesheet', () => {
  it('ships as a file (@telnyx-oauth/react/sign-in-with-telnyx.css) with the same rules as the string', async () => {
    const file = await readFile(new URL('./sign-in-with-telnyx.css', import.meta.url), 'utf8');
    expect(rules(file)).toBe(rules(signInWithTelnyxCss));
    expect(rules(file)).toContain('.telnyx-signin:focus-visible{outline:var(--telnyx-signin-focus-ring');
  });
});
