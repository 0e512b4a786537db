/**
 * Accessibility checks with axe-core (@axe-core/playwright): a screen passes when axe finds no violation of
 * `serious` or `critical` impact. A failure lists each violation readably (rule, impact, what it means,
 * the elements as CSS selectors, and axe's one-line reason, with the colours and their ratio for colour
 * contrast) so it can be fixed without re-running anything.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import type { Screens } from './fixtures.js';

type Violation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

const FAILING_IMPACTS = new Set(['serious', 'critical']);

export type ColorScheme = 'light' | 'dark';

/** One line per element: its selector, then the first line of axe's explanation (with contrast data). */
function describeViolation(violation: Violation): string {
  const lines = [`[${violation.impact}] ${violation.id}: ${violation.help} (${violation.helpUrl})`];
  for (const node of violation.nodes.slice(0, 8)) {
    const target = node.target.map((part) => (Array.isArray(part) ? part.join(' >>> ') : part)).join(' ');
    // axe's "Fix any of the following:" heading, then one line per failed check (colours and ratio for
    // colour contrast): the first such line says what is wrong.
    const summary = (node.failureSummary ?? '')
      .split('\n')
      .find((line) => line.trim() && !/^Fix /.test(line));
    lines.push(`    ${target}${summary ? ` — ${summary.trim()}` : ''}`);
  }
  if (violation.nodes.length > 8) lines.push(`    … and ${violation.nodes.length - 8} more`);
  return lines.join('\n');
}

/** The serious and critical violations axe finds on the page as it is now, as readable text (empty: none). */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => FAILING_IMPACTS.has(violation.impact ?? ''))
    .map(describeViolation);
}

/** Fails the test when axe finds a serious or critical violation on the page as it is now. */
export async function expectNoSeriousA11yViolations(page: Page, label: string): Promise<void> {
  const violations = await seriousA11yViolations(page);
  expect(violations, `accessibility violations on ${label}:\n${violations.join('\n')}`).toEqual([]);
}

/**
 * The screen as it is now, in the light and then the dark colour scheme: a screenshot of each
 * (test-results/screens/<spec>/<name>-light.png and -dark.png) and an axe scan of each. Both schemes are
 * always captured and scanned, and the failure is soft (the test goes on to its next screens), so one run
 * shows every problem. Leaves the page light.
 */
export async function checkScreenInBothSchemes(page: Page, screens: Screens, name: string): Promise<void> {
  const problems: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expect
      .poll(() => page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches))
      .toBe(colorScheme === 'dark');
    await screens.capture(page, `${name}-${colorScheme}`);
    const violations = await seriousA11yViolations(page);
    if (violations.length > 0) problems.push(`${name} (${colorScheme}):\n${violations.join('\n')}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  // Soft: a journey through several screens goes on and reports every screen's problems at the end.
  expect.soft(problems, `accessibility violations:\n${problems.join('\n')}`).toEqual([]);
}
