// The upload guard's content script: every page and frame, from the start, also in frames
// without an origin of their own (data:, blob:, sandboxed srcdoc). Kept tiny; the stamping
// itself happens in the prompt frame (entrypoints/prompt), loaded only when needed.
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startGuard, type GuardEnv } from '../src/guard/content/catch.ts';

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  matchOriginAsFallback: true,
  runAt: 'document_start',
  main() {
    const dom = (browser as unknown as { dom?: { openOrClosedShadowRoot(el: Element): ShadowRoot | null } }).dom;
    const promptUrl = browser.runtime.getURL('/prompt.html');
    startGuard({
      window,
      storage: browser.storage.local,
      promptUrl,
      // Chrome loads the dynamic address (use_dynamic_url) as the extension's own origin.
      promptOrigin: import.meta.env.FIREFOX ? new URL(promptUrl).origin : `chrome-extension://${browser.runtime.id}`,
      runtime: browser.runtime as unknown as GuardEnv['runtime'],
      // Chrome: chrome.dom; Firefox: a property of elements in content scripts.
      shadowOf: (el) => (dom ? dom.openOrClosedShadowRoot(el) : ((el as unknown as { openOrClosedShadowRoot?: ShadowRoot | null }).openOrClosedShadowRoot ?? null)),
    });
  },
});
