// What the core says in one language besides English and Simplified Chinese (those two live
// next to the code: errors.ts, warnings.ts, watermark/template.ts). Typed by the code sets, so
// a new error or warning code fails the typecheck until every language has it.
import type { StampErrorCode } from '../errors.ts';
import type { WarningCode } from '../report.ts';

export interface CoreLocale {
  /**
   * The default purpose line, written naturally in the language: `site` with {site} (the
   * domain, e.g. okx.com), `none` when there is no site.
   */
  purpose: { site: string; none: string };
  /** Same {fields} as the English message in errors.ts. */
  errors: Record<StampErrorCode, string>;
  warnings: Record<WarningCode, string>;
}
