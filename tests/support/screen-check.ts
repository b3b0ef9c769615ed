import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** Where every browser spec leaves its screenshots for people to look at (not committed). */
export const SCREENSHOTS = join(__dirname, '..', '..', 'test-artifacts', 'screens');

type Sizes = Record<string, { width: number; height: number }>;

/** The widths a screen must work at: a desktop window, Twenty's side panel and a phone. */
export const WIDTHS = { desktop: { width: 1280, height: 900 }, sidebar: { width: 420, height: 900 }, phone: { width: 375, height: 740 } } as const satisfies Sizes;

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export type AxeViolation = { id: string; impact: string | null; help: string; targets: string[] };

/**
 * Runs axe-core over what the page shows now and returns its serious and critical violations
 * (what keeps a keyboard or screen-reader user out), each with the elements it found them on.
 * Minor and moderate findings are left out so a test can insist on an empty list.
 */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, which the dashboard's Content Security Policy does not govern (a script tag would be refused).
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(AXE_SOURCE);
  const results = (await page.evaluate('window.axe.run(document, { resultTypes: ["violations"] })')) as {
    violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
  };
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, targets: violation.nodes.map((node) => node.target.join(' ')) }));
}

/**
 * Looks at one screen at every width (or those given): saves a full-page screenshot of each as
 * `<name>-<width>.png`, and returns what is wrong (sideways scrolling, serious accessibility
 * violations) so the caller can expect an empty list and read every problem at once. The viewport
 * is put back to desktop afterwards.
 */
export async function checkScreen(page: Page, name: string, widths: Sizes = WIDTHS): Promise<string[]> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const problems: string[] = [];
  for (const [widthName, size] of Object.entries(widths)) {
    await page.setViewportSize(size);
    await page.waitForTimeout(50);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${widthName}.png`), fullPage: true });
    if (!(await page.evaluate('document.documentElement.scrollWidth <= innerWidth'))) problems.push(`${name} scrolls sideways at ${widthName} width`);
    for (const violation of await seriousAccessibilityViolations(page)) {
      problems.push(`${name} at ${widthName} width: ${violation.impact} ${violation.id} (${violation.help}) on ${violation.targets.slice(0, 3).join(', ')}`);
    }
  }
  await page.setViewportSize(WIDTHS.desktop);
  return problems;
}
