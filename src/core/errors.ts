// Typed errors: every failure a person can meet has a code (src/core/codes.ts), and every code
// a message in every language (src/locales/<lang>.json → errors) that says what went wrong and
// what to do next.
import type { StampErrorCode } from './codes.ts';
import type { Lang } from './lang.ts';
import { message, type Params } from './messages.ts';

export type { StampErrorCode };
export type { Lang } from './lang.ts';

export class StampError extends Error {
  override readonly name = 'StampError';
  constructor(
    readonly code: StampErrorCode,
    readonly params: Params = {},
  ) {
    super(formatMessage(code, params, 'en'));
  }
  localized(lang: Lang): string {
    return formatMessage(this.code, this.params, lang);
  }
}

export const formatMessage = (code: StampErrorCode, params: Params, lang: Lang): string => message(code, lang, params);

export const isStampError = (e: unknown): e is StampError => e instanceof StampError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'StampError');
