/**
 * Journey: the app runs under a strict Content-Security-Policy.
 * Proves: the production build is served with a CSP that forbids inline script and style, the policy is
 * enforced (an injected inline script does not run), and signing in works under it (the fixture fails any
 * test that triggered a CSP violation).
 */
import { expect, test } from './support/fixtures.js';
import { signIn } from './support/journeys.js';

test('the demo is served with a strict CSP that the browser enforces', async ({ page, tokenWatch }) => {
  const response = await page.goto('/');
  const policy = response?.headers()['content-security-policy'] ?? '';
  expect(policy).toContain("script-src 'self'");
  expect(policy).toContain("style-src 'self'");
  expect(policy).not.toContain('unsafe-inline');
  expect(policy).not.toContain('unsafe-eval');

  const inlineScriptRan = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineScriptRan = true;';
    document.head.append(script);
    return (window as unknown as { __inlineScriptRan?: boolean }).__inlineScriptRan === true;
  });
  expect(inlineScriptRan).toBe(false);
  // The browser reported it, so the CSP check every test runs (support/fixtures.ts) does see violations.
  const isViolation = (message: string) => message.includes('Content Security Policy');
  await expect.poll(() => tokenWatch.consoleMessages.some(isViolation)).toBe(true);
  // Forget the one violation this test caused on purpose.
  tokenWatch.consoleMessages.splice(0, tokenWatch.consoleMessages.length);
});

test('signing in, renewing and signing out work under the strict CSP', async ({ page, tokenWatch }) => {
  await signIn(page);
  await page.getByRole('button', { name: 'Refresh now' }).click();
  await expect(page.getByText(/^Renewed at/)).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in with Telnyx' })).toBeVisible();
  expect(tokenWatch.consoleMessages.filter((message) => message.includes('Content Security Policy'))).toEqual(
    [],
  );
});
