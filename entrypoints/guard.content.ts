// The upload guard's content script: every page and frame, from the start. Kept tiny; the
// stamping itself happens in the prompt frame (entrypoints/prompt), loaded only when needed.
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startGuard } from '../src/guard/catch.ts';

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_start',
  main() {
    startGuard({ window, storage: browser.storage.local, promptUrl: browser.runtime.getURL('/prompt.html') });
  },
});
