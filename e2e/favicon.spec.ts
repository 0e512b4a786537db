/**
 * Journey: the first page load, as a developer sees it with the console open.
 * Proves: the demo serves its favicon (an SVG linked from index.html, allowed by the strict CSP's img-src
 * 'self'), so no page load ends with a 404 or an error in the console.
 */
import { expect, test } from './support/fixtures.js';

test('the demo serves its favicon: no 404 and no console error on load', async ({ page }) => {
  const consoleErrors: string[] = [];
  const failed: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });

  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Sign in with Telnyx' })).toBeVisible();

  const href = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(href).toBe('/favicon.svg');
  const icon = await page.request.get(new URL(href ?? '', page.url()).href);
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toContain('image/svg+xml');
  expect(await icon.text()).toContain('<svg');

  // Whatever the browser fetched for the page (the favicon included, when it asks) was found.
  await page.waitForLoadState('networkidle');
  expect(failed).toEqual([]);
  expect(consoleErrors).toEqual([]);
});
