// The upload guard's prompt, shown in a frame over the page (see src/guard/frame.ts).
import { localize } from '../../src/i18n/t.ts';
import { $ } from '../../src/ui/dom.ts';
import { runPrompt } from '../../src/ui/prompt.ts';

localize(document);
await runPrompt(window, $('#prompt'));
