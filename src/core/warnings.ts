// What each warning means for the person, in their language (src/locales/<lang>.json → warnings).
import type { WarningCode } from './codes.ts';
import type { Lang } from './lang.ts';
import { message } from './messages.ts';

export const warningMessage = (code: WarningCode, lang: Lang): string => message(code, lang);
