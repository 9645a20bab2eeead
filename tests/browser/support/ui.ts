import type { Locator } from 'playwright-core';
import { expect } from 'vitest';

/** How long a page may take to show what a user is waiting for (a live push, a saved step). */
const UI_TIMEOUT = 15_000;

/** playwright-core has no assertions of its own: these wait on the real condition, never on a clock. */
/**
 * Waits until the element is visible. `within` lengthens the wait for work that takes its own time on
 * the server (a plan's search), so a busy machine slows the test down instead of failing it.
 */
export async function shows(locator: Locator, { within = UI_TIMEOUT } = {}): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout: within });
}

export async function gone(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
}

async function textOf(locator: Locator): Promise<string | null> {
  try {
    // biome-ignore lint/performance/useDomNodeTextContent: what the user sees, hidden parts left out.
    return await locator.first().innerText({ timeout: 500 });
  } catch {
    return null;
  }
}

/** The element's visible text becomes `text` (or contains it, with `{ contains: true }`). */
export async function reads(locator: Locator, text: string, { contains = false } = {}): Promise<void> {
  const poll = expect.poll(() => textOf(locator), { timeout: UI_TIMEOUT, interval: 100 });
  if (contains) await poll.toContain(text);
  else await poll.toBe(text);
}
