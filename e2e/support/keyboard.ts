/**
 * Driving the demo with the keyboard alone, as a person who does not use a mouse: Tab / Shift+Tab to move,
 * Enter or Space to act, typing into fields. Every stop is checked to show a visible focus indicator.
 */
import { expect, type Locator, type Page } from '@playwright/test';

/** Fails unless `target` has focus, matches :focus-visible and draws an outline (or a focus shadow). */
export async function expectVisibleFocus(target: Locator): Promise<void> {
  await expect(target).toBeFocused();
  const focus = await target.evaluate((element) => {
    const style = getComputedStyle(element);
    const outline =
      style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
        ? `${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}`
        : '';
    return {
      focusVisible: element.matches(':focus-visible'),
      indicator: outline || (style.boxShadow !== 'none' ? style.boxShadow : ''),
    };
  });
  expect(focus.focusVisible, 'the focused element matches :focus-visible').toBe(true);
  expect(focus.indicator, 'the focused element draws a focus outline').not.toBe('');
}

/**
 * Presses Tab (or Shift+Tab) until `target` has focus, at most `max` times, then checks its focus is
 * visible. Every stop on the way is a place a keyboard user passes through.
 */
export async function tabTo(
  page: Page,
  target: Locator,
  { backwards = false, max = 80 }: { backwards?: boolean; max?: number } = {},
): Promise<void> {
  await expect(target).toBeVisible();
  const hasFocus = () => target.evaluate((element) => element === document.activeElement);
  for (let presses = 0; presses < max && !(await hasFocus()); presses += 1) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  await expectVisibleFocus(target);
}

/** Tabs to `target` and presses `key` on it (Enter for links and buttons, Space for buttons and boxes). */
export async function press(
  page: Page,
  target: Locator,
  key: 'Enter' | 'Space' = 'Enter',
  options: { backwards?: boolean; max?: number } = {},
): Promise<void> {
  await tabTo(page, target, options);
  await page.keyboard.press(key);
}
