import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Accessibility violations a user would hit hard: axe-core's serious and critical ones, readably. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  // An empty page passes every rule it has nothing to check against: make sure axe saw the page.
  expect(result.passes.length).toBeGreaterThan(10);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The page has loaded its data and its fonts (CJK fonts load late), ready for a screenshot. */
export async function settled(page: Page): Promise<void> {
  await page.locator('.loading').first().waitFor({ state: 'detached', timeout: 15_000 });
  // Runs in the page (a string: the tests compile without the DOM library).
  await page.evaluate('document.fonts.ready.then(() => true)');
}
