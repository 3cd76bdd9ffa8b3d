import { t } from '../../src/i18n/t.ts';
import { localizePage } from '../../src/ui/language.ts';
import { $ } from '../../src/ui/dom.ts';
import { mountOptions } from '../../src/ui/options.ts';

await localizePage(document);
document.title = t('optionsTitle');
await mountOptions($('#options'), $('#saved'));
