// First run: what IDStamp does, the upload guard, each permission, a sample stamp, the language.
import { browser } from 'wxt/browser';
import { t } from '../../src/i18n/t.ts';
import { $ } from '../../src/ui/dom.ts';
import { localizePage } from '../../src/ui/language.ts';
import { mountWelcome } from '../../src/ui/welcome.ts';

await localizePage(document);
document.title = t('welcomeTitle');
await mountWelcome($('#welcome'), {
  openStamper: () => void browser.tabs.create({ url: browser.runtime.getURL('/stamp.html') }),
  openSettings: () => void browser.runtime.openOptionsPage(),
});
