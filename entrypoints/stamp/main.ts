// The stamping page, in a tab: the same panel as the popup, with room for batches and PDFs
// (and the only place Firefox can pick files). window.idstamp lets the CLI and tests drive it.
import { browser } from 'wxt/browser';
import { t } from '../../src/i18n/t.ts';
import { localizePage } from '../../src/ui/language.ts';
import { installAutomation } from '../../src/ui/automation.ts';
import { $ } from '../../src/ui/dom.ts';
import { registrableDomain } from '../../src/sites/domain.ts';
import { mountStamper } from '../../src/ui/stamper.ts';

await localizePage(document);
document.title = t('stampPageTitle');
$('#open-settings').addEventListener('click', () => browser.runtime.openOptionsPage());
installAutomation(window);
await mountStamper($('#stamper'), { site: registrableDomain(new URLSearchParams(location.search).get('site') ?? ''), compact: false });
