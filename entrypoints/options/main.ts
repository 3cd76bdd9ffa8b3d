import { localize, t } from '../../src/i18n/t.ts';
import { $ } from '../../src/ui/dom.ts';
import { mountOptions } from '../../src/ui/options.ts';

localize(document);
document.title = t('optionsTitle');
await mountOptions($('#options'), $('#saved'));
