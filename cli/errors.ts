// What the command line cannot run, as typed errors with a stable code (src/core/codes.ts)
// whose sentence, in the person's language (src/locales/<lang>.json → cli), says what went wrong
// and what to do: a mistyped command (UsageError, usage.ts), and what stops it before any file
// is stamped (CliSetupError: no Chromium, no built extension, a trace-key file that is not a key).
import type { CliErrorCode } from '../src/core/codes.ts';
import type { Lang } from '../src/core/lang.ts';
import { message, type MessageCode, type Params } from '../src/core/messages.ts';

/** An error told in the person's language; `message` is the English sentence. */
export class CliMessageError<C extends MessageCode> extends Error {
  constructor(
    readonly code: C,
    readonly params: Params = {},
  ) {
    super(message(code, 'en', params));
  }
  localized(lang: Lang): string {
    return message(this.code, lang, this.params);
  }
}

export type CliSetupCode = Extract<CliErrorCode, 'chromium-missing' | 'not-built' | 'bad-trace-key'>;

export class CliSetupError extends CliMessageError<CliSetupCode> {
  override readonly name = 'CliSetupError';
}
