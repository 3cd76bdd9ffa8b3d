// Toolbar popup: the stamping panel for the active tab's site. Firefox closes a popup when a
// file dialog opens, so there the panel lives in a tab (the stamping page) instead.
import { browser } from 'wxt/browser';
import { t } from '../../src/i18n/t.ts';
import { localizePage } from '../../src/ui/language.ts';
import { activeTabSite, registrableDomain } from '../../src/sites/domain.ts';
import { $, h } from '../../src/ui/dom.ts';
import { mountGuardToggle } from '../../src/ui/guard-toggle.ts';
import { mountStamper } from '../../src/ui/stamper.ts';

await localizePage(document);
const param = new URLSearchParams(location.search).get('site');
const site = param !== null ? registrableDomain(param) : await activeTabSite(browser.tabs).catch(() => '');

const openTab = async () => {
  await browser.tabs.create({ url: browser.runtime.getURL(`/stamp.html?site=${encodeURIComponent(site)}`) });
  window.close();
};
$('#open-tab').addEventListener('click', openTab);
// The upload guard stopped an upload because the page interfered (src/guard/background/broker.ts): say so once.
const notice = (await browser.storage.session.get('guardNotice').catch(() => ({}))) as { guardNotice?: { site: string } };
if (notice.guardNotice) {
  $('main').prepend(h('p', { id: 'guard-notice', class: 'alert', role: 'alert' }, t('guardInterfered', { site: notice.guardNotice.site || '?' })));
  void browser.storage.session.remove('guardNotice');
  void (browser.action ?? browser.browserAction).setBadgeText({ text: '' });
}
$('#open-settings').addEventListener('click', () => browser.runtime.openOptionsPage());
await mountGuardToggle($('#guard-slot'), site);

if (import.meta.env.FIREFOX) {
  $('#stamper').replaceChildren(h('p', null, t('firefoxTabNote')), h('button', { type: 'button', class: 'primary', id: 'choose-in-tab', on: { click: openTab } }, t('chooseInTab')));
  $('#open-tab').hidden = true;
} else {
  await mountStamper($('#stamper'), { site, compact: true });
}
