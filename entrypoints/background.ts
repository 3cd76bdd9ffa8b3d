// Background: no file processing. On first install it opens the welcome page (not for Firefox's
// temporary add-ons, which are reinstalled on every start while developing).
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';

export default defineBackground(() => {
  browser.runtime.onInstalled.addListener((details) => {
    // Firefox adds `temporary`; Chrome's type lacks it.
    if (details.reason === 'install' && !(details as { temporary?: boolean }).temporary) void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
  });
});
