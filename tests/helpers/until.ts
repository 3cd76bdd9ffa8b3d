// Waiting on something only the page can read (extension storage, say).
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Waits until `check`, run in the page, resolves to true. Not `page.waitForFunction`: it does
 * not await an async predicate (the Promise itself counts as truthy), so a wait for storage
 * written that way returned at once, and a reload could overtake the write it waited for.
 */
export async function untilInPage(page: Page, check: () => Promise<boolean>, timeout = 15_000): Promise<void> {
  await expect.poll(() => page.evaluate(check), { timeout, interval: 50 }).toBe(true);
}
