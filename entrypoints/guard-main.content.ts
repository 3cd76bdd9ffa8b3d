// MAIN world, before page scripts: route detached file inputs' events through the window.
import { defineContentScript } from 'wxt/utils/define-content-script';
import { adoptDetachedInputs } from '../src/guard/content/detached.ts';

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  matchOriginAsFallback: true,
  runAt: 'document_start',
  world: 'MAIN',
  main() {
    adoptDetachedInputs(window);
  },
});
