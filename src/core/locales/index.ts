// The core's messages in the languages other than English and Simplified Chinese, one file each.
import type { Lang } from '../lang.ts';
import type { CoreLocale } from './types.ts';
import ar from './ar.ts';
import de from './de.ts';
import es from './es.ts';
import fr from './fr.ts';
import hi from './hi.ts';
import id from './id.ts';
import ja from './ja.ts';
import ko from './ko.ts';
import pt_BR from './pt_BR.ts';
import ru from './ru.ts';
import th from './th.ts';
import tr from './tr.ts';
import uk from './uk.ts';
import vi from './vi.ts';
import zh_TW from './zh_TW.ts';

export type { CoreLocale };
export const CORE_LOCALES: Record<Exclude<Lang, 'en' | 'zh_CN'>, CoreLocale> = { zh_TW, ja, ko, vi, id, th, tr, ru, uk, es, pt_BR, fr, de, ar, hi };
