// What stops the command line before any file is stamped, beyond a mistyped command (usage.ts):
// no Chromium, no built extension, a trace-key file that is not a key. A typed error with a
// stable code (src/core/codes.ts) whose sentence, in the person's language, says what to do.
import type { CliErrorCode } from '../src/core/codes.ts';
import type { Lang } from '../src/core/lang.ts';
import { message, type Params } from '../src/core/messages.ts';

export type CliSetupCode = Extract<CliErrorCode, 'chromium-missing' | 'not-built' | 'bad-trace-key'>;

export class CliSetupError extends Error {
  override readonly name = 'CliSetupError';
  constructor(
    readonly code: CliSetupCode,
    readonly params: Params = {},
  ) {
    super(message(code, 'en', params));
  }
  localized(lang: Lang): string {
    return message(this.code, lang, this.params);
  }
}
