// Every UI language, for the build (_locales/<lang>/messages.json) and the completeness test.
// English and Simplified Chinese live in ../messages.ts; each other language in its own file
// here, typed Record<MessageKey, string>: a key missing from any file fails the typecheck.
import type { Lang } from '../../core/lang.ts';
import { en, zh_CN, type MessageKey } from '../messages.ts';
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

export const ALL_LOCALES: Record<Lang, Record<MessageKey, string>> = { en, zh_CN, zh_TW, ja, ko, vi, id, th, tr, ru, uk, es, pt_BR, fr, de, ar, hi };
