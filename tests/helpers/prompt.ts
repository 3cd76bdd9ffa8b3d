// Finding the upload guard's prompt as the person sees it: in a frame of the page, or in a
// window of its own (where a framed prompt moves when it cannot confirm that it is seen, e.g.
// on a loaded machine), and answering it with clicks that a not-yet-armed prompt may let pass.
import type { Frame, Page } from 'playwright-core';
import type { ExtensionBrowser } from '../../tools/harness/chromium.ts';

export function promptFinder(browser: () => ExtensionBrowser, ready = '[data-armed] #go') {
  const windowPages = () =>
    browser()
      .context.pages()
      .filter((p) => p.url().includes('/prompt.html#'));
  const windowsOpen = () => windowPages().length;
  /**
   * Clicks an answer in a prompt that may live in its own window: answering closes that window,
   * sometimes before Playwright has finished the click, which is the expected outcome.
   */
  const answer = async (prompt: Frame, selector: string): Promise<void> => {
    await prompt.click(selector).catch((e: Error) => {
      if (!/has been closed|detached/i.test(e.message)) throw e;
    });
  };
  /** The prompt the person sees for `page`, showing `selector` (default: armed buttons). */
  const shownPrompt = async (page: Page, timeoutMs = 45_000, selector = ready): Promise<Frame> => {
    const shows = async (f: Frame) =>
      !f.isDetached() &&
      f.url().startsWith('chrome-extension://') &&
      f.url().includes('/prompt.html') &&
      (await f
        .locator(selector)
        .count()
        .catch(() => 0)) > 0;
    for (const end = Date.now() + timeoutMs; Date.now() < end;) {
      for (const f of [...windowPages().map((p) => p.mainFrame()), ...page.frames()]) if (await shows(f)) return f;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('no prompt shown');
  };
  /**
   * The person answers: clicks `selector` on the prompt they see, and again if that prompt let the
   * click pass (it was not yet confirmed as seen) or moved to a window meanwhile, until `done`.
   */
  const choose = async (page: Page, selector: string, done: () => Promise<boolean>): Promise<void> => {
    for (let tries = 0; tries < 4; tries++) {
      await answer(await shownPrompt(page), selector);
      for (const end = Date.now() + 4000; Date.now() < end;) {
        if (await done()) return;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error(`${selector} was never taken`);
  };
  /** The prompt is gone: from the page's frames and from any window. */
  const promptGone = (page: Page) => async () => !windowsOpen() && !page.frames().some((f) => !f.isDetached() && f.url().includes('/prompt.html') && f.url().startsWith('chrome-extension://'));
  return { windowsOpen, answer, shownPrompt, choose, promptGone };
}
