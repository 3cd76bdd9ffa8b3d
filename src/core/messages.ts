// What the core says, in every language, from the translation tree (src/locales/<lang>.json):
// error and warning messages, the command line's own errors and the default purpose line.
// Every language is here at once because a StampError is put into words synchronously, in the
// page's language or the command line's --lang. Only these sections are imported (named
// imports, so the bundler leaves each file's `ui` section out of the pages that use the core).
import type { CliErrorCode, CliHelpCode, CliTextCode, CliUsageCode, StampErrorCode, WarningCode } from './codes.ts';
import { fill, type Params } from './fill.ts';
import type { Lang } from './lang.ts';
import { cli as arCli, errors as arErrors, purpose as arPurpose, warnings as arWarnings } from '../locales/ar.json';
import { cli as deCli, errors as deErrors, purpose as dePurpose, warnings as deWarnings } from '../locales/de.json';
import { cli as enCli, errors as enErrors, purpose as enPurpose, warnings as enWarnings } from '../locales/en.json';
import { cli as esCli, errors as esErrors, purpose as esPurpose, warnings as esWarnings } from '../locales/es.json';
import { cli as frCli, errors as frErrors, purpose as frPurpose, warnings as frWarnings } from '../locales/fr.json';
import { cli as hiCli, errors as hiErrors, purpose as hiPurpose, warnings as hiWarnings } from '../locales/hi.json';
import { cli as idCli, errors as idErrors, purpose as idPurpose, warnings as idWarnings } from '../locales/id.json';
import { cli as jaCli, errors as jaErrors, purpose as jaPurpose, warnings as jaWarnings } from '../locales/ja.json';
import { cli as koCli, errors as koErrors, purpose as koPurpose, warnings as koWarnings } from '../locales/ko.json';
import { cli as ptCli, errors as ptErrors, purpose as ptPurpose, warnings as ptWarnings } from '../locales/pt_BR.json';
import { cli as ruCli, errors as ruErrors, purpose as ruPurpose, warnings as ruWarnings } from '../locales/ru.json';
import { cli as thCli, errors as thErrors, purpose as thPurpose, warnings as thWarnings } from '../locales/th.json';
import { cli as trCli, errors as trErrors, purpose as trPurpose, warnings as trWarnings } from '../locales/tr.json';
import { cli as ukCli, errors as ukErrors, purpose as ukPurpose, warnings as ukWarnings } from '../locales/uk.json';
import { cli as viCli, errors as viErrors, purpose as viPurpose, warnings as viWarnings } from '../locales/vi.json';
import { cli as zhCli, errors as zhErrors, purpose as zhPurpose, warnings as zhWarnings } from '../locales/zh_CN.json';
import { cli as twCli, errors as twErrors, purpose as twPurpose, warnings as twWarnings } from '../locales/zh_TW.json';

export type MessageCode = StampErrorCode | WarningCode | CliErrorCode | CliUsageCode | CliHelpCode | CliTextCode;
export type { Params };

/**
 * One language's core texts. Typed from English: the unit test (tests/unit/translations.test.ts)
 * checks that every language has the same keys and {fields}.
 */
interface CoreTexts {
  texts: Record<MessageCode, string>;
  /** The default purpose line: `site` with {site} (the domain), `none` when there is no site. */
  purpose: typeof enPurpose;
}

const texts = (errors: typeof enErrors, warnings: typeof enWarnings, cli: typeof enCli, purpose: typeof enPurpose): CoreTexts => ({
  texts: { ...errors, ...warnings, ...cli },
  purpose,
});

const CORE: Record<Lang, CoreTexts> = {
  en: texts(enErrors, enWarnings, enCli, enPurpose),
  zh_CN: texts(zhErrors, zhWarnings, zhCli, zhPurpose),
  zh_TW: texts(twErrors, twWarnings, twCli, twPurpose),
  ja: texts(jaErrors, jaWarnings, jaCli, jaPurpose),
  ko: texts(koErrors, koWarnings, koCli, koPurpose),
  vi: texts(viErrors, viWarnings, viCli, viPurpose),
  id: texts(idErrors, idWarnings, idCli, idPurpose),
  th: texts(thErrors, thWarnings, thCli, thPurpose),
  tr: texts(trErrors, trWarnings, trCli, trPurpose),
  ru: texts(ruErrors, ruWarnings, ruCli, ruPurpose),
  uk: texts(ukErrors, ukWarnings, ukCli, ukPurpose),
  es: texts(esErrors, esWarnings, esCli, esPurpose),
  pt_BR: texts(ptErrors, ptWarnings, ptCli, ptPurpose),
  fr: texts(frErrors, frWarnings, frCli, frPurpose),
  de: texts(deErrors, deWarnings, deCli, dePurpose),
  ar: texts(arErrors, arWarnings, arCli, arPurpose),
  hi: texts(hiErrors, hiWarnings, hiCli, hiPurpose),
};

/** An error, warning or command-line message in `lang`, its {fields} filled in. */
export const message = (code: MessageCode, lang: Lang, params: Params = {}): string => fill(CORE[lang].texts[code], params);

/** The standard purpose line in `lang`, naming `site` when there is one. */
export function purposeLine(site: string, lang: Lang): string {
  const s = site.trim();
  const p = CORE[lang].purpose;
  return s ? fill(p.site, { site: s }) : p.none;
}
