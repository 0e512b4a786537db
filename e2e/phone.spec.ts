/**
 * Journey: the whole app on a phone (390 × 844, touch).
 * Proves: every screen fits the width without sideways scrolling and stays usable; writes a screenshot of
 * each screen to test-results/screens/phone/.
 */
import { expect, test, type Page } from './support/fixtures.js';
import { signIn, signInButton, signedInHeading } from './support/journeys.js';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

async function expectNoSidewaysScroll(page: Page) {
  const { layoutWidth, overflow } = await page.evaluate(() => ({
    layoutWidth: window.innerWidth,
    overflow: document.documentElement.scrollWidth - window.innerWidth,
  }));
  // Without a working viewport meta tag a phone lays the page out 980 px wide and zooms out: nothing would
  // overflow that, so first prove the page is laid out at the phone's own width.
  expect(layoutWidth, 'the page is laid out at the phone width').toBe(390);
  expect(overflow, 'the page is wider than the screen').toBeLessThanOrEqual(0);
}

test('every screen fits a phone', async ({ page, screens }) => {
  await page.goto('/');
  await expect(signInButton(page)).toBeVisible();
  await expectNoSidewaysScroll(page);
  await screens.capture(page, 'home');

  await signIn(page);
  await expect(signedInHeading(page)).toBeVisible();
  await expect(page.getByTestId('introspection')).toBeVisible();
  await expectNoSidewaysScroll(page);
  await screens.capture(page, 'signed-in');

  await page.getByRole('link', { name: 'Connected apps' }).first().tap();
  await expect(page.getByRole('table')).toBeVisible();
  await expectNoSidewaysScroll(page);
  await screens.capture(page, 'connected-apps');

  await page.getByRole('link', { name: 'OAuth clients' }).first().tap();
  await expect(page.getByRole('table')).toBeVisible();
  await expectNoSidewaysScroll(page);
  await screens.capture(page, 'clients');

  await page.getByRole('link', { name: 'New client' }).tap();
  await expect(page.getByRole('heading', { name: 'New OAuth client' })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await screens.capture(page, 'client-form');

  await page.goto('/callback?code=forged&state=forged');
  await expect(page.getByRole('alert')).toBeVisible();
  await expectNoSidewaysScroll(page);
  await screens.capture(page, 'callback-error');

  await page.goto('/nowhere');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await screens.capture(page, 'not-found');
});
