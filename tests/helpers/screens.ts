// Screenshots that show the product finished: no placeholder text ("Preparing the preview…"), no
// broken or empty picture, nothing marked busy, in the page or any of its frames (the guard's
// prompt is a frame).
import type { Frame, Page } from 'playwright-core';

/** What is unfinished in one frame: placeholder texts shown, broken pictures, busy regions. */
function unfinishedIn(frame: Frame, placeholders: string[]): Promise<string[]> {
  return frame.evaluate((texts) => {
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const found: string[] = [];
    for (const img of document.querySelectorAll('img')) if (shown(img) && (!img.complete || img.naturalWidth === 0)) found.push(`broken or unloaded picture #${img.id || img.alt}`);
    for (const el of document.querySelectorAll('[aria-busy="true"]')) if (shown(el)) found.push(`busy #${el.id || el.tagName}`);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent ?? '';
      const hit = texts.find((p) => text.includes(p));
      if (hit && n.parentElement && shown(n.parentElement)) found.push(`placeholder "${hit}"`);
    }
    return found;
  }, placeholders);
}

/** Everything unfinished on the page and in its frames. */
export async function unfinished(page: Page, placeholders: string[]): Promise<string[]> {
  const all = await Promise.all(
    page
      .frames()
      .filter((f) => !f.isDetached())
      .map((f) => unfinishedIn(f, placeholders).catch(() => [])),
  );
  return all.flat();
}

/**
 * Waits until the page shows nothing unfinished, takes the screenshot, and checks again: a
 * screenshot of a placeholder fails the test with what was unfinished.
 */
export async function shootFinished(page: Page, path: string, placeholders: string[], timeoutMs = 60_000): Promise<void> {
  for (const end = Date.now() + timeoutMs; Date.now() < end;) {
    if ((await unfinished(page, placeholders)).length === 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  await page.screenshot({ path });
  const left = await unfinished(page, placeholders);
  if (left.length) throw new Error(`${path} shows an unfinished page: ${left.join('; ')}`);
}
