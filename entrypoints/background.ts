// Background: the upload guard's broker (one-time prompt tokens, the prompt window, the toolbar
// badge when a page interfered), the device's trace key, and the welcome page on first install (not for Firefox's
// temporary add-ons, reinstalled on every start while developing). It keeps no files and makes
// no requests.
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { startBroker, type BrokerBrowser } from '../src/guard/background/broker.ts';
import type { GuardMessage } from '../src/guard/protocol.ts';
import { traceKey } from '../src/history/trace-key.ts';

export default defineBackground(() => {
  const action = (browser.action ?? (browser as unknown as { browserAction: BrokerBrowser['action'] }).browserAction) as BrokerBrowser['action'];
  const handle = startBroker({ runtime: browser.runtime, storage: browser.storage, tabs: browser.tabs, windows: browser.windows, action } as unknown as BrokerBrowser);
  browser.runtime.onMessage.addListener((msg, sender) => handle(msg as GuardMessage, sender) as Promise<unknown> | undefined);
  browser.runtime.onInstalled.addListener((details) => {
    // The trace key is made on install (and on the update that brings it), before any copy.
    void traceKey();
    // Firefox adds `temporary`; Chrome's type lacks it.
    if (details.reason === 'install' && !(details as { temporary?: boolean }).temporary) void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
  });
});
