import { browser } from 'wxt/browser';

// File dialogs close a Firefox popup, so files are picked in the stamping page, in a tab.
document.getElementById('open')!.addEventListener('click', async () => {
  await browser.tabs.create({ url: browser.runtime.getURL('/stamp.html') });
  window.close();
});
